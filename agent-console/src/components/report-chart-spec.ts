// A report table as a Chart.js configuration (pure: it names chart.js types only, so it costs the first
// load nothing): lines by day, bars by hour, channel, agent or rating, the hour-of-week matrix for the
// heatmap. Right to left the x axis runs from the right, the value axis stands on the right and the
// legend and tooltips read right to left. No animation: a printed report and a test see the final chart.
import type { ChartConfiguration } from 'chart.js';
import type { ReportColumn, ReportTable } from '#shared/reports.schema.ts';
import {
  type Cell,
  type ChartKind,
  chartKindOf,
  type HeatCell,
  heatmapOf,
  labelColumnsOf,
  seriesOf,
} from './report-format.ts';

export type ChartText = {
  dir: 'ltr' | 'rtl';
  lang: string;
  /** A cell as the table shows it. */
  format(column: ReportColumn, value: Cell): string;
  /** A cell that names its row (a channel, a day, a score "5 ★"). */
  name(column: ReportColumn, value: Cell): string;
  /** A column's heading in the page's language. */
  label(column: ReportColumn): string;
  /** A weekday's short name, 0 = Sunday. */
  weekday(day: number): string;
  /** An hour of the day, 0–23. */
  hour(h: number): string;
};

/** Where a click on the chart lands: the row and the figure's column (to drill into). */
export type ChartPick = { rowKey: string; column: string };

const palette = ['#0f766e', '#2563eb', '#d97706', '#7c3aed'];
const heat = (share: number) => `rgba(15, 118, 110, ${(0.08 + 0.92 * share).toFixed(3)})`;

export type ChartSpec = {
  kind: ChartKind;
  config: ChartConfiguration;
  /** The row and column behind the element at (dataset, index). */
  pick(datasetIndex: number, index: number): ChartPick | null;
};

export function chartSpec(table: ReportTable, text: ChartText): ChartSpec | null {
  const kind = chartKindOf(table);
  if (!kind) return null;
  const rtl = text.dir === 'rtl';
  const common = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false as const,
    locale: text.lang,
  };
  const legend = { rtl, textDirection: text.dir, position: 'bottom' as const };
  const tooltip = { rtl, textDirection: text.dir };
  if (kind === 'matrix') {
    const cells = heatmapOf(table) as HeatCell[];
    const max = Math.max(1, ...cells.map((c) => c.value));
    const countColumn = table.columns.find((c) => c.key === cells[0]?.column) ?? table.columns[0];
    // Monday on top: the week as a rota reads it.
    const rowOf = (weekday: number) => (weekday + 6) % 7;
    const config = {
      type: 'matrix',
      data: {
        datasets: [
          {
            label: table.title,
            data: cells.map((c) => ({ x: c.hour, y: rowOf(c.weekday), v: c.value })),
            backgroundColor: (ctx: { raw?: unknown }) => heat(((ctx.raw as { v?: number })?.v ?? 0) / max),
            borderColor: '#ffffff',
            borderWidth: 1,
            width: ({ chart }: { chart: { chartArea?: { width: number } } }) =>
              (chart.chartArea?.width ?? 0) / 24 - 1,
            height: ({ chart }: { chart: { chartArea?: { height: number } } }) =>
              (chart.chartArea?.height ?? 0) / 7 - 1,
          },
        ],
      },
      options: {
        ...common,
        plugins: {
          legend: { display: false },
          tooltip: {
            ...tooltip,
            callbacks: {
              title: () => '',
              label: (ctx: { raw: unknown }) => {
                const r = ctx.raw as { x: number; y: number; v: number };
                const weekday = (r.y + 1) % 7;
                return `${text.weekday(weekday)} ${text.hour(r.x)}: ${text.format(countColumn, r.v)}`;
              },
            },
          },
        },
        scales: {
          x: {
            type: 'linear',
            min: -0.5,
            max: 23.5,
            reverse: rtl,
            offset: false,
            grid: { display: false },
            // One tick per hour, on the cells' centres (the axis runs from -0.5 to frame them).
            afterBuildTicks: (axis: { ticks: { value: number }[] }) => {
              axis.ticks = Array.from({ length: 24 }, (_, h) => ({ value: h }));
            },
            ticks: { autoSkip: true, maxRotation: 0, callback: (v: number | string) => text.hour(Number(v)) },
          },
          y: {
            type: 'linear',
            min: -0.5,
            max: 6.5,
            reverse: true,
            position: rtl ? 'right' : 'left',
            offset: false,
            grid: { display: false },
            afterBuildTicks: (axis: { ticks: { value: number }[] }) => {
              axis.ticks = Array.from({ length: 7 }, (_, d) => ({ value: d }));
            },
            ticks: { callback: (v: number | string) => text.weekday((Number(v) + 1) % 7) },
          },
        },
      },
    } as unknown as ChartConfiguration;
    return {
      kind,
      config,
      pick: (_d, i) => (cells[i] ? { rowKey: cells[i].row.key, column: cells[i].column } : null),
    };
  }
  const series = seriesOf(table);
  const named = labelColumnsOf(table);
  const labels = table.rows.map((r) => {
    const parts = named
      .filter((c) => r.cells[c.key] !== null && r.cells[c.key] !== undefined && r.cells[c.key] !== '')
      .map((c) => text.name(c, r.cells[c.key]));
    return parts.length ? parts.join(' · ') : named.length ? '—' : r.key;
  });
  const measure = series[0];
  const config: ChartConfiguration = {
    type: kind,
    data: {
      labels,
      datasets: series.map((c, i) => ({
        label: text.label(c),
        data: table.rows.map((r) => {
          const v = r.cells[c.key];
          return v === null || v === undefined || v === '' ? null : Number(v);
        }),
        borderColor: palette[i % palette.length],
        backgroundColor: kind === 'bar' ? palette[i % palette.length] : `${palette[i % palette.length]}33`,
        ...(kind === 'line'
          ? { cubicInterpolationMode: 'monotone' as const, pointRadius: 3, spanGaps: true }
          : { maxBarThickness: 36 }),
      })),
    },
    options: {
      ...common,
      interaction: { mode: 'index', intersect: false },
      plugins: {
        legend: { ...legend, display: series.length > 1 },
        tooltip: {
          ...tooltip,
          callbacks: {
            label: (ctx) =>
              `${ctx.dataset.label}: ${text.format(series[ctx.datasetIndex], ctx.raw as number)}`,
          },
        },
      },
      scales: {
        // Offset: the first and last day's labels stay inside the canvas (in both directions).
        x: {
          reverse: rtl,
          offset: true,
          grid: { display: false },
          ticks: { autoSkip: true, maxRotation: 0 },
        },
        y: {
          beginAtZero: true,
          position: rtl ? 'right' : 'left',
          ticks: {
            ...(measure.kind === 'count' ? { precision: 0 } : {}),
            callback: (v) => text.format(measure, Number(v)),
          },
        },
      },
    },
  };
  return {
    kind,
    config,
    pick: (d, i) =>
      table.rows[i] && series[d] ? { rowKey: table.rows[i].key, column: series[d].key } : null,
  };
}
