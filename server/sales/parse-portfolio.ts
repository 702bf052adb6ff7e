// A campaign's portfolio (cartera) file, as a supervisor uploads it, into checked rows and refused lines
// (issue 17). Pure: no database, no contact matching; the import job does that with what this returns.
// Files come from many systems, so the format is read from the bytes (an .xlsx is a zip) rather than the
// name, and a CSV may be `;`-separated (Spanish Excel), carry a BOM, or be Windows-1252 (older Excel).
// Line numbers are the ones the supervisor sees in the spreadsheet, so a refused line can be found.

import { setImmediate as nextTurn } from 'node:timers/promises';
import { parse as parseCsv } from 'csv-parse/sync';
import type { CountryCode } from 'libphonenumber-js';
import { readSheet } from 'read-excel-file/node';
import { AppError } from '#server/errors.ts';
import { type PortfolioRow, type RefusedRow, rowChecker } from './portfolio-cells.ts';
import { type ColumnMapping, mapColumns } from './portfolio-columns.ts';

export type { PortfolioRow, RefusalCode, RefusedRow } from './portfolio-cells.ts';
export type { ColumnMapping, MappedColumn, PortfolioField } from './portfolio-columns.ts';

export type PortfolioFile = { bytes: Buffer; name: string; mime?: string };
export type ParsePortfolioOptions = {
  /** For numbers written without a country code; default Bolivia. */
  phoneCountry?: CountryCode;
  /** Data rows accepted in one file; default 50,000. */
  maxRows?: number;
};
export type ParsedPortfolio = {
  format: 'csv' | 'xlsx';
  columns: ColumnMapping;
  rows: PortfolioRow[];
  refused: RefusedRow[];
};

const DEFAULT_MAX_ROWS = 50_000;

/** A row of the file with the line a spreadsheet shows for it (for CSV, the line the record starts on). */
type SourceRow = { line: number; cells: string[] };

const invalidFile = (message: string, details: Record<string, unknown> = {}, cause?: unknown) =>
  new AppError('validation_failed', message, { cause, details: { field: 'file', ...details } });

const startsWith = (bytes: Buffer, signature: number[]) => signature.every((b, i) => bytes[i] === b);

function detectFormat(file: PortfolioFile): 'csv' | 'xlsx' {
  if (startsWith(file.bytes, [0x50, 0x4b, 0x03, 0x04])) return 'xlsx';
  if (startsWith(file.bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw invalidFile('Old Excel (.xls) files are not read: save the sheet as .xlsx or CSV');
  }
  // Browsers label CSV files application/vnd.ms-excel on Windows, so only a name ending in .xlsx that is
  // not a zip is refused as a broken Excel file; anything else is read as text.
  if (/\.xlsx$/i.test(file.name)) throw invalidFile('The file is named .xlsx but is not an Excel workbook');
  if (file.bytes.subarray(0, 4096).includes(0) && !startsWith(file.bytes, [0xff, 0xfe])) {
    throw invalidFile('The file is neither CSV nor Excel (.xlsx)');
  }
  return 'csv';
}

// Windows-1252's 0x80–0x9F (€, curly quotes, Š…); Node 20's TextDecoder('windows-1252') decodes those
// bytes as Latin-1 controls, so they are put right here. Undefined bytes stay as they are.
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

function decodeText(bytes: Buffer): string {
  // Excel's "Unicode text" export: UTF-16 with a BOM.
  if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Mostly UTF-8 with a few broken bytes: keep it UTF-8 and refuse the rows holding U+FFFD (bad_text).
    // Mostly invalid: an 8-bit export, read as Windows-1252 rather than refusing every accented name.
    const loose = new TextDecoder('utf-8').decode(bytes);
    let decoded = 0;
    let broken = 0;
    for (let i = 0; i < loose.length; i++) {
      const code = loose.charCodeAt(i);
      if (code === 0xfffd) broken++;
      else if (code > 0x7f) decoded++;
    }
    if (decoded > broken) return loose;
    return new TextDecoder('windows-1252')
      .decode(bytes)
      .replace(/\p{Cc}/gu, (c) => (c.charCodeAt(0) >= 0x80 ? CP1252_HIGH[c.charCodeAt(0) - 0x80] : c));
  }
}

/** The separator the header line uses most, outside quotes: `,` unless `;`, tab or `|` wins. */
function detectDelimiter(text: string): string {
  const counts = new Map([...',;\t|'].map((d) => [d, 0]));
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}

const LINE_BREAK = /\r\n|\r|\n/g;

function readCsv(bytes: Buffer): SourceRow[] {
  const text = decodeText(bytes).replace(/^\uFEFF/, '');
  let records: { record: string[]; raw: string }[];
  try {
    // Empty lines are kept as records (and skipped later) so that counting the line breaks in each
    // record's raw text gives every record its starting line; csv-parse's own info.lines counts a CRLF
    // inside a quoted cell twice.
    records = parseCsv(text, {
      delimiter: detectDelimiter(text),
      raw: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      // With `raw`, csv-parse returns { record, raw } per record; its types only know string[][].
    }) as unknown as { record: string[]; raw: string }[];
  } catch (err) {
    throw invalidFile(
      `The file could not be read as CSV: ${err instanceof Error ? err.message : err}`,
      {},
      err,
    );
  }
  let line = 1;
  return records.map(({ record, raw }) => {
    const row = { line, cells: record };
    line += raw.match(LINE_BREAK)?.length ?? 0;
    return row;
  });
}

/** A cell as text: a CI or phone typed as a number gives its digits, not "7123456.0" or "7.1E+7". */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value).toString() : String(value);
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  return String(value);
}

async function readXlsx(bytes: Buffer): Promise<SourceRow[]> {
  let data: unknown[][];
  try {
    data = await readSheet(bytes);
  } catch (err) {
    throw invalidFile('The Excel file could not be read; save it again as .xlsx or CSV', {}, err);
  }
  // read-excel-file keeps empty rows (up to the last non-empty one), so index + 1 is the sheet's row.
  return data.map((row, i) => ({ line: i + 1, cells: row.map(cellText) }));
}

/**
 * The portfolio's rows, each accepted (normalised) or refused with its line and reason. Throws
 * validation_failed (details.field = 'file') when the file as a whole cannot be imported: unreadable,
 * empty, no name or identifier column, or more than `maxRows` customers.
 */
export async function parsePortfolio(
  file: PortfolioFile,
  options: ParsePortfolioOptions = {},
): Promise<ParsedPortfolio> {
  const format = detectFormat(file);
  const source = format === 'xlsx' ? await readXlsx(file.bytes) : readCsv(file.bytes);
  // Blank lines (often at the end, or between blocks) are not rows anyone meant to import.
  const [header, ...data] = source.filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (!header) throw invalidFile('The file is empty');
  const columns = mapColumns(header.cells);
  if (data.length === 0) throw invalidFile('The file has a header but no customers');
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  if (data.length > maxRows) {
    throw invalidFile(
      `The file has ${data.length} rows; at most ${maxRows} are imported at once (too many rows)`,
      {
        rows: data.length,
        maxRows,
      },
    );
  }

  const check = rowChecker(columns, options.phoneCountry ?? 'BO');
  const rows: PortfolioRow[] = [];
  const refused: RefusedRow[] = [];
  for (const [i, { line, cells }] of data.entries()) {
    // Phone parsing is most of the time (tens of µs a row): let the hub's sockets and requests through
    // every thousand rows instead of holding the event loop for a whole 50,000-row file.
    if (i > 0 && i % 1000 === 0) await nextTurn();
    const outcome = check(line, cells);
    if (outcome.ok) rows.push(outcome.row);
    else refused.push(outcome.refused);
  }
  return { format, columns, rows, refused };
}
