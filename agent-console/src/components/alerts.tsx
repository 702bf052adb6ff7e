// Service-level alerts in the header: every breach the hub reports on the agent socket (first answer,
// next answer, resolution, QP-14's unanswered contact) for conversations this agent sees, newest first,
// each opening its conversation. Kept for the session; the report keeps them for good.
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n.tsx';
import { navigate } from '../router.ts';
import type { AgentSocket } from '../socket.ts';
import { followUpText } from './followups-text.ts';
import { slaTargetLabel } from './machine-words.ts';
import { qualityText } from './quality-text.ts';

type Alert = {
  type: string;
  conversationId?: string;
  target?: string;
  dueAt?: string;
  snoozedUntil?: string;
  /** A callback a sales customer asked for came due (sale.callback_due). */
  campaignId?: string;
  entryId?: string;
  customerName?: string;
  /** An evaluation of mine was submitted or its dispute settled (evaluation.submitted / .settled). */
  evaluationId?: string;
  /** A follow-up of mine was assigned or is due; a compensation to credit or credited (follow_up.*, compensation.*). */
  followUpId?: string;
  compensationId?: string;
  kind?: string;
  amount?: string;
};

const keyOf = (x: Alert) =>
  `${x.conversationId ?? `entry-${x.entryId}`}-${x.type}-${x.target}-${x.dueAt}-${x.snoozedUntil}-${x.followUpId}-${x.compensationId}`;
/** Where an alert leads: its conversation, or the campaign whose "Next customer" brings the callback. */
const hrefOf = (a: Alert) =>
  a.type === 'sale.callback_due'
    ? `/sales/${a.campaignId}`
    : a.type === 'compensation.estimated'
      ? '/follow-ups'
      : a.followUpId && (a.type.startsWith('follow_up.') || a.type.startsWith('compensation.'))
        ? `/follow-ups/${a.followUpId}`
        : a.evaluationId && a.type.startsWith('evaluation.')
          ? `/quality/e/${a.evaluationId}`
          : `/conversations/${a.conversationId}`;

/** The follow-up and compensation notices (server/followups), in followups-strings-*.ts. */
type NoticeKey = 'noticeAssigned' | 'noticeDue' | 'noticeEstimated' | 'noticeCredited';
const followUpNotices: Record<string, NoticeKey> = {
  'follow_up.assigned': 'noticeAssigned',
  'follow_up.due': 'noticeDue',
  'compensation.estimated': 'noticeEstimated',
  'compensation.credited': 'noticeCredited',
};

export function AlertsMenu(props: { socket: AgentSocket | null }) {
  const { t, lang } = useI18n();
  const [alerts, setAlerts] = useState<Alert[]>([]);
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const s = props.socket;
    if (!s) return;
    const on = (a: Alert) =>
      setAlerts((list) => [a, ...list.filter((x) => keyOf(x) !== keyOf(a))].slice(0, 50));
    s.on('alert', on);
    // A snoozed conversation of mine woke up, or a sales callback of mine is due: listed here too, so it
    // is seen with notifications off.
    s.on('notice', on);
    return () => {
      s.off('alert', on);
      s.off('notice', on);
    };
  }, [props.socket]);
  // A popover: Escape or a click elsewhere closes it; Escape hands focus back to its button.
  useEffect(() => {
    if (!open) return;
    const away = (e: PointerEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('pointerdown', away);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', away);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);
  if (!alerts.length) return null;
  return (
    <div className="alerts" ref={box}>
      <button
        ref={button}
        type="button"
        className="badge warn"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        ⚠ {alerts.length}
      </button>
      {open && (
        <ul className="alerts-list">
          {alerts.map((a) => (
            <li key={keyOf(a)} data-type={a.type}>
              <a
                href={hrefOf(a)}
                onClick={(e) => {
                  e.preventDefault();
                  setOpen(false);
                  navigate(hrefOf(a));
                }}
              >
                {a.type === 'sale.callback_due' ? (
                  t('callbackDue', { customer: `\u2068${a.customerName ?? ''}\u2069` })
                ) : followUpNotices[a.type] ? (
                  followUpText(lang)(followUpNotices[a.type], {
                    id: a.conversationId ?? '',
                    amount: a.amount ?? '',
                    kind: a.kind ? followUpText(lang)(`kind_${a.kind}` as 'kind_other') : '',
                  })
                ) : a.type === 'evaluation.submitted' || a.type === 'evaluation.settled' ? (
                  qualityText(lang)(
                    a.type === 'evaluation.submitted' ? 'qualityNoticeSubmitted' : 'qualityNoticeSettled',
                    { id: a.conversationId ?? '' },
                  )
                ) : (
                  <>
                    #{a.conversationId} —{' '}
                    {a.type === 'conversation.unsnoozed'
                      ? t('snoozeEnded')
                      : t('slaBreached', { target: slaTargetLabel(t, a.target ?? a.type) })}
                  </>
                )}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
