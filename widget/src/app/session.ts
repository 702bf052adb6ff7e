// The visitor's session with the hub: one socket.io connection on /widget, the message list (history from
// the hub plus the local outbox), acks, typing, read receipts and the closing survey. The UI renders
// `state` and calls the methods; nothing here touches the DOM.
import { io, type Socket } from 'socket.io-client';
import type { WidgetClientEvents, WidgetServerEvents } from '#shared/socket-events.ts';

type IdentifyFields = Parameters<WidgetClientEvents['identify']>[0];

import type { Attachment, Conversation, Identity, Message } from '../types.ts';
import { type LocalStore, newId, type OutboxEntry } from './storage.ts';
import { uploadFile } from './upload.ts';

export type ItemState = 'sending' | 'sent' | 'delivered' | 'read' | 'failed' | null;
export type Item = {
  key: string;
  id?: string;
  mine: boolean;
  text: string;
  attachments: (Pick<Attachment, 'name' | 'mime' | 'size'> & { id?: string; localUrl?: string })[];
  createdAt: string;
  state: ItemState;
  progress?: number;
  error?: string;
};
export type State = {
  connection: 'idle' | 'connecting' | 'online' | 'offline';
  visitorToken: string | null;
  conversation: Conversation | null;
  items: Item[];
  agentTyping: boolean;
  /** Place in the queue while nobody has taken the chat yet. */
  queue: { position: number; etaSeconds: number | null } | null;
  survey: { farewell: string | null } | null;
  unread: number;
  announce: string;
  fatal: string | null;
};
type Ack<T> = { ok: true } & T;
type Nack = { ok: false; error: { code: string; message: string; retryAfterMs?: number } };

const fromMessage = (m: Message): Item => ({
  key: `m${m.id}`,
  id: m.id,
  mine: m.senderType === 'contact',
  text: m.text ?? '',
  attachments: m.attachments,
  createdAt: m.createdAt,
  state:
    m.senderType !== 'contact'
      ? null
      : m.status === 'failed'
        ? 'failed'
        : m.status === 'delivered' || m.status === 'read'
          ? m.status
          : 'sent',
});
const fromEntry = (e: OutboxEntry): Item => ({
  key: e.clientMessageId,
  mine: true,
  text: e.text,
  attachments: e.attachments,
  createdAt: e.createdAt,
  state: e.failed ? 'failed' : 'sending',
  error: e.failed,
});

export function createSession(opts: {
  base: string;
  inbox: string;
  store: LocalStore;
  onChange(s: State): void;
  onAgentMessage(m: Message): void;
  onSession(ongoing: boolean): void;
}) {
  const { base, inbox, store } = opts;
  let socket: Socket<WidgetServerEvents, WidgetClientEvents> | null = null;
  let identity: Identity | null = null;
  let visible = false;
  let lastRead: string | undefined;
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  let agentTypingTimer: ReturnType<typeof setTimeout> | undefined;
  let typingOn = false;
  const inflight = new Set<string>();
  /** Files whose upload failed, kept in memory for the retry button. */
  const files = new Map<string, File>();
  let identitySent = '';
  /** The visitor's language, sent with every handshake: the hub's automatic messages speak it. */
  let language: string | null = null;
  const state: State = {
    connection: 'idle',
    visitorToken: store.get('visitor'),
    conversation: null,
    items: store.outbox().map(fromEntry),
    agentTyping: false,
    queue: null,
    survey: null,
    unread: 0,
    announce: '',
    fatal: null,
  };
  const set = (patch: Partial<State>) => {
    Object.assign(state, patch);
    opts.onChange({ ...state });
  };
  const patchItem = (key: string, patch: Partial<Item>) =>
    set({ items: state.items.map((i) => (i.key === key ? { ...i, ...patch } : i)) });

  /** A message from the hub replaces the local item it acknowledges (and any copy of it already listed). */
  const upsert = (m: Message, replaces?: string) => {
    const item = fromMessage(m);
    const items = state.items.filter((i) => i.key !== replaces && i.id !== m.id);
    const at = replaces ? state.items.findIndex((i) => i.key === replaces) : -1;
    if (at >= 0 && at <= items.length) items.splice(at, 0, item);
    else items.push(item);
    set({ items });
  };

  const markRead = () => {
    const last = [...state.items].reverse().find((i) => !i.mine && i.id);
    if (!visible) return;
    if (state.unread) set({ unread: 0 });
    if (!last?.id || last.id === lastRead || !socket?.connected) return;
    lastRead = last.id;
    socket.emit('messages:read', { upToMessageId: last.id });
  };

  const ongoing = () => Boolean(state.conversation && state.conversation.status !== 'resolved');

  async function deliver(e: OutboxEntry) {
    if (inflight.has(e.clientMessageId) || !socket?.connected) return;
    inflight.add(e.clientMessageId);
    patchItem(e.clientMessageId, { state: 'sending', error: undefined });
    try {
      const res: Ack<{ message: Message }> | Nack = await socket.timeout(15_000).emitWithAck('message:send', {
        clientMessageId: e.clientMessageId,
        text: e.text,
        ...(e.attachments.length ? { attachmentIds: e.attachments.map((a) => a.id) } : {}),
      });
      if (res.ok) {
        store.drop(e.clientMessageId);
        upsert(res.message, e.clientMessageId);
      } else {
        // The code, not the hub's words: the list says `rate_limited` in the visitor's language.
        store.put({ ...e, failed: res.error.code });
        patchItem(e.clientMessageId, { state: 'failed', error: res.error.code });
      }
    } catch {
      // No ack in time: the entry stays in the outbox and goes again (same id) after a reconnect.
      patchItem(e.clientMessageId, { state: socket?.connected ? 'failed' : 'sending' });
    } finally {
      inflight.delete(e.clientMessageId);
    }
  }
  const flush = async () => {
    for (const e of store.outbox()) if (!e.failed) await deliver(e);
  };

  function connect() {
    if (socket) return;
    // The loader's stored values arrive with `init`, after this module was set up.
    set({
      connection: 'connecting',
      visitorToken: store.get('visitor'),
      items: state.items.length ? state.items : store.outbox().map(fromEntry),
    });
    socket = io(`${base}/widget`, {
      auth: (cb) =>
        cb({
          inboxToken: inbox,
          ...(state.visitorToken ? { visitorToken: state.visitorToken } : {}),
          ...(identity ? { verified: { id: identity.user.id, hash: identity.hash } } : {}),
          ...(language ? { language } : {}),
        }),
    });
    socket.on('connect', () => set({ connection: 'online' }));
    socket.on('disconnect', () => {
      // Acks of the old connection never come: those entries go again after the reconnect.
      inflight.clear();
      set({ connection: 'offline', agentTyping: false });
    });
    socket.on('connect_error', (err: Error & { data?: { code?: string; retryAfterMs?: number } }) => {
      const code = err.data?.code;
      if (code === 'identity_not_verified') {
        identity = null;
        socket?.connect();
      } else if (code === 'inbox_not_found' || code === 'rate_limited') {
        set({ fatal: code, connection: 'offline' });
        // Too many new chats from this network: a refused handshake is not retried by socket.io, so
        // the widget tries again when the hub said it may.
        if (code === 'rate_limited')
          setTimeout(() => {
            set({ fatal: null });
            socket?.connect();
          }, err.data?.retryAfterMs ?? 60_000);
      } else set({ connection: 'offline' });
    });
    socket.on(
      'session',
      (s: { visitorToken: string; conversation: Conversation | null; messages: Message[] }) => {
        store.set('visitor', s.visitorToken);
        const uploading = state.items.filter((i) => i.progress !== undefined || files.has(i.key));
        const pending = [...store.outbox().map(fromEntry), ...uploading];
        const history = s.messages.filter((m) => !m.private).map(fromMessage);
        set({ visitorToken: s.visitorToken, conversation: s.conversation, items: [...history, ...pending] });
        opts.onSession(ongoing());
        if (identity) sendIdentity(identity);
        markRead();
        void flush();
      },
    );
    socket.on('message:new', ({ message: m }: { message: Message }) => {
      if (m.private) return;
      const known = state.items.some((i) => i.id === m.id);
      upsert(m);
      if (known || m.senderType === 'contact') return;
      set({
        agentTyping: false,
        queue: m.senderType === 'agent' ? null : state.queue,
        announce: m.text ?? '',
        unread: visible ? 0 : state.unread + 1,
      });
      opts.onAgentMessage(m);
      markRead();
    });
    socket.on('message:updated', ({ message: m }: { message: Message }) => {
      if (state.items.some((i) => i.id === m.id)) upsert(m);
    });
    socket.on('typing', ({ on }: { on: boolean }) => {
      clearTimeout(agentTypingTimer);
      set({ agentTyping: on });
      if (on) agentTypingTimer = setTimeout(() => set({ agentTyping: false }), 15_000);
    });
    socket.on('queue:position', (queue: State['queue']) => set({ queue }));
    socket.on('conversation:updated', ({ conversation }: { conversation: Conversation }) => {
      // Taken by an agent, or closed: the place in the queue no longer applies.
      set({
        conversation,
        queue: conversation.assigned || conversation.status === 'resolved' ? null : state.queue,
      });
      opts.onSession(ongoing());
    });
    socket.on('survey:request', (p: { farewell?: string } | undefined) =>
      set({ survey: { farewell: p?.farewell ?? null } }),
    );
  }

  const sendIdentity = (id: Identity) => {
    const { id: _id, ...rest } = id.user;
    const sig = JSON.stringify(id);
    if (!Object.keys(rest).length || sig === identitySent || !socket?.connected) return;
    identitySent = sig;
    socket.emit('identify', rest);
  };

  /** A request the hub acknowledges; `send` names the event, so its payload and answer are the contract's. */
  const request = async <T>(
    send: (s: Socket<WidgetServerEvents, WidgetClientEvents>) => Promise<T>,
  ): Promise<T | Nack> => {
    if (!socket?.connected) return { ok: false, error: { code: 'offline', message: 'offline' } };
    try {
      return await send(socket);
    } catch {
      return { ok: false, error: { code: 'timeout', message: 'timeout' } };
    }
  };

  const queue = (e: OutboxEntry) => {
    store.put(e);
    set({ items: [...state.items.filter((i) => i.key !== e.clientMessageId), fromEntry(e)], survey: null });
    void deliver(e);
  };

  return {
    state,
    connect,
    /** Takes effect on the next handshake (a new conversation keeps the language it began in). */
    setLanguage(l: string) {
      language = l;
    },
    setVisible(v: boolean) {
      visible = v;
      if (v) markRead();
    },
    setIdentity(id: Identity) {
      const changed = identity?.user.id !== id.user.id || identity?.hash !== id.hash;
      identity = id;
      // A verified identity is part of the handshake: reconnect so the hub links this visitor to it.
      if (socket && changed) {
        socket.disconnect();
        socket.connect();
      }
    },
    send(text: string) {
      typing(false);
      queue({ clientMessageId: newId(), text, attachments: [], createdAt: new Date().toISOString() });
    },
    async sendFile(file: File, key = newId()) {
      files.delete(key);
      const localUrl = file.type.startsWith('image/') ? URL.createObjectURL(file) : undefined;
      const att = {
        name: file.name,
        mime: file.type || 'application/octet-stream',
        size: file.size,
        localUrl,
      };
      set({
        items: [
          ...state.items.filter((i) => i.key !== key),
          {
            key,
            mine: true,
            text: '',
            attachments: [att],
            createdAt: new Date().toISOString(),
            state: 'sending',
            progress: 0,
          },
        ],
      });
      try {
        const up = await uploadFile(
          base,
          { 'X-Inbox-Token': inbox, 'X-Visitor-Token': state.visitorToken ?? '' },
          file,
          (progress) => patchItem(key, { progress }),
        );
        set({ items: state.items.filter((i) => i.key !== key) });
        queue({
          clientMessageId: key,
          text: '',
          attachments: [{ id: up.id, name: up.name, mime: up.mime, size: up.size }],
          createdAt: new Date().toISOString(),
        });
        patchItem(key, { attachments: [{ ...att, id: up.id }] });
      } catch (err) {
        files.set(key, file);
        patchItem(key, { state: 'failed', progress: undefined, error: (err as Error).message });
      }
    },
    retry(key: string) {
      const file = files.get(key);
      if (file) return void this.sendFile(file, key);
      const e = store.outbox().find((o) => o.clientMessageId === key);
      if (!e) return;
      const again = { ...e, failed: undefined };
      store.put(again);
      void deliver(again);
    },
    typing,
    identify: (fields: IdentifyFields) => request((s) => s.timeout(15_000).emitWithAck('identify', fields)),
    submitSurvey: (rating: number, comment?: string) =>
      request((s) => s.timeout(15_000).emitWithAck('survey:submit', { rating, comment })),
    requestTranscript: (email: string) =>
      request((s) => s.timeout(15_000).emitWithAck('transcript:request', { email })),
    reconnectNow() {
      if (socket && !socket.connected) socket.connect();
    },
    dropNow() {
      socket?.disconnect();
      set({ connection: 'offline' });
    },
  };

  function typing(on: boolean) {
    clearTimeout(typingTimer);
    if (on) typingTimer = setTimeout(() => typing(false), 4000);
    if (on === typingOn || !socket?.connected) return;
    typingOn = on;
    socket.emit('typing', { on });
  }
}
export type Session = ReturnType<typeof createSession>;
