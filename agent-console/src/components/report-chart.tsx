// The chart above a report table. Chart.js is fetched with a dynamic import the first time a report page
// draws one (report-chart-draw.ts), so it stays out of the console's first load; the figure says which
// chart it drew (data-chart) once it has. A click on a bar, point or heatmap cell drills into it.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ReportTable } from '#shared/reports.schema.ts';
import { useI18n } from '../i18n.tsx';
import { type ChartPick, chartSpec } from './report-chart-spec.ts';
import type { ReportText } from './report-text.ts';

export function ReportChart(props: { table: ReportTable; text: ReportText; onPick(p: ChartPick): void }) {
  const { t } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [drawn, setDrawn] = useState('');
  const [failed, setFailed] = useState(false);
  const spec = useMemo(() => chartSpec(props.table, props.text), [props.table, props.text]);
  // The latest handler, so a new closure from the page does not redraw the chart.
  const onPick = useRef(props.onPick);
  onPick.current = props.onPick;
  useEffect(() => {
    const el = canvas.current;
    if (!spec || !el) return;
    let live = true;
    let destroy = () => {};
    setDrawn('');
    import('./report-chart-draw.ts').then(
      ({ drawChart }) => {
        if (!live) return;
        const chart = drawChart(el, spec, (p) => onPick.current(p));
        destroy = () => chart.destroy();
        setDrawn(spec.kind);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
      destroy();
    };
  }, [spec]);
  if (!spec) return null;
  return (
    <figure className={`report-chart ${spec.kind}`} data-chart={drawn}>
      <div className="canvas-box">
        <canvas ref={canvas} role="img" aria-label={props.text.tableTitle(props.table)} />
      </div>
      {failed && <figcaption className="error">{t('reportChartFailed')}</figcaption>}
    </figure>
  );
}
