// The conversation header's snooze control: a menu of presets (in an hour, this evening or tomorrow
// morning, next Monday — the agent's local time) and a custom date and time; while snoozed, "Snoozed
// until …" with a button to wake it now. The hub reopens it by itself at that time.
import { useState } from 'react';
import { type Key, useI18n } from '../i18n.tsx';
import './snooze.css';
import { customSnooze, formatUntil, snoozeOptions, toLocalInput } from './snooze-times.ts';

const presetLabel: Record<string, Key> = {
  hour: 'snoozeHour',
  tonight: 'snoozeTonight',
  tomorrow: 'snoozeTomorrow',
  monday: 'snoozeMonday',
};

/** "Snoozed until …" as a badge (the header and the list). */
export function SnoozedBadge(props: { until: string | null }) {
  const { t, lang } = useI18n();
  if (!props.until) return null;
  return (
    <span className="badge snoozed" title={new Date(props.until).toLocaleString(lang)}>
      {t('snoozedUntil', { t: formatUntil(new Date(props.until), new Date(), lang) })}
    </span>
  );
}

export function SnoozeMenu(props: {
  status: string;
  snoozedUntil: string | null;
  onSnooze(untilIso: string): void;
  onWake(): void;
}) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState(false);
  const [custom, setCustom] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (props.status === 'resolved') return null;
  if (props.status === 'snoozed') {
    return (
      <span className="snooze">
        <SnoozedBadge until={props.snoozedUntil} />
        <button type="button" onClick={props.onWake}>
          {t('unsnooze')}
        </button>
      </span>
    );
  }
  const choose = (at: Date) => {
    setOpen(false);
    setError(null);
    props.onSnooze(at.toISOString());
  };
  const now = new Date();
  return (
    <span className="snooze">
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => {
          setOpen(!open);
          if (!custom) setCustom(toLocalInput(new Date(now.getTime() + 2 * 3_600_000)));
        }}
      >
        {t('snooze')} ▾
      </button>
      {open && (
        <div className="snooze-menu" role="menu" aria-label={t('snooze')}>
          {snoozeOptions(now).map((o) => (
            <button key={o.preset} type="button" role="menuitem" onClick={() => choose(o.at)}>
              <span>{t(presetLabel[o.preset])}</span>
              <span className="muted">{formatUntil(o.at, now, lang)}</span>
            </button>
          ))}
          <form
            onSubmit={(e) => {
              e.preventDefault();
              const r = customSnooze(custom, new Date());
              if ('error' in r) setError(t(r.error === 'past' ? 'snoozePast' : 'snoozeInvalid'));
              else choose(r.at);
            }}
          >
            <input
              type="datetime-local"
              aria-label={t('snoozeCustom')}
              value={custom}
              min={toLocalInput(now)}
              onChange={(e) => setCustom(e.target.value)}
            />
            <button type="submit">{t('snooze')}</button>
            {error && (
              <span role="alert" className="err">
                {error}
              </span>
            )}
          </form>
        </div>
      )}
    </span>
  );
}
