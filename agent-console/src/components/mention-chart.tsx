// Mentions per day by tier, as stacked bars (GET /mentions/stats). A small hand-drawn SVG on purpose: the
// charting library is the reports work's decision, and one chart does not justify choosing it early.
import type { MentionStatsJson } from '#shared/mentions.schema.ts';
import { useI18n } from '../i18n.tsx';
import { tierKey } from './mention-model.tsx';

type Day = MentionStatsJson['days'][number];
/** Bottom to top: the unmeasured, then rising tiers, so the alarming ones sit on top where the eye lands. */
const layers = ['unscored', 'low', 'medium', 'high', 'critical'] as const;

const W = 640;
const H = 150;
const PAD = { top: 10, right: 8, bottom: 22, left: 28 };

/** A round ceiling for the axis: 1, 2, 5, 10, 20, 50… at or above n. */
function niceMax(n: number): number {
  if (n <= 4) return 4;
  const p = 10 ** Math.floor(Math.log10(n));
  return [1, 2, 5, 10].map((m) => m * p).find((v) => v >= n) ?? 10 * p;
}

export function MentionChart(props: { days: Day[] }) {
  const { t, lang } = useI18n();
  const days = props.days;
  const totalOf = (d: Day) => layers.reduce((s, k) => s + d[k], 0);
  const top = niceMax(Math.max(0, ...days.map(totalOf)));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(1, days.length);
  const bar = Math.min(28, slot * 0.64);
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  const dayLabel = (iso: string) =>
    new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
      new Date(`${iso.slice(0, 10)}T00:00:00Z`),
    );
  const sums = Object.fromEntries(layers.map((k) => [k, days.reduce((s, d) => s + d[k], 0)]));
  const total = days.reduce((s, d) => s + totalOf(d), 0);
  const summary = layers
    .filter((k) => sums[k] > 0)
    .map((k) => `${t(tierKey[k])}: ${sums[k]}`)
    .join(', ');
  return (
    <figure className="mention-chart">
      <figcaption>
        <strong>{t('mentionChart')}</strong>
        <span className="muted">{t('mentionChartTotal', { n: total, days: days.length })}</span>
      </figcaption>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`${t('mentionChart')}: ${t('mentionChartTotal', { n: total, days: days.length })}. ${summary}`}
      >
        {[0, 0.5, 1].map((f) => (
          <g key={f} className="grid-line">
            <line x1={PAD.left} x2={W - PAD.right} y1={y(top * f)} y2={y(top * f)} />
            <text x={PAD.left - 6} y={y(top * f) + 4} textAnchor="end">
              {Math.round(top * f)}
            </text>
          </g>
        ))}
        {days.map((d, i) => {
          const x = PAD.left + i * slot + (slot - bar) / 2;
          let base = 0;
          return (
            <g key={d.day} data-day={d.day.slice(0, 10)} data-total={totalOf(d)}>
              <title>
                {`${dayLabel(d.day)}: ${totalOf(d)}${layers
                  .filter((k) => d[k] > 0)
                  .map((k) => `\n${t(tierKey[k])}: ${d[k]}`)
                  .join('')}`}
              </title>
              {layers.map((k) => {
                if (!d[k]) return null;
                const from = base;
                base += d[k];
                return (
                  <rect
                    key={k}
                    className={`tier-fill-${k}`}
                    x={x}
                    width={bar}
                    y={y(base)}
                    height={Math.max(1, y(from) - y(base) - 1)}
                    rx={2}
                  />
                );
              })}
              {((days.length - 1 - i) % 2 === 0 || days.length <= 7) && (
                <text className="day" x={x + bar / 2} y={H - 6} textAnchor="middle">
                  {dayLabel(d.day)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <ul className="mention-legend">
        {layers
          .slice()
          .reverse()
          .map((k) => (
            <li key={k}>
              <span className={`swatch tier-fill-${k}`} aria-hidden="true" />
              {t(tierKey[k])} <b>{sums[k]}</b>
            </li>
          ))}
      </ul>
    </figure>
  );
}

/** Three figures beside the chart: today, the high and critical ones, and the whole period. */
export function MentionTotals(props: { days: Day[] }) {
  const { t } = useI18n();
  const today = props.days.at(-1);
  const sum = (d: Day, ks: readonly (typeof layers)[number][]) => ks.reduce((s, k) => s + d[k], 0);
  const alarming = props.days.reduce((s, d) => s + sum(d, ['high', 'critical']), 0);
  const all = props.days.reduce((s, d) => s + sum(d, layers), 0);
  return (
    <dl className="mention-kpis">
      <div>
        <dt>{t('mentionKpiToday')}</dt>
        <dd data-kpi="today">{today ? sum(today, layers) : 0}</dd>
      </div>
      <div className={alarming ? 'alarming' : ''}>
        <dt>{t('mentionKpiAlarming', { days: props.days.length })}</dt>
        <dd data-kpi="alarming">{alarming}</dd>
      </div>
      <div>
        <dt>{t('mentionKpiPeriod', { days: props.days.length })}</dt>
        <dd data-kpi="period">{all}</dd>
      </div>
    </dl>
  );
}
