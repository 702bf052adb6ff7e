// The reports page's state lives in its URL (pure, unit-tested): /reports/<name>?from=&to=&<filters>, so a
// reload or a shared link shows the same report. Also the range presets, counted in the report's time
// zone (the account's, as the hub last answered it), and the query strings of the report, its drill-down
// and its exports, all built from the same state so the three always agree.
import type { DrillMetric, ReportName } from '#shared/reports.schema.ts';

/**
 * The reports, in the order the page lists them: the schema's `reportNames` restated, because importing
 * it would bundle zod into the console; the check below fails the build when the two part ways.
 */
export const reportNames = [
  'service-level',
  'volume',
  'times',
  'abandoned',
  'satisfaction',
  'compliance',
  'attendance',
  'agents',
  'sales',
] as const satisfies readonly ReportName[];
type Missing = Exclude<ReportName, (typeof reportNames)[number]>;
export const everyReportListed: Missing extends never ? true : Missing = true;

/** Who reads the reports (the header links them, app.tsx routes them): an agent, their own figures. */
export const reportReaders = (u: { role: string }) =>
  ['admin', 'supervisor', 'finance', 'agent'].includes(u.role);

export const filterKeys = [
  'channel',
  'inboxId',
  'teamId',
  'agentId',
  'labelId',
  'category',
  'campaignId',
] as const;
export type FilterKey = (typeof filterKeys)[number];
export type ReportFilters = Partial<Record<FilterKey, string>>;
export type ReportState = { name: ReportName; from: string; to: string; filters: ReportFilters };

export const presets = ['today', 'yesterday', 'last7', 'thisMonth', 'lastMonth'] as const;
export type Preset = (typeof presets)[number];

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

/** The calendar day `now` falls on in `timeZone` (the browser's when absent or unknown). */
export function todayIn(now: Date, timeZone?: string): string {
  const fmt = (zone?: string) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
  try {
    return fmt(timeZone).format(now);
  } catch {
    return fmt().format(now);
  }
}

/** `day` moved by `n` calendar days. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The first and last day of the month `day` falls in. */
export function monthOf(day: string): { from: string; to: string } {
  const [y, m] = day.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const mm = String(m).padStart(2, '0');
  return { from: `${y}-${mm}-01`, to: `${y}-${mm}-${String(last).padStart(2, '0')}` };
}

/** The days a preset covers, both included, as seen on `today`. */
export function presetRange(preset: Preset, today: string): { from: string; to: string } {
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case 'yesterday':
      return { from: addDays(today, -1), to: addDays(today, -1) };
    case 'last7':
      return { from: addDays(today, -6), to: today };
    case 'thisMonth':
      return { from: monthOf(today).from, to: today };
    case 'lastMonth':
      return monthOf(addDays(monthOf(today).from, -1));
  }
}

/** The preset a range is, on `today`, if any (so its button shows as chosen). */
export function presetOf(range: { from: string; to: string }, today: string): Preset | null {
  return (
    presets.find((p) => {
      const r = presetRange(p, today);
      return r.from === range.from && r.to === range.to;
    }) ?? null
  );
}

/** Whether the range is one whole calendar month (what the monthly regulator report prints). */
export function isWholeMonth(range: { from: string; to: string }): boolean {
  const m = monthOf(range.from);
  return m.from === range.from && m.to === range.to;
}

/**
 * The state a URL shows. An unknown report name is the first report; a missing or malformed range is the
 * last seven days up to `today`; a range given backwards is put the right way round.
 */
export function parseReportState(pathname: string, search: string, today: string): ReportState {
  const slug = pathname.replace(/^\/reports\/?/, '').split('/')[0];
  const name = (reportNames as readonly string[]).includes(slug) ? (slug as ReportName) : reportNames[0];
  const q = new URLSearchParams(search);
  let from = q.get('from') ?? '';
  let to = q.get('to') ?? '';
  if (!isoDay.test(from) || !isoDay.test(to)) ({ from, to } = presetRange('last7', today));
  if (from > to) [from, to] = [to, from];
  const filters: ReportFilters = {};
  for (const k of filterKeys) {
    const v = q.get(k)?.trim();
    if (v) filters[k] = v;
  }
  return { name, from, to, filters };
}

/** The range and filters as query parameters, in a stable order. */
function params(state: ReportState): URLSearchParams {
  const q = new URLSearchParams({ from: state.from, to: state.to });
  for (const k of filterKeys) if (state.filters[k]) q.set(k, state.filters[k]);
  return q;
}

/** The page's own URL for a state (what the address bar shows). */
export function reportUrl(state: ReportState): string {
  return `/reports/${state.name}?${params(state)}`;
}

/** GET /reports/<name>: the report as JSON. */
export function reportApiPath(state: ReportState): string {
  return `/reports/${state.name}?${params(state)}`;
}

/** The same report as a file of one of its tables. */
export function exportApiPath(state: ReportState, format: 'csv' | 'xlsx', table: string): string {
  const q = params(state);
  q.set('format', format);
  q.set('table', table);
  return `/reports/${state.name}?${q}`;
}

/** GET /reports/conversations: the conversations behind one number (the row's own narrowing added). */
export function drillApiPath(
  state: ReportState,
  metric: DrillMetric,
  rowDrill: Record<string, string> = {},
  cursor: string | null = null,
): string {
  const q = params(state);
  q.set('metric', metric);
  for (const [k, v] of Object.entries(rowDrill)) q.set(k, v);
  if (cursor) q.set('cursor', cursor);
  return `/reports/conversations?${q}`;
}
