// How a report's cells read (pure, unit-tested): each column says its kind, and the console formats by it
// in the agent's language — a duration as "1 min 05 s" or "2 h 03 min", a percentage with one decimal, a
// day or an hour localised. Also the table's sort order and which chart a table is drawn as.
import type { ColumnKind, ReportColumn, ReportRow, ReportTable } from '#shared/reports.schema.ts';

export type Cell = ReportRow['cells'][string];
/** The unit words a duration is written with, in the page's language. */
export type Units = { h: string; min: string; s: string };

const two = (n: number) => String(n).padStart(2, '0');

/** Seconds as a person reads a wait: "45 s", "1 min 05 s", "2 h 03 min" (rounded to the second). */
export function formatSeconds(total: number, u: Units): string {
  const s = Math.max(0, Math.round(total));
  if (s < 60) return `${s} ${u.s}`;
  if (s < 3600) return `${Math.floor(s / 60)} ${u.min} ${two(s % 60)} ${u.s}`;
  const minutes = Math.round(s / 60);
  return `${Math.floor(minutes / 60)} ${u.h} ${two(minutes % 60)} ${u.min}`;
}

/** A day of the report ("2026-12-07") as the language writes it, with its weekday. */
export function formatDay(day: string, lang: string): string {
  const d = new Date(`${day.slice(0, 10)}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return day;
  return new Intl.DateTimeFormat(lang, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }).format(d);
}

/** A local hour of the day (0–23, or "14") as the language writes the start of it: "14:00", "2 p. m.". */
export function formatHour(hour: number | string, lang: string): string {
  const h = Number(hour);
  if (!Number.isInteger(h) || h < 0 || h > 23) return String(hour);
  return new Intl.DateTimeFormat(lang, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2026, 0, 1, h)),
  );
}

/** A day of the week (0 = Sunday) by its name in the language. */
export function formatWeekday(day: number | string, lang: string): string {
  const d = Number(day);
  if (!Number.isInteger(d) || d < 0 || d > 6) return String(day);
  // 2026-01-04 was a Sunday.
  return new Intl.DateTimeFormat(lang, { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2026, 0, 4 + d, 12)),
  );
}

/** One cell as the table shows it; an empty cell is a dash. */
/** `timeZone`: the report's, for instants (the browser's would put a 23:30 login on another day). */
export function formatCell(kind: ColumnKind, value: Cell, lang: string, u: Units, timeZone?: string): string {
  if (value === null || value === '') return '—';
  const n = typeof value === 'number' ? value : Number(value);
  const numeric = typeof value === 'number' || (value.trim() !== '' && Number.isFinite(n));
  switch (kind) {
    case 'count':
      return numeric ? new Intl.NumberFormat(lang, { maximumFractionDigits: 0 }).format(n) : String(value);
    case 'percent':
      return numeric
        ? `${new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n)} %`
        : String(value);
    case 'rating':
      return numeric
        ? new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n)
        : String(value);
    case 'seconds':
      return numeric ? formatSeconds(n, u) : String(value);
    case 'date':
      return formatDay(String(value), lang);
    case 'hour':
      return formatHour(value, lang);
    case 'weekday':
      return formatWeekday(value, lang);
    case 'datetime': {
      const d = new Date(String(value));
      return Number.isNaN(d.getTime())
        ? String(value)
        : new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(d);
    }
    default:
      // A month of a by-month table ("2026-12") as the language names it.
      return /^\d{4}-\d{2}$/.test(String(value))
        ? new Intl.DateTimeFormat(lang, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
            new Date(`${value}-15T12:00:00Z`),
          )
        : String(value);
  }
}

export type Sort = { key: string; dir: 'asc' | 'desc' } | null;

/** The rows ordered by one column: numbers as numbers, text in the language's order, empty cells last. */
export function sortRows(rows: ReportRow[], sort: Sort, lang: string): ReportRow[] {
  if (!sort) return rows;
  const sign = sort.dir === 'asc' ? 1 : -1;
  const collator = new Intl.Collator(lang, { numeric: true, sensitivity: 'base' });
  return rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => {
      const x = a.row.cells[sort.key] ?? null;
      const y = b.row.cells[sort.key] ?? null;
      if (x === null || y === null) return x === y ? a.i - b.i : x === null ? 1 : -1;
      const order =
        typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
      return order * sign || a.i - b.i;
    })
    .map((e) => e.row);
}

/** Clicking a header: sort by it descending (the biggest figures first), then ascending, then as sent. */
export function nextSort(current: Sort, key: string): Sort {
  if (current?.key !== key) return { key, dir: 'desc' };
  return current.dir === 'desc' ? { key, dir: 'asc' } : null;
}

export type ChartKind = 'line' | 'bar' | 'matrix';

/**
 * The chart a table is drawn as, from its shape: the hour-of-week heatmap as a matrix, a table by day as
 * lines, by hour, channel, agent or rating as bars; none when there is nothing to plot (one row of totals,
 * or no figures).
 */
export function chartKindOf(table: ReportTable): ChartKind | null {
  if (heatmapOf(table)) return 'matrix';
  if (table.rows.length === 0 || seriesOf(table).length === 0) return null;
  return table.columns[0]?.kind === 'date' ? 'line' : 'bar';
}

/** The columns that name a row (its channel, agent, day...) rather than measure it. */
export const isLabel = (c: ReportColumn) => ['text', 'date', 'hour', 'weekday'].includes(c.kind);

/**
 * The figures a chart plots, at most four on one axis: the counts, those one can drill into first;
 * or, in a table of durations with a count beside them (times, attendance), the durations — their
 * averages first. A table without counts (a list of comments) is not charted.
 */
export function seriesOf(table: ReportTable): ReportColumn[] {
  const counts = table.columns.filter((c) => c.kind === 'count');
  const seconds = table.columns.filter((c) => c.kind === 'seconds');
  if (!counts.length) return [];
  if (seconds.length > counts.length) {
    const averages = seconds.filter((c) => /avg$|average/i.test(c.key));
    return (averages.length ? averages : seconds).slice(0, 4);
  }
  return [...counts.filter((c) => c.drill), ...counts.filter((c) => !c.drill)].slice(0, 4);
}

/**
 * The columns before the first figure that name a row: a bar's label joins them ("webchat · Sales"). A
 * table that opens with a score (ratings by score) is named by it.
 */
export function labelColumnsOf(table: ReportTable): ReportColumn[] {
  const end = table.columns.findIndex((c) => !isLabel(c));
  if (end === 0 && table.columns[0].kind === 'rating') return [table.columns[0]];
  return table.columns.slice(0, end === -1 ? table.columns.length : end);
}

/** A heatmap cell: day of the week (0 = Sunday), local hour, and its count. */
export type HeatCell = { weekday: number; hour: number; value: number; row: ReportRow; column: string };

/**
 * The hour-of-week heatmap in a table, if it is one: either a row per weekday with a column per hour
 * (keyed by the hour, "0".."23" or "h0".."h23"), or a row per weekday and hour with a count.
 */
export function heatmapOf(table: ReportTable): HeatCell[] | null {
  const weekdayOf = (row: ReportRow) => {
    const w = Number(row.drill?.weekday ?? row.cells.weekday);
    return Number.isInteger(w) && w >= 0 && w <= 6 ? w : null;
  };
  const hourCols = table.columns.filter((c) => /^h?\d{1,2}$/.test(c.key) && c.kind === 'count');
  if (hourCols.length === 24 && table.rows.every((r) => weekdayOf(r) !== null))
    return table.rows.flatMap((row) =>
      hourCols.map((c) => ({
        weekday: weekdayOf(row)!,
        hour: Number(c.key.replace('h', '')),
        value: Number(row.cells[c.key] ?? 0),
        row,
        column: c.key,
      })),
    );
  const count = table.columns.find((c) => c.kind === 'count');
  const hourKey = table.columns.find((c) => c.kind === 'hour')?.key ?? 'hour';
  if (!table.key.includes('heatmap') || !count) return null;
  const cells = table.rows.flatMap((row) => {
    const weekday = weekdayOf(row);
    const hour = Number(row.drill?.hour ?? row.cells[hourKey]);
    return weekday === null || !Number.isInteger(hour)
      ? []
      : [{ weekday, hour, value: Number(row.cells[count.key] ?? 0), row, column: count.key }];
  });
  return cells.length ? cells : null;
}

/**
 * The hour-of-week heatmap's 168 rows as the week reads on paper: a row per weekday (Monday first) with
 * a column per hour and the day's total; each cell drills into its weekday and hour.
 */
export function pivotHeatmap(table: ReportTable, hourLabel: (h: number) => string): ReportTable | null {
  const cells = heatmapOf(table);
  const count = table.columns.find((c) => c.key === cells?.[0]?.column);
  if (!cells || !count || cells[0].column.match(/^h?\d{1,2}$/)) return null;
  const weekdays = [1, 2, 3, 4, 5, 6, 0];
  const weekdayColumn = table.columns.find((c) => c.kind === 'weekday') ?? {
    key: 'weekday',
    label: 'Weekday',
    kind: 'weekday' as const,
  };
  return {
    key: table.key,
    title: table.title,
    columns: [
      weekdayColumn,
      ...Array.from({ length: 24 }, (_, h) => ({ ...count, key: `h${h}`, label: hourLabel(h) })),
      // The day's total under the count's own key (and heading).
      count,
    ],
    rows: weekdays.map((w) => {
      const mine = cells.filter((c) => c.weekday === w);
      const hours = Object.fromEntries(mine.map((c) => [`h${c.hour}`, c.value]));
      return {
        key: String(w),
        cells: { [weekdayColumn.key]: w, ...hours, [count.key]: mine.reduce((n, c) => n + c.value, 0) },
        drill: { weekday: String(w) },
      };
    }),
  };
}

/** A pivoted heatmap's cell narrows its weekday's drill-down to its hour. */
export function cellDrill(row: ReportRow, column: ReportColumn): Record<string, string> {
  const hour = column.key.match(/^h(\d{1,2})$/)?.[1];
  return hour === undefined ? { ...row.drill } : { ...row.drill, hour };
}
