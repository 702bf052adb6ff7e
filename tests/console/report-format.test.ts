// How a report's figures read in the console: durations as "1 min 05 s" or "2 h 03 min", percentages and
// ratings with one decimal, days and hours in the agent's language; the sort a header click gives; and
// which chart each kind of table is drawn as (lines by day, bars by hour or agent, the week's heatmap).
import { describe, expect, it } from 'vitest';
import { chartSpec } from '../../agent-console/src/components/report-chart-spec.ts';
import {
  cellDrill,
  chartKindOf,
  formatCell,
  formatSeconds,
  heatmapOf,
  labelColumnsOf,
  nextSort,
  pivotHeatmap,
  seriesOf,
  sortRows,
} from '../../agent-console/src/components/report-format.ts';
import type { ReportTable } from '../../shared/reports.schema.ts';

const u = { h: 'h', min: 'min', s: 's' };

describe('report cells', () => {
  it('writes durations as a person reads a wait', () => {
    expect(formatSeconds(0, u)).toBe('0 s');
    expect(formatSeconds(45.4, u)).toBe('45 s');
    expect(formatSeconds(65, u)).toBe('1 min 05 s');
    expect(formatSeconds(3599, u)).toBe('59 min 59 s');
    expect(formatSeconds(2 * 3600 + 3 * 60 + 10, u)).toBe('2 h 03 min');
    expect(formatSeconds(26 * 3600, u)).toBe('26 h 00 min');
  });

  it('formats each column kind, and an empty cell as a dash', () => {
    expect(formatCell('percent', 87.25, 'en', u)).toBe('87.3 %');
    // An instant in the report's zone: 03:30 UTC is still the evening before in La Paz.
    expect(formatCell('datetime', '2026-12-01T03:30:00.000Z', 'en', u, 'America/La_Paz')).toMatch(
      /Nov 30, 2026.*11:30/,
    );
    expect(formatCell('datetime', '2026-12-01T03:30:00.000Z', 'en', u, 'UTC')).toMatch(/Dec 1, 2026.*3:30/);
    expect(formatCell('percent', 100, 'es', u)).toBe('100,0 %');
    expect(formatCell('rating', 4, 'en', u)).toBe('4.0');
    expect(formatCell('count', 12345, 'en', u)).toBe('12,345');
    expect(formatCell('seconds', 125, 'en', u)).toBe('2 min 05 s');
    expect(formatCell('count', null, 'en', u)).toBe('—');
    expect(formatCell('date', '2026-12-07', 'en', u)).toBe('Mon, Dec 7');
    expect(formatCell('date', '2026-12-07', 'es', u)).toBe('lun, 7 dic');
    expect(formatCell('hour', 14, 'es', u)).toBe('14:00');
    expect(formatCell('hour', 14, 'en', u)).toBe('2:00 PM');
    expect(formatCell('text', '2026-12', 'es', u)).toBe('diciembre de 2026');
    expect(formatCell('text', 'webchat', 'en', u)).toBe('webchat');
    expect(formatCell('weekday', 0, 'en', u)).toBe('Sunday');
    expect(formatCell('weekday', 1, 'es', u)).toBe('lunes');
  });
});

const row = (key: string, cells: Record<string, string | number | null>) => ({ key, cells });

describe('sorting a table', () => {
  const rows = [
    row('a', { name: 'Zoe', handled: 3, fr: null }),
    row('b', { name: 'ana', handled: 12, fr: 40 }),
    row('c', { name: 'Bea', handled: 7, fr: 20 }),
  ];
  const keys = (rs: { key: string }[]) => rs.map((r) => r.key);

  it('orders numbers as numbers and names alphabetically, empty cells last', () => {
    expect(keys(sortRows(rows, { key: 'handled', dir: 'desc' }, 'en'))).toEqual(['b', 'c', 'a']);
    expect(keys(sortRows(rows, { key: 'name', dir: 'asc' }, 'en'))).toEqual(['b', 'c', 'a']);
    expect(keys(sortRows(rows, { key: 'fr', dir: 'asc' }, 'en'))).toEqual(['c', 'b', 'a']);
    expect(keys(sortRows(rows, { key: 'fr', dir: 'desc' }, 'en'))).toEqual(['b', 'c', 'a']);
    expect(keys(sortRows(rows, null, 'en'))).toEqual(['a', 'b', 'c']);
  });

  it('cycles a header through descending, ascending and the hub’s order', () => {
    expect(nextSort(null, 'handled')).toEqual({ key: 'handled', dir: 'desc' });
    expect(nextSort({ key: 'handled', dir: 'desc' }, 'handled')).toEqual({ key: 'handled', dir: 'asc' });
    expect(nextSort({ key: 'handled', dir: 'asc' }, 'handled')).toBeNull();
    expect(nextSort({ key: 'handled', dir: 'asc' }, 'name')).toEqual({ key: 'name', dir: 'desc' });
  });
});

const byDay: ReportTable = {
  key: 'byDay',
  title: 'By day',
  columns: [
    { key: 'day', label: 'Day', kind: 'date' },
    { key: 'registered', label: 'Contacts', kind: 'count', drill: 'registered' },
    { key: 'serviceLevel', label: 'Service level', kind: 'percent' },
  ],
  rows: [row('2026-12-01', { day: '2026-12-01', registered: 3, serviceLevel: 50 })],
};
const byAgent: ReportTable = {
  key: 'byAgent',
  title: 'By agent',
  columns: [
    { key: 'agent', label: 'Agent', kind: 'text' },
    { key: 'handled', label: 'Held', kind: 'count', drill: 'handled' },
    { key: 'p90', label: 'p90', kind: 'seconds' },
  ],
  rows: [row('7', { agent: 'Rosa', handled: 4, p90: 30 })],
};
const heatmap: ReportTable = {
  key: 'heatmap',
  title: 'Hour of week',
  columns: [
    { key: 'weekday', label: 'Day', kind: 'text' },
    ...Array.from({ length: 24 }, (_, h) => ({ key: String(h), label: `${h}`, kind: 'count' as const })),
  ],
  rows: Array.from({ length: 7 }, (_, w) => ({
    key: String(w),
    cells: { weekday: w, ...Object.fromEntries(Array.from({ length: 24 }, (_, h) => [String(h), w * h])) },
    drill: { weekday: String(w) },
  })),
};

describe('charts', () => {
  it('draws days as lines, agents as bars, the hour of week as a matrix, nothing without rows', () => {
    expect(chartKindOf(byDay)).toBe('line');
    expect(chartKindOf(byAgent)).toBe('bar');
    expect(chartKindOf(heatmap)).toBe('matrix');
    expect(chartKindOf({ ...byDay, rows: [] })).toBeNull();
    const cells = heatmapOf(heatmap)!;
    expect(cells).toHaveLength(168);
    expect(cells.find((c) => c.weekday === 3 && c.hour === 10)?.value).toBe(30);
  });

  it('mirrors the chart right to left in Arabic', () => {
    const text = {
      lang: 'ar',
      format: (_c: unknown, v: unknown) => String(v),
      name: (_c: unknown, v: unknown) => String(v),
      label: (c: { label: string }) => c.label,
      weekday: (d: number) => `d${d}`,
      hour: (h: number) => `${h}`,
    };
    const rtl = chartSpec(byDay, { ...text, dir: 'rtl' })!.config.options as any;
    const ltr = chartSpec(byDay, { ...text, dir: 'ltr' })!.config.options as any;
    expect([rtl.scales.x.reverse, rtl.scales.y.position, rtl.plugins.legend.rtl]).toEqual([
      true,
      'right',
      true,
    ]);
    expect([ltr.scales.x.reverse, ltr.scales.y.position, ltr.plugins.legend.rtl]).toEqual([
      false,
      'left',
      false,
    ]);
    const spec = chartSpec(heatmap, { ...text, dir: 'rtl' })!;
    expect(spec.kind).toBe('matrix');
    expect((spec.config.options as any).scales.x.reverse).toBe(true);
    // A click on a cell drills into that weekday's row and hour's column.
    expect(spec.pick(0, 3 * 24 + 10)).toEqual({ rowKey: '3', column: '10' });
    // Only counts are plotted: a percentage beside them would need its own axis.
    expect(chartSpec(byDay, { ...text, dir: 'ltr' })!.config.data.datasets.map((d) => d.label)).toEqual([
      'Contacts',
    ]);
  });
});

const weekRows: ReportTable = {
  key: 'heatmap',
  title: 'Contacts by hour of the week',
  columns: [
    { key: 'weekday', label: 'Weekday', kind: 'weekday' },
    { key: 'hour', label: 'Hour', kind: 'hour' },
    { key: 'contacts', label: 'Contacts', kind: 'count', drill: 'registered' },
  ],
  rows: Array.from({ length: 168 }, (_, i) => {
    const [weekday, hour] = [Math.floor(i / 24), i % 24];
    return {
      key: `${weekday}-${hour}`,
      cells: { weekday, hour, contacts: weekday === 1 && hour === 9 ? 5 : weekday === 1 ? 1 : 0 },
      drill: { weekday: String(weekday), hour: String(hour) },
    };
  }),
};

describe('the hour-of-week heatmap as the hub sends it (a row per weekday and hour)', () => {
  it('is drawn as a matrix and shown as the week: a row per weekday, Monday first, a column per hour', () => {
    expect(chartKindOf(weekRows)).toBe('matrix');
    const week = pivotHeatmap(weekRows, String)!;
    expect(week.rows.map((r) => r.key)).toEqual(['1', '2', '3', '4', '5', '6', '0']);
    expect(week.columns.map((c) => c.key)).toEqual([
      'weekday',
      ...Array.from({ length: 24 }, (_, h) => `h${h}`),
      'contacts',
    ]);
    const monday = week.rows[0];
    expect([monday.cells.h9, monday.cells.h10, monday.cells.contacts]).toEqual([5, 1, 28]);
    // Its cells drill into their weekday and hour; the day's total into the weekday.
    const h9 = week.columns.find((c) => c.key === 'h9')!;
    expect([h9.drill, cellDrill(monday, h9)]).toEqual(['registered', { weekday: '1', hour: '9' }]);
    expect(cellDrill(monday, week.columns.at(-1)!)).toEqual({ weekday: '1' });
    expect(pivotHeatmap(byDay, String)).toBeNull();
  });
});

describe('what a chart plots', () => {
  it('plots average durations in a table of times, drillable counts elsewhere, nothing in a list', () => {
    const times: ReportTable = {
      key: 'byAgent',
      title: 'By agent',
      columns: [
        { key: 'agent', label: 'Agent', kind: 'text' },
        { key: 'handled', label: 'Held', kind: 'count', drill: 'handled' },
        ...['firstResponse', 'nextResponse', 'resolution', 'handle'].flatMap((m) =>
          ['Avg', 'P50', 'P90'].map((s) => ({
            key: `${m}${s}`,
            label: `${m} ${s}`,
            kind: 'seconds' as const,
          })),
        ),
      ],
      rows: [row('7', { agent: 'Rosa', handled: 3 })],
    };
    expect(seriesOf(times).map((c) => c.key)).toEqual([
      'firstResponseAvg',
      'nextResponseAvg',
      'resolutionAvg',
      'handleAvg',
    ]);
    const comments: ReportTable = {
      key: 'comments',
      title: 'Comments',
      columns: [
        { key: 'day', label: 'Day', kind: 'date' },
        { key: 'rating', label: 'Rating', kind: 'rating' },
        { key: 'comment', label: 'Comment', kind: 'text' },
      ],
      rows: [row('1', { day: '2026-12-01', rating: 5, comment: 'Great' })],
    };
    expect(chartKindOf(comments)).toBeNull();
    const scores: ReportTable = {
      key: 'distribution',
      title: 'Ratings by score',
      columns: [
        { key: 'rating', label: 'Rating', kind: 'rating' },
        { key: 'rated', label: 'Rated', kind: 'count', drill: 'rated' },
        { key: 'share', label: 'Share', kind: 'percent' },
      ],
      rows: [row('5', { rating: 5, rated: 2, share: 100 })],
    };
    expect([chartKindOf(scores), labelColumnsOf(scores).map((c) => c.key)]).toEqual(['bar', ['rating']]);
  });
});
