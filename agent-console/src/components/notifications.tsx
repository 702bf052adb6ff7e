// Sound and desktop notifications: a conversation newly assigned to me, a customer's message in a
// conversation I do not have open, a snoozed conversation of mine waking up (notify-rules.ts decides).
// Off until the agent turns them on in the header: that click is the user gesture browsers require to ask for the notification permission and to
// let a page make sound. The choice is kept per user in this browser. The beep is synthesised with
// WebAudio, so there is no sound file to ship.
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n.tsx';
import type { AgentSocket } from '../socket.ts';
import './agent-tools.css';
import { hubClockOf } from '../socket.ts';
import {
  assignmentNotice,
  type ConversationUpdate,
  HUB_SKEW_MS,
  messageNotice,
  type NewMessage,
  SKEW_MS,
  type UserNotice,
  unsnoozeNotice,
} from './notify-rules.ts';

const storageKey = (userId: string) => `hub.notify.${userId}`;
const isOn = (userId: string) => localStorage.getItem(storageKey(userId)) === 'on';

/** A short two-tone chime. */
export function beep(): void {
  const Ctx = globalThis.AudioContext;
  if (!Ctx) return;
  const audio = new Ctx();
  const gain = audio.createGain();
  gain.connect(audio.destination);
  const t0 = audio.currentTime;
  gain.gain.setValueAtTime(0.0001, t0);
  gain.gain.exponentialRampToValueAtTime(0.25, t0 + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, t0 + 0.35);
  [880, 1320].forEach((hz, i) => {
    const osc = audio.createOscillator();
    osc.frequency.value = hz;
    osc.connect(gain);
    osc.start(t0 + i * 0.12);
    osc.stop(t0 + 0.36);
  });
  setTimeout(() => audio.close().catch(() => {}), 600);
}

/** The header's switch for sound and desktop notifications. */
export function NotificationToggle(props: { userId: string }) {
  const { t } = useI18n();
  const [on, setOn] = useState(() => isOn(props.userId));
  const toggle = () => {
    const next = !on;
    localStorage.setItem(storageKey(props.userId), next ? 'on' : 'off');
    setOn(next);
    if (!next) return;
    if ('Notification' in globalThis && Notification.permission === 'default') {
      Notification.requestPermission().catch(() => {});
    }
    // Plays at once, inside the click: the agent hears what it will sound like.
    beep();
  };
  return (
    <button
      type="button"
      className="toggle notify-toggle"
      aria-pressed={on}
      onClick={toggle}
      title={t('notificationsHint')}
    >
      {on ? '✓ ' : ''}
      {t('notifications')}
    </button>
  );
}

/** Listens on the agent socket and calls attention to what needs it, while notifications are on. */
export function useNotifications(props: {
  socket: AgentSocket | null;
  userId: string;
  openId: string | null;
  onOpen(conversationId: string): void;
}): void {
  const { t } = useI18n();
  const seen = useRef(new Set<string>());
  const since = useRef(Date.now());
  const latest = useRef(props);
  latest.current = props;
  useEffect(() => {
    const s = props.socket;
    if (!s) return;
    const situation = () => {
      // In the hub's time once its clock is known, so an assignment made a moment before this console
      // connected is not mistaken for news by a browser whose clock runs behind.
      const clock = hubClockOf(s);
      return {
        me: latest.current.userId,
        openId: latest.current.openId,
        away: document.hidden || !document.hasFocus(),
        now: Date.now() + (clock?.offsetMs ?? 0),
        since: clock?.connectedAt ?? since.current,
        skewMs: clock ? HUB_SKEW_MS : SKEW_MS,
      };
    };
    const notify = (n: ReturnType<typeof messageNotice>) => {
      if (!n || !isOn(latest.current.userId) || seen.current.has(n.key)) return;
      seen.current.add(n.key);
      beep();
      if (!('Notification' in globalThis) || Notification.permission !== 'granted') return;
      const title =
        n.kind === 'assigned'
          ? t('notifyAssigned', { id: n.conversationId })
          : n.kind === 'unsnoozed'
            ? t('notifyUnsnoozed', { id: n.conversationId })
            : t('notifyMessage');
      // One notification per conversation: a second message replaces the first instead of piling up.
      const d = new Notification(title, { body: n.text, tag: `hub-${n.conversationId}` });
      d.onclick = () => {
        focus();
        latest.current.onOpen(n.conversationId);
        d.close();
      };
    };
    const onConversation = ({ conversation }: { conversation: ConversationUpdate }) =>
      notify(assignmentNotice(conversation, situation()));
    const onMessage = ({ message }: { message: NewMessage }) => notify(messageNotice(message, situation()));
    const onNotice = (n: UserNotice) => notify(unsnoozeNotice(n, situation()));
    s.on('conversation:updated', onConversation);
    s.on('message:new', onMessage);
    s.on('notice', onNotice);
    return () => {
      s.off('conversation:updated', onConversation);
      s.off('message:new', onMessage);
      s.off('notice', onNotice);
    };
  }, [props.socket, t]);
}
