// One conversation: its timeline with each message's delivery state (a failed one shows why and can be
// retried), the composer (reply or private note; the draft survives reloads and drops), and the actions
// (assign, transfer with a note, priority, resolve/reopen), with the queue place and service-level clock.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { mayAct } from '#shared/permissions.ts';
import type { Api } from '../api.ts';
import { factsOf, useChannels } from '../channels.ts';
import { type Key, useI18n } from '../i18n.tsx';
import type { AgentSocket } from '../socket.ts';
import type { Conversation, Directory, Message, User } from '../types.ts';
import { ChannelTag } from './channel-tag.tsx';
import { ClosureHoldMenu } from './closure-hold.tsx';
import { Composer } from './composer.tsx';
import { ContactHistory } from './contact-history.tsx';
import { ContactPanel } from './contact-panel.tsx';
import { ConversationRating } from './conversation-rating.tsx';
import { FollowUpSection } from './followups-section.tsx';
import { replyCopies } from './format-marks.ts';
import { formReaders } from './forms-responses.tsx';
import { FormsSection } from './forms-section.tsx';
import { AttachmentLink, useImageViewer } from './image-viewer.tsx';
import { LabelPicker } from './label-picker.tsx';
import { MessageBody } from './message-body.tsx';
import { newerMessage } from './message-status.ts';
import { PendingSends } from './pending-sends.tsx';
import { ProtocolPanel } from './protocol-panel.tsx';
import { SnoozeMenu } from './snooze-menu.tsx';
import { outboxOf } from './use-outbox.ts';

type Detail = Conversation & {
  contact?: {
    name: string | null;
    email: string | null;
    phone: string | null;
    attributes: Record<string, unknown>;
  };
};

export function ConversationView(props: { api: Api; socket: AgentSocket | null; user: User; id: string }) {
  const { t } = useI18n();
  const [c, setC] = useState<Detail | null>(null);
  const [messages, setMessages] = useState<Message[]>([]);
  const [people, setPeople] = useState<Directory>({ users: [], teams: [] });
  const [alert, setAlert] = useState<string | null>(null);
  const timeline = useRef<HTMLOListElement>(null);
  const lastId = useRef<string | null>(null);
  const viewer = useImageViewer(messages);
  const channels = useChannels(props.api);

  const upsert = useCallback((m: Message) => {
    setMessages((list) => {
      const i = list.findIndex((x) => x.id === m.id);
      if (i === -1) return [...list, m].sort((a, b) => Number(a.id) - Number(b.id));
      const kept = newerMessage(list[i], m);
      if (kept === list[i]) return list;
      const next = list.slice();
      next[i] = kept;
      return next;
    });
    if (!lastId.current || Number(m.id) > Number(lastId.current)) lastId.current = m.id;
  }, []);
  const catchUp = useCallback(async () => {
    const after = lastId.current ? `?after=${lastId.current}` : '';
    const r = await props.api.get<Message[]>(`/conversations/${props.id}/messages${after}`);
    for (const m of r.data as Message[]) upsert(m);
    setC((await props.api.get<Detail>(`/conversations/${props.id}`)).data);
  }, [props.api, props.id, upsert]);

  useEffect(() => {
    catchUp().catch(() => {});
  }, [catchUp]);
  // Marketing reads social conversations; it answers in them only when an admin allows it.
  const [marketingReplies, setMarketingReplies] = useState(false);
  useEffect(() => {
    if (props.user.role !== 'marketing') return;
    props.api
      .get<{ marketingMayReply: boolean }>('/social/settings')
      .then((r) => setMarketingReplies(r.data.marketingMayReply))
      .catch(() => {});
  }, [props.api, props.user.role]);
  const mayReply = mayAct(props.user.role, 'reply') || marketingReplies;
  const mayNote = mayAct(props.user.role, 'note');
  useEffect(() => {
    // Colleagues and teams to hand the conversation to (every role that works conversations reads it).
    props.api
      .get<Directory>('/directory')
      .then((r) => setPeople(r.data))
      .catch(() => {});
  }, [props.api]);
  useEffect(() => {
    const s = props.socket;
    if (!s) return;
    const onMessage = ({ message }: { message: Message }) =>
      message.conversationId === props.id && upsert(message);
    const onConversation = ({ conversation }: { conversation: Conversation }) =>
      conversation.id === props.id && setC((old) => ({ ...old, ...conversation }));
    const onAlert = (a: { conversationId: string; type: string; target?: string }) =>
      a.conversationId === props.id && setAlert(t('slaBreached', { target: a.target ?? a.type }));
    const onReconnect = () => {
      catchUp().catch(() => {});
      void outboxOf(props.api).flush();
    };
    s.on('message:new', onMessage);
    s.on('message:updated', onMessage);
    s.on('conversation:updated', onConversation);
    s.on('alert', onAlert);
    s.io.on('reconnect', onReconnect);
    return () => {
      s.off('message:new', onMessage);
      s.off('message:updated', onMessage);
      s.off('conversation:updated', onConversation);
      s.off('alert', onAlert);
      s.io.off('reconnect', onReconnect);
    };
  }, [props.socket, props.id, props.api, upsert, catchUp, t]);
  // Read up to the newest message on screen (the hub keeps it per agent: the list's unread counts).
  const newest = messages.at(-1)?.id;
  useEffect(() => {
    if (!newest) return;
    props.api.post(`/conversations/${props.id}/read`, { messageId: newest }).catch(() => {});
  }, [props.api, props.id, newest]);
  // The timeline opens at its newest message and goes down to each one added. The messages come before
  // the conversation, whose arrival first renders the timeline: that render scrolls too, before the paint.
  const shown = c !== null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll down on the first render and whenever a message is added
  useLayoutEffect(() => {
    toNewest(timeline.current);
  }, [shown, messages.length]);
  // Images load after the render that placed them and push the newest message down: while the agent is
  // at the newest message, it stays in view; once they scroll up to read, they are left where they are.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the timeline is there once the conversation is shown
  useEffect(() => {
    const ol = timeline.current;
    if (!ol) return;
    let pinned = true;
    let lastTop = ol.scrollTop;
    const onScroll = () => {
      // Growth never moves scrollTop: a smaller one is the agent scrolling up.
      if (ol.scrollTop < lastTop) pinned = false;
      else if (ol.scrollHeight - ol.scrollTop - ol.clientHeight < 2) pinned = true;
      lastTop = ol.scrollTop;
    };
    const onLoad = (e: Event) => {
      if (pinned && e.target instanceof HTMLImageElement) toNewest(ol);
    };
    ol.addEventListener('scroll', onScroll, { passive: true });
    // `load` does not bubble; an image's reaches the timeline in the capture phase.
    ol.addEventListener('load', onLoad, true);
    return () => {
      ol.removeEventListener('scroll', onScroll);
      ol.removeEventListener('load', onLoad, true);
    };
  }, [shown]);

  if (!c) return <section className="conversation" aria-busy="true" />;
  const act = async (path: string, body: unknown) => {
    try {
      const { data } = await props.api.post<Conversation>(`/conversations/${c.id}/${path}`, body);
      // Onto the conversation as it is now: live updates may have come in while the request was out.
      setC((old) => old && { ...old, ...data });
    } catch (e) {
      setAlert((e as Error).message);
    }
  };
  // A reply to a resolved conversation reopens it first, as the customer will expect an answer to follow.
  const reopen = async () => {
    try {
      const { data } = await props.api.post<Conversation>(`/conversations/${c.id}/status`, {
        status: 'open',
      });
      setC((old) => old && { ...old, ...data });
      return true;
    } catch (e) {
      setAlert((e as Error).message);
      return false;
    }
  };
  const senderLabel = (m: Message) =>
    m.senderType === 'contact'
      ? (c.contact?.name ?? t('customer'))
      : m.senderType === 'agent'
        ? m.senderId === props.user.id
          ? t('you')
          : (people.users.find((u) => u.id === m.senderId)?.name ?? t('you'))
        : t('system');

  return (
    <section className="conversation" aria-label={`#${c.id}`}>
      <div className="bar">
        <h2>
          #{c.id} <ChannelTag kind={c.channel} /> {c.contact?.name ?? ''}
        </h2>
        <LabelPicker
          api={props.api}
          conversationId={c.id}
          labels={c.labels}
          onChange={(u) => setC((old) => old && { ...old, ...u })}
        />
        {c.queuePosition ? <span className="badge">{t('queuePosition', { n: c.queuePosition })}</span> : null}
        {c.status === 'pending' && (c.firstResponseDueAt || c.nextResponseDueAt || c.resolutionDueAt) ? (
          <span className="badge" data-testid="sla-paused">
            {t('slaPaused')}
          </span>
        ) : null}
        {c.firstResponseDueAt && c.status !== 'pending' && (
          <span className="badge warn">
            {t('firstResponseDue', { t: new Date(c.firstResponseDueAt).toLocaleTimeString() })}
          </span>
        )}
        <span className="spacer" />
        {mayAct(props.user.role, 'manage') && (
          <ConversationActions c={c} people={people} user={props.user} act={act} />
        )}
      </div>
      {alert && (
        <p role="alert" className="alert">
          {alert}
        </p>
      )}
      <div className="body">
        <ol ref={timeline} className="timeline" aria-live="polite">
          <ContactHistory api={props.api} contactId={c.contactId} conversationId={c.id} />
          {messages.map((m) => (
            <li key={m.id} className={`msg ${m.direction} ${m.private ? 'note' : ''}`} data-status={m.status}>
              <div className="who">{senderLabel(m)}</div>
              <MessageBody m={m} />
              {m.attachments.map((a) => (
                <AttachmentLink key={a.id} attachment={a} onOpen={viewer.open} />
              ))}
              <div className="meta">
                {new Date(m.createdAt).toLocaleTimeString()} ·{' '}
                {/* A note is never sent to anyone: it has no delivery status to show. */}
                {m.private ? (
                  <span className="note-mark">{t('note')}</span>
                ) : (
                  <span className="st">{t(m.status as Key)}</span>
                )}
                {/* An answer to a public item sent to its author only (a DM, a Messenger private reply). */}
                {m.privately && <span className="privately"> · {t('sentPrivately')}</span>}
                {m.warning && m.status !== 'failed' && (
                  <span className="warn" role="note">
                    {' '}
                    — ⚠ {m.warning}
                  </span>
                )}
                {m.status === 'failed' && (
                  <>
                    {m.error && <span className="err"> — {m.error}</span>}
                    <button
                      type="button"
                      className="link"
                      onClick={() =>
                        props.api
                          .post<Message>(`/conversations/${c.id}/messages/${m.id}/retry`)
                          .then((r) => upsert(r.data))
                      }
                    >
                      {t('retry')}
                    </button>
                  </>
                )}
              </div>
            </li>
          ))}
          <PendingSends
            api={props.api}
            conversationId={c.id}
            shownIds={new Set(messages.map((m) => m.clientMessageId ?? ''))}
          />
        </ol>
        <aside className="side">
          <ContactPanel
            api={props.api}
            conversationId={c.id}
            contact={c.contact}
            onChanged={(next) => setC((old) => old && { ...old, contact: next })}
            role={props.user.role}
          />
          <ProtocolPanel api={props.api} conversationId={c.id} refresh={messages.length} />
          {formReaders(props.user.role) && (
            <FormsSection api={props.api} conversationId={c.id} contact={c.contact} role={props.user.role} />
          )}
          <FollowUpSection api={props.api} user={props.user} conversationId={c.id} />
          <ConversationRating rating={c.rating} />
        </aside>
      </div>
      {viewer.element}
      {(mayReply || mayNote) && (
        <Composer
          api={props.api}
          conversation={c}
          onSent={upsert}
          contactName={c.contact?.name ?? null}
          agentName={props.user.name}
          notesOnly={!mayReply}
          repliesOnly={!mayNote}
          lastCustomerMessage={messages.findLast((m) => m.direction === 'in')}
          reopenBeforeReply={c.status === 'resolved' ? reopen : undefined}
          suggestedCc={
            factsOf(channels, c.channel)?.capabilities.richEmail ? replyCopies(messages) : undefined
          }
        />
      )}
    </section>
  );
}

function toNewest(ol: HTMLOListElement | null) {
  if (ol) ol.scrollTop = ol.scrollHeight;
}

/** Transfer to a team's queue or straight to a colleague, with a private note for whoever takes it. */
function TransferButton(props: {
  people: Directory;
  me: string;
  onTransfer(to: string, note: string): void;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [to, setTo] = useState('');
  const [note, setNote] = useState('');
  const colleagues = props.people.users.filter((u) => u.id !== props.me);
  if (!props.people.teams.length && !colleagues.length) return null;
  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {t('transfer')}
      </button>
    );
  return (
    <form
      className="inline"
      aria-label={t('transfer')}
      onSubmit={(e) => {
        e.preventDefault();
        if (to) props.onTransfer(to, note);
        setOpen(false);
        setTo('');
        setNote('');
      }}
    >
      <select aria-label={t('transferTo')} value={to} onChange={(e) => setTo(e.target.value)} required>
        <option value="">{t('transferTo')}</option>
        {props.people.teams.length > 0 && (
          <optgroup label={t('teams')}>
            {props.people.teams.map((tm) => (
              <option key={tm.id} value={`team:${tm.id}`}>
                {tm.name}
              </option>
            ))}
          </optgroup>
        )}
        {colleagues.length > 0 && (
          <optgroup label={t('agents')}>
            {colleagues.map((u) => (
              <option key={u.id} value={`agent:${u.id}`}>
                {u.name} · {t(u.presence as Key)}
              </option>
            ))}
          </optgroup>
        )}
      </select>
      <input
        aria-label={t('transferNote')}
        placeholder={t('transferNote')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      <button type="submit">{t('transfer')}</button>
      <button type="button" className="link" onClick={() => setOpen(false)}>
        {t('cancel')}
      </button>
    </form>
  );
}

/** Assign, transfer, priority, snooze and status: for the roles that manage conversations. */
function ConversationActions(props: {
  c: Detail;
  people: Directory;
  user: User;
  act(path: string, body: unknown): Promise<void>;
}) {
  const { t } = useI18n();
  const { c, people, act } = props;
  return (
    <>
      <label className="inline">
        {t('assignTo')}
        <select
          value={c.assigneeId ?? ''}
          onChange={(e) => act('assign', { assigneeId: e.target.value || null })}
          aria-label={t('assignTo')}
        >
          <option value="">{t('nobody')}</option>
          {!people.users.some((u) => u.id === props.user.id) && (
            <option value={props.user.id}>{props.user.name}</option>
          )}
          {people.users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name} · {t(u.presence as Key)}
            </option>
          ))}
        </select>
      </label>
      <TransferButton
        people={people}
        me={props.user.id}
        onTransfer={(to, note) =>
          act('transfer', {
            ...(to.startsWith('team:') ? { teamId: to.slice(5) } : { assigneeId: to.slice(6) }),
            note,
          })
        }
      />
      <select
        aria-label={t('priority')}
        value={c.priority}
        onChange={(e) => act('priority', { priority: e.target.value })}
      >
        {(['low', 'normal', 'high', 'urgent'] as const).map((p) => (
          <option key={p} value={p}>
            {t(p)}
          </option>
        ))}
      </select>
      <SnoozeMenu
        status={c.status}
        snoozedUntil={c.snoozedUntil}
        onSnooze={(snoozedUntil) => act('status', { status: 'snoozed', snoozedUntil })}
        onWake={() => act('status', { status: 'open' })}
      />
      <ClosureHoldMenu
        status={c.status}
        closureHold={c.closureHold}
        onHold={(body) => act('closure-check', body)}
      />
      {c.status === 'open' && (
        <button type="button" title={t('pendingHint')} onClick={() => act('status', { status: 'pending' })}>
          {t('markPending')}
        </button>
      )}
      {c.status === 'pending' && <span className="badge">{t('pending')}</span>}
      {c.status !== 'open' && c.status !== 'snoozed' && (
        <button type="button" onClick={() => act('status', { status: 'open' })}>
          {t('reopen')}
        </button>
      )}
      {c.status !== 'resolved' && (
        <button type="button" className="primary" onClick={() => act('status', { status: 'resolved' })}>
          {t('resolve')}
        </button>
      )}
    </>
  );
}
