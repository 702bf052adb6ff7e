// The Reports pages (issue 16; sales, issue 17): nine reports, each a range in the account's time zone, filters, and the
// hub's tables drawn as a chart with the figures under it, drillable to the conversations and exportable.
// Everything the page shows is in its URL (components/report-state.ts): a reload or a shared link shows
// the same report. Admins, supervisors and finance read every figure; an agent reads their own.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ReportJson, ReportName } from '#shared/reports.schema.ts';
import { type Api, ApiError } from '../api.ts';
import { type Drill, ReportDrill } from '../components/report-drill.tsx';
import { ReportFilters } from '../components/report-filters.tsx';
import { ReportPrintHeader } from '../components/report-print.tsx';
import {
  exportApiPath,
  isWholeMonth,
  monthOf,
  parseReportState,
  type ReportState,
  reportApiPath,
  reportNames,
  reportUrl,
  todayIn,
} from '../components/report-state.ts';
import { ReportTableBlock } from '../components/report-table.tsx';
import { useReportText } from '../components/report-text.ts';
import '../components/reports.css';
import { FormResponsesLink } from '../components/forms-responses.tsx';
import { type Key, useI18n } from '../i18n.tsx';
import { navigate } from '../router.ts';
import type { User } from '../types.ts';

export const reportTitle: Record<ReportName, Key> = {
  'service-level': 'reportServiceLevel',
  volume: 'reportVolume',
  times: 'reportTimes',
  abandoned: 'reportAbandoned',
  satisfaction: 'reportSatisfaction',
  compliance: 'reportCompliance',
  attendance: 'reportAttendance',
  agents: 'reportAgents',
  sales: 'reportSales',
};

/** The tables a printed report keeps, where it is printed as one page (the others are left off paper). */
const printed: Partial<Record<ReportName, string[]>> = { 'service-level': ['byDay', 'byChannel'] };

/** The address bar, path and query, kept current on back, forward and navigate(). */
function useLocation(): string {
  const [where, setWhere] = useState(location.pathname + location.search);
  useEffect(() => {
    const on = () => setWhere(location.pathname + location.search);
    addEventListener('popstate', on);
    return () => removeEventListener('popstate', on);
  }, []);
  return where;
}

/** Saves a downloaded file under the name the hub gave it. */
function save(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The hub's answer for one report URL; `missing` when this hub has no such report (yet). */
type Loaded = { path: string; report: ReportJson | null; error: string | null; missing?: boolean };

export function ReportsPage(props: { api: Api; user: User }) {
  const { t } = useI18n();
  const { api } = props;
  const where = useLocation();
  // The presets count days in the report's zone: the account's, once the hub has answered.
  const [zone, setZone] = useState<string | undefined>(undefined);
  // Instants (a first login) read in that zone too, as the days they fall on are counted.
  const text = useReportText(api, zone);
  const today = todayIn(new Date(), zone);
  const state = useMemo(() => {
    const [path, search = ''] = where.split('?');
    return parseReportState(path, search, today);
  }, [where, today]);
  const path = reportApiPath(state);
  // A bare /reports (or a range left out) shows in the address bar what it stands for, to share.
  useEffect(() => {
    const url = reportUrl(state);
    if (location.pathname + location.search !== url) history.replaceState(null, '', url);
  }, [state]);
  const change = useCallback((next: ReportState) => navigate(reportUrl(next)), []);

  const [loaded, setLoaded] = useState<Loaded | null>(null);
  useEffect(() => {
    let live = true;
    api.get<ReportJson>(path).then(
      (r) => {
        if (!live) return;
        setLoaded({ path, report: r.data, error: null });
        setZone(r.data.range.timeZone);
      },
      (e) => {
        if (!live) return;
        const missing = e instanceof ApiError && e.status === 404;
        setLoaded({ path, report: null, error: (e as Error).message, missing });
      },
    );
    return () => {
      live = false;
    };
  }, [api, path]);
  const current = loaded?.path === path ? loaded : null;
  const report = current?.report ?? null;
  // While another range or filter loads, the same report's last figures stay, dimmed and inert.
  const stale = !current && loaded?.report?.report === state.name ? loaded.report : null;
  const shown = report ?? stale;

  const [drill, setDrill] = useState<Drill | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: another report or range closes the drill-down
  useEffect(() => setDrill(null), [path]);
  const closeDrill = useCallback(() => setDrill(null), []);

  // "Print monthly report": the whole month of the range's first day, printed once it has been drawn.
  const [printing, setPrinting] = useState(false);
  useEffect(() => {
    if (!printing || !report || !isWholeMonth(state)) return;
    const frame = requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        setPrinting(false);
        print();
      }),
    );
    return () => cancelAnimationFrame(frame);
  }, [printing, report, state]);
  const printMonth = () => {
    setDrill(null);
    if (!isWholeMonth(state)) change({ ...state, ...monthOf(state.from) });
    setPrinting(true);
  };

  const ownFigures = props.user.role === 'agent';
  return (
    <div className="reports">
      <nav className="side-nav" aria-label={t('reports')}>
        {reportNames.map((name) => (
          <a
            key={name}
            href={reportUrl({ ...state, name })}
            className={name === state.name ? 'active' : ''}
            aria-current={name === state.name ? 'page' : undefined}
            onClick={(e) => {
              e.preventDefault();
              change({ ...state, name });
            }}
          >
            {t(reportTitle[name])}
          </a>
        ))}
        {['admin', 'supervisor'].includes(props.user.role) && <FormResponsesLink />}
      </nav>
      <main className="page report" data-report={state.name} aria-busy={!current}>
        {state.name === 'service-level' && report && <ReportPrintHeader report={report} text={text} />}
        <header className="report-head">
          <h1>{t(reportTitle[state.name])}</h1>
          {ownFigures && <span className="badge">{t('reportOwnFigures')}</span>}
          <span className="spacer" />
          {state.name === 'service-level' && (
            <button type="button" className="print-month" onClick={printMonth}>
              {t('reportPrintMonthly')}
            </button>
          )}
        </header>
        {report && report.counting.length > 0 && (
          <ul className="report-counting" aria-label={t('reportCounting')}>
            {/* A note the console has no string for is the hub's English: auto keeps it left to right. */}
            {report.counting.map((n) => (
              <li key={n.key} data-note={n.key} dir="auto">
                {text.note(n)}
              </li>
            ))}
          </ul>
        )}
        <ReportFilters api={api} state={state} today={today} ownFigures={ownFigures} onChange={change} />
        {report && <p className="report-zone muted">{t('reportZone', { zone: report.range.timeZone })}</p>}
        {current?.error && (
          <p role="alert" className="error">
            {current.missing ? t('reportUnavailable') : current.error}
          </p>
        )}
        {!current && !stale && <p className="muted">{t('reportLoading')}</p>}
        {shown?.tables.map((table) => (
          <ReportTableBlock
            key={table.key}
            table={table}
            text={text}
            onDrill={setDrill}
            noPrint={printed[state.name] ? !printed[state.name]?.includes(table.key) : false}
            onExport={async (format) => {
              const file = await api.download(exportApiPath(state, format, table.key));
              save(file.blob, file.filename);
            }}
          />
        ))}
      </main>
      {drill && <ReportDrill api={api} state={state} drill={drill} onClose={closeDrill} />}
    </div>
  );
}
