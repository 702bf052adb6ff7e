// A report table as a file: CSV (UTF-8 with a BOM, so Excel reads accents and Arabic) or an Excel workbook
// (write-excel-file). Both carry the table exactly: the same columns, rows and totals, numbers as numbers
// (seconds as seconds, percentages as percentages). Text that a spreadsheet would run as a formula
// (a contact or agent name starting with "=") is written so that it stays text.
import type { Response } from 'express';
import writeXlsxFile, { type Row, type SheetData } from 'write-excel-file/node';
import type { ReportJson, ReportTable } from '#shared/reports.schema.ts';

type Cell = string | number | null;

const formulaStart = /^[=+\-@\t\r]/;

/** CSV-injection guard: a text cell that opens like a formula gets a leading apostrophe. */
export const safeText = (s: string) => (formulaStart.test(s) ? `'${s}` : s);

function lines(t: ReportTable): Cell[][] {
  const rows = t.totals ? [...t.rows, t.totals] : t.rows;
  return [
    t.columns.map((c) => c.label),
    ...rows.map((r) =>
      t.columns.map((c) => r.cells[c.key] ?? (r === t.totals && c === t.columns[0] ? 'Total' : null)),
    ),
  ];
}

export function tableToCsv(t: ReportTable): string {
  const quote = (v: Cell) => {
    if (v === null) return '';
    if (typeof v === 'number') return String(v);
    const s = safeText(v);
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return `\uFEFF${lines(t)
    .map((l) => l.map(quote).join(','))
    .join('\r\n')}\r\n`;
}

export async function tableToXlsx(t: ReportTable, sheet: string): Promise<Buffer> {
  const data: SheetData = lines(t).map(
    (l, i): Row =>
      l.map((v) =>
        v === null
          ? null
          : typeof v === 'number'
            ? { value: v, type: Number }
            : { value: safeText(v), type: String, ...(i === 0 ? { fontWeight: 'bold' as const } : {}) },
      ),
  );
  return writeXlsxFile(data, {
    sheet: sheet.slice(0, 31),
    stickyRowsCount: 1,
    columns: t.columns.map((c) => ({ width: Math.max(10, Math.min(40, c.label.length + 2)) })),
  }).toBuffer();
}

/** Sends one table of the report as a download named after the report, table and range. */
export async function sendTable(
  res: Response,
  report: ReportJson,
  format: 'csv' | 'xlsx',
  tableKey: string | undefined,
): Promise<ReportTable | null> {
  const t = tableKey ? report.tables.find((x) => x.key === tableKey) : report.tables[0];
  if (!t) return null;
  const name = `${report.report}-${t.key}-${report.range.from}_${report.range.to}.${format}`;
  res.setHeader('content-disposition', `attachment; filename="${name}"`);
  res.setHeader('cache-control', 'no-store');
  if (format === 'csv') res.type('text/csv; charset=utf-8').send(tableToCsv(t));
  else
    res
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .send(await tableToXlsx(t, t.title));
  return t;
}
