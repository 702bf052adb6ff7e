// The conversation header's closure-check hold (issue 19, bug 5): the protocol asks "Did we solve your
// request?" after the customer's silence, and an agent who still owes the customer something holds it —
// until a date and time, or "Customer is waiting on us" (until the agent's next reply). While held, a
// badge says so with "Release the hold". The hub keeps the hold (POST /conversations/:id/closure-check)
// and pushes it to every console as part of the conversation.
import { useState } from 'react';
import { useI18n } from '../i18n.tsx';
import type { Conversation } from '../types.ts';
import './closure-hold.css';
import { customSnooze, formatUntil, toLocalInput } from './snooze-times.ts';

type Hold = { hold: null } | { hold: 'waiting_on_us' } | { hold: 'until'; until: string };

export function ClosureHoldMenu(props: {
  status: string;
  closureHold: Conversation['closureHold'];
  onHold(body: Hold): void;
}) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState(false);
  const [custom, setCustom] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (props.status === 'resolved') return null;
  const h = props.closureHold;
  if (h) {
    const text =
      h.hold === 'until' && h.until
        ? t('closureHeldUntil', { t: formatUntil(new Date(h.until), new Date(), lang) })
        : t('closureHeldWaiting');
    return (
      <span className="closure-hold" data-testid="closure-hold">
        <span className="badge held" title={h.until ? new Date(h.until).toLocaleString(lang) : undefined}>
          {text}
        </span>
        <button type="button" onClick={() => props.onHold({ hold: null })}>
          {t('closureHoldRelease')}
        </button>
      </span>
    );
  }
  const choose = (body: Hold) => {
    setOpen(false);
    setError(null);
    props.onHold(body);
  };
  return (
    <span className="closure-hold">
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        title={t('closureHoldHint')}
        onClick={() => {
          setOpen(!open);
          if (!custom) setCustom(toLocalInput(new Date(Date.now() + 2 * 3_600_000)));
        }}
      >
        {t('closureHold')} ▾
      </button>
      {open && (
        <div className="closure-hold-menu" role="menu" aria-label={t('closureHold')}>
          <p className="muted">{t('closureHoldHint')}</p>
          <button type="button" role="menuitem" onClick={() => choose({ hold: 'waiting_on_us' })}>
            {t('closureHoldWaiting')}
          </button>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              const r = customSnooze(custom, new Date());
              if ('error' in r) setError(t(r.error === 'past' ? 'snoozePast' : 'snoozeInvalid'));
              else choose({ hold: 'until', until: r.at.toISOString() });
            }}
          >
            <label>
              {t('closureHoldUntil')}
              <input
                type="datetime-local"
                value={custom}
                min={toLocalInput(new Date())}
                onChange={(e) => setCustom(e.target.value)}
              />
            </label>
            <button type="submit">{t('closureHoldSubmit')}</button>
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
