// Building the tables reports answer with (shared/reports.schema.ts): columns declared once per report,
// rows from query results, and the report's envelope.
import type { HubContext } from '#server/context.ts';
import type {
  ColumnKind,
  DrillMetric,
  ReportColumn,
  ReportJson,
  ReportName,
  ReportNote,
  ReportRow,
  ReportTable,
} from '#shared/reports.schema.ts';
import { filtersJson, type ReportFrame, rangeJson } from './frame.ts';

export const column = (key: string, label: string, kind: ColumnKind, drill?: DrillMetric): ReportColumn =>
  drill ? { key, label, kind, drill } : { key, label, kind };

export type Cell = string | number | null;

export function row(key: string, cells: Record<string, Cell>, drill?: Record<string, string>): ReportRow {
  return drill ? { key, cells, drill } : { key, cells };
}

export function table(
  key: string,
  title: string,
  columns: ReportColumn[],
  rows: ReportRow[],
  totals?: ReportRow,
): ReportTable {
  return totals ? { key, title, columns, rows, totals } : { key, title, columns, rows };
}

/** What a report's builder gives back; the route adds the range and filters. */
export type ReportBody = { tables: ReportTable[]; counting: ReportNote[] };

export type ReportBuilder = (ctx: HubContext, frame: ReportFrame) => Promise<ReportBody>;

export function envelope(name: ReportName, frame: ReportFrame, body: ReportBody): ReportJson {
  return {
    report: name,
    range: rangeJson(frame),
    filters: filtersJson(frame),
    tables: body.tables,
    counting: body.counting,
  };
}

/** A number from either driver (pg gives bigint and numeric aggregates as strings). */
export const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
