// The head of the printed monthly service-level report (shown only on paper, reports.css): the month, the
// account's time zone, and the regulator's figures for the month — the `regulator` table's row for it
// (contacts, answered within target, service level over the whole month, not a mean of the days).
import type { ReportJson, ReportRow, ReportTable } from '#shared/reports.schema.ts';
import { useI18n } from '../i18n.tsx';
import type { ReportText } from './report-text.ts';

/** The month's row of the regulator's table, else the first table's totals. */
export function regulatorRow(report: ReportJson): { table: ReportTable; row: ReportRow } | null {
  const month = report.range.from.slice(0, 7);
  const regulator = report.tables.find((t) => t.key === 'regulator');
  const row = regulator?.rows.find((r) => r.key === month || r.cells.month === month);
  if (regulator && row) return { table: regulator, row };
  const first = report.tables.find((t) => t.totals);
  return first?.totals ? { table: first, row: first.totals } : null;
}

export function ReportPrintHeader(props: { report: ReportJson; text: ReportText }) {
  const { t, lang } = useI18n();
  const { report, text } = props;
  const month = new Intl.DateTimeFormat(lang, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${report.range.from}T12:00:00Z`),
  );
  const figures = regulatorRow(report);
  const day = { key: 'day', label: '', kind: 'date' } as const;
  return (
    <div className="print-header" aria-hidden="true">
      <h1>{t('reportMonthlyTitle', { month })}</h1>
      <p className="muted">
        {t('reportPrintRange', {
          from: text.format(day, report.range.from),
          to: text.format(day, report.range.to),
          zone: report.range.timeZone,
        })}
      </p>
      {figures && (
        <dl className="regulator">
          {figures.table.columns
            .filter((c) => c.kind !== 'text' && c.kind !== 'date')
            .map((c) => (
              <div key={c.key} data-col={c.key} className={c.kind}>
                <dt>{text.label(c)}</dt>
                <dd>{text.format(c, figures.row.cells[c.key] ?? null)}</dd>
              </div>
            ))}
        </dl>
      )}
    </div>
  );
}
