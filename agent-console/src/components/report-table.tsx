// One table of a report: its chart, its export buttons (CSV, Excel: the hub writes the file), and the
// figures under it, formatted by column kind, with a totals row. A column header sorts; every figure of a
// column the hub can drill into is a button that lists the conversations behind it. The hour-of-week
// heatmap's 168 rows show as the week: a row per weekday, a column per hour. A verdict shows as a badge.
import { useMemo, useState } from 'react';
import type { DrillMetric, ReportColumn, ReportRow, ReportTable } from '#shared/reports.schema.ts';
import { useI18n } from '../i18n.tsx';
import { navigate } from '../router.ts';
import { ReportChart } from './report-chart.tsx';
import {
  cellDrill,
  isLabel,
  labelColumnsOf,
  nextSort,
  pivotHeatmap,
  type Sort,
  sortRows,
} from './report-format.ts';
import type { ReportText } from './report-text.ts';
import { VerdictBadge } from './report-verdict.tsx';

/** A figure to drill into: its metric, the row's (and cell's) narrowing, and a title saying which. */
export type DrillTarget = { metric: DrillMetric; params: Record<string, string>; title: string };

export function ReportTableBlock(props: {
  table: ReportTable;
  text: ReportText;
  onDrill(target: DrillTarget): void;
  onExport(format: 'csv' | 'xlsx'): Promise<void>;
  /** Left off the printed page (the monthly report prints only what fits on one A4). */
  noPrint?: boolean;
}) {
  const { t } = useI18n();
  const { table, text } = props;
  const [sort, setSort] = useState<Sort>(null);
  const [busy, setBusy] = useState<'csv' | 'xlsx' | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  // The week's table heads its hours with bare numbers (0–23): 24 columns must fit the page.
  const shown = useMemo(() => pivotHeatmap(table, String) ?? table, [table]);
  const title = text.tableTitle(table);
  const rowName = (row: ReportRow) =>
    labelColumnsOf(shown)
      .filter((c) => row.cells[c.key] !== null && row.cells[c.key] !== undefined && row.cells[c.key] !== '')
      .map((c) => text.name(c, row.cells[c.key]))
      .join(' · ') || row.key;
  const hourOf = (c: ReportColumn) => c.key.match(/^h(\d{1,2})$/)?.[1];
  const heading = (c: ReportColumn) => (hourOf(c) ? c.label : text.label(c));
  const drill = (column: ReportColumn, row: ReportRow, totals = false) => {
    if (!column.drill) return;
    const hour = hourOf(column);
    const what = hour ? text.hour(Number(hour)) : text.label(column);
    props.onDrill({
      metric: column.drill,
      params: cellDrill(row, column),
      title: `${title} · ${totals ? t('reportTotal') : rowName(row)} · ${what}`,
    });
  };
  const exportAs = async (format: 'csv' | 'xlsx') => {
    setBusy(format);
    setFailed(null);
    try {
      await props.onExport(format);
    } catch (e) {
      setFailed((e as Error).message);
    } finally {
      setBusy(null);
    }
  };
  const names = new Set(labelColumnsOf(shown));
  const cell = (column: ReportColumn, row: ReportRow, totals: boolean) => {
    const value = row.cells[column.key] ?? null;
    const formatted = names.has(column) ? text.name(column, value) : text.format(column, value);
    const drillable = column.drill && typeof value === 'number' && value > 0;
    return (
      <td
        key={column.key}
        className={names.has(column) || isLabel(column) || column.kind === 'verdict' ? '' : 'num'}
        data-col={column.key}
      >
        {column.kind === 'verdict' ? (
          <VerdictBadge value={value} text={formatted} />
        ) : drillable ? (
          <button
            type="button"
            className="drill"
            title={t('reportDrillHint')}
            onClick={() => drill(column, row, totals)}
          >
            {formatted}
          </button>
        ) : column.key === 'conversationId' && value !== null ? (
          <a
            href={`/conversations/${value}`}
            onClick={(e) => {
              e.preventDefault();
              navigate(`/conversations/${value}`);
            }}
          >
            #{value}
          </a>
        ) : (
          formatted
        )}
      </td>
    );
  };
  const rows = sortRows(shown.rows, sort, text.lang);
  return (
    <section className={props.noPrint ? 'report-table no-print' : 'report-table'} data-table={table.key}>
      <header>
        <h2>{title}</h2>
        <span className="spacer" />
        <div className="report-export">
          <button type="button" disabled={busy !== null} onClick={() => exportAs('csv')}>
            {busy === 'csv' ? t('reportExporting') : t('reportExportCsv')}
          </button>
          <button type="button" disabled={busy !== null} onClick={() => exportAs('xlsx')}>
            {busy === 'xlsx' ? t('reportExporting') : t('reportExportXlsx')}
          </button>
        </div>
      </header>
      {failed && (
        <p role="alert" className="error">
          {failed}
        </p>
      )}
      <ReportChart
        table={table}
        text={text}
        onPick={(p) => {
          const row = table.rows.find((r) => r.key === p.rowKey);
          const column = table.columns.find((c) => c.key === p.column);
          const value = row?.cells[p.column];
          if (row && column && typeof value === 'number' && value > 0) drill(column, row);
        }}
      />
      {shown.rows.length === 0 ? (
        <p className="muted">{t('reportNoRows')}</p>
      ) : (
        <div className="table-wrap">
          <table className={shown === table ? 'grid' : 'grid week'}>
            <thead>
              <tr>
                {shown.columns.map((c) => (
                  <th
                    key={c.key}
                    data-col={c.key}
                    className={names.has(c) || isLabel(c) ? '' : 'num'}
                    aria-sort={
                      sort?.key === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined
                    }
                  >
                    <button type="button" className="sort" onClick={() => setSort((s) => nextSort(s, c.key))}>
                      {heading(c)}
                      <span aria-hidden="true">
                        {sort?.key === c.key ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
                      </span>
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key} data-row={row.key}>
                  {shown.columns.map((c) => cell(c, row, false))}
                </tr>
              ))}
            </tbody>
            {shown.totals && (
              <tfoot>
                <tr data-row="totals">
                  {shown.columns.map((c, i) =>
                    i === 0 && (shown.totals?.cells[c.key] ?? null) === null ? (
                      <th key={c.key} scope="row">
                        {t('reportTotal')}
                      </th>
                    ) : (
                      cell(c, shown.totals as ReportRow, true)
                    ),
                  )}
                </tr>
              </tfoot>
            )}
          </table>
        </div>
      )}
    </section>
  );
}
