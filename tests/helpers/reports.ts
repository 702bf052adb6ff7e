// Reading the reports from specs: a report's table by key, and a row's cells.
import { expect } from 'vitest';
import type { ReportNote } from '#shared/reports.schema.ts';
import { client } from './hub.ts';

export type Cells = Record<string, string | number | null>;
export type Table = {
  key: string;
  columns: { key: string; label: string; drill?: string }[];
  rows: { key: string; cells: Cells; drill?: Record<string, string> }[];
  totals?: { cells: Cells };
};

/** The UTC day of an instant, as the reports take their range. */
export const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** GET /reports/<name>?<query>, expecting 200; the report's tables by key. */
export async function readReport(baseUrl: string, token: string, name: string, query: string) {
  const r = await client(baseUrl, token).get(`/reports/${name}?${query}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  const data = (
    r.body as { data: { tables: Table[]; filters: Record<string, string>; counting: ReportNote[] } }
  ).data;
  const table = (key: string) => {
    const t = data.tables.find((x) => x.key === key);
    if (!t) throw new Error(`no table ${key} in ${name}`);
    return t;
  };
  return { data, table };
}

/**
 * One channel's service-level figures over the days around `aroundMs` (the hub's clock), in the names
 * the figures had before the reports existed.
 */
export async function serviceLevelOf(baseUrl: string, token: string, channel: string, aroundMs: number) {
  const q = `from=${utcDay(aroundMs - 86_400_000)}&to=${utcDay(aroundMs + 86_400_000)}&channel=${channel}`;
  const { table } = await readReport(baseUrl, token, 'service-level', q);
  const c = table('byChannel').rows.find((r) => r.key === channel)?.cells;
  if (!c) throw new Error(`no ${channel} contacts in the service-level report`);
  return {
    targetSeconds: c.targetSeconds,
    registered: c.registered,
    answered: c.answered,
    answeredWithinTarget: c.answeredWithin,
    serviceLevelPercent: c.serviceLevel,
    averageFirstResponseSeconds: c.averageFirstResponse,
    unanswered: c.unanswered,
  };
}

/**
 * One table of a report as the hub exports it: the CSV's lines (BOM dropped), the workbook's rows, and
 * the rows the table itself says they hold (its rows, then the totals labelled "Total" in `labelColumn`).
 */
export async function exportedTable(
  baseUrl: string,
  token: string,
  name: string,
  query: string,
  table: Table & { columns: { key: string; label: string }[] },
  labelColumn: string,
) {
  const get = async (format: 'csv' | 'xlsx') => {
    const r = await fetch(`${baseUrl}/api/v1/reports/${name}?${query}&format=${format}&table=${table.key}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(r.status).toBe(200);
    return r;
  };
  const csv = (await (await get('csv')).text())
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  const { readSheet } = await import('read-excel-file/node');
  const sheet = await readSheet(Buffer.from(await (await get('xlsx')).arrayBuffer()));
  const expected = [...table.rows, ...(table.totals ? [table.totals] : [])].map((r, i) =>
    table.columns.map(
      (c) => r.cells[c.key] ?? (i === table.rows.length && c.key === labelColumn ? 'Total' : null),
    ),
  );
  return { csv, sheet, header: table.columns.map((c) => c.label), expected };
}
