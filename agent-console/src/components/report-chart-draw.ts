// The charting library, registered with only what the reports draw. This module is imported dynamically
// by report-chart.tsx, so Chart.js and the matrix plugin are one chunk the report pages fetch, not part of
// the console's first load.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { MatrixController, MatrixElement } from 'chartjs-chart-matrix';
import type { ChartPick, ChartSpec } from './report-chart-spec.ts';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  MatrixController,
  MatrixElement,
);

/** Draws the spec on the canvas; a click on a bar, point or cell reports what it stands for. */
export function drawChart(canvas: HTMLCanvasElement, spec: ChartSpec, onPick: (p: ChartPick) => void): Chart {
  const config = spec.config;
  config.options = {
    ...config.options,
    onClick: (_e, elements) => {
      const el = elements[0];
      const picked = el ? spec.pick(el.datasetIndex, el.index) : null;
      if (picked) onPick(picked);
    },
    onHover: (e, elements) => {
      const target = e.native?.target as HTMLElement | undefined;
      if (target) target.style.cursor = elements.length ? 'pointer' : 'default';
    },
  };
  return new Chart(canvas, config);
}
