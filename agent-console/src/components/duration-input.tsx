// A duration the hub keeps in seconds, shown and edited as an amount and a unit ("3 days"): an admin
// thinks in minutes, hours and days, the API in seconds. The unit shown first is the largest one the
// saved value fills exactly.
import { useState } from 'react';
import { type Key, useI18n } from '../i18n.tsx';
import './duration-input.css';

type Unit = 'seconds' | 'minutes' | 'hours' | 'days';
const sizes: [Unit, number, Key][] = [
  ['days', 86_400, 'durUnitDays'],
  ['hours', 3_600, 'durUnitHours'],
  ['minutes', 60, 'durUnitMinutes'],
  ['seconds', 1, 'durUnitSeconds'],
];
const sizeOf = (u: Unit) => sizes.find(([x]) => x === u)?.[1] ?? 1;

/** The largest unit `seconds` is a whole number of (0 and empty: minutes). */
export function bestUnit(seconds: number | null | undefined): Unit {
  if (!seconds) return 'minutes';
  return sizes.find(([, n]) => seconds % n === 0)?.[0] ?? 'seconds';
}

const shown = (seconds: number | null | undefined, unit: Unit) =>
  seconds == null ? '' : String(Math.round((seconds / sizeOf(unit)) * 100) / 100);
const toSeconds = (text: string, unit: Unit) => {
  const n = Number(text.replace(',', '.'));
  return text.trim() === '' || !Number.isFinite(n) ? null : Math.round(n * sizeOf(unit));
};
type State = { seconds: number | null; unit: Unit; text: string };
const fresh = (seconds: number | null | undefined): State => {
  const unit = bestUnit(seconds);
  return { seconds: seconds ?? null, unit, text: shown(seconds, unit) };
};

export function DurationInput(props: {
  label: string;
  value: number | null | undefined;
  onChange(seconds: number | null): void;
}) {
  const { t } = useI18n();
  // What is typed stays as typed ("1." on the way to "1.5"); a value that changes from outside (another
  // team opened, the saved settings) is shown afresh in its own best unit.
  const [state, setState] = useState<State>(() => fresh(props.value));
  if (state.seconds !== (props.value ?? null)) setState(fresh(props.value));
  const change = (text: string, unit: Unit) => {
    const seconds = toSeconds(text, unit);
    setState({ seconds, unit, text });
    props.onChange(seconds);
  };
  return (
    <span className="duration">
      <input
        aria-label={props.label}
        inputMode="decimal"
        size={6}
        value={state.text}
        onChange={(e) => change(e.target.value, state.unit)}
      />
      <select
        aria-label={`${props.label}: ${t('durUnit')}`}
        value={state.unit}
        // The amount stays as typed; it now counts the new unit.
        onChange={(e) => change(state.text, e.target.value as Unit)}
      >
        {sizes.map(([u, , key]) => (
          <option key={u} value={u}>
            {t(key)}
          </option>
        ))}
      </select>
    </span>
  );
}
