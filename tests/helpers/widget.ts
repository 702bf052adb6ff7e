// A widget visitor as the browser widget is one: a real socket.io client on /widget that records every
// event the hub sends, and acked emits. Plus a web-chat inbox of a seeded account.
import { createHmac } from 'node:crypto';
import { io as connect, type Socket } from 'socket.io-client';
import { createInbox } from '#server/inboxes/save-inbox.ts';
import { eventually, type SeededAccount, type TestHub } from './hub.ts';

export type WidgetVisitor = {
  socket: Socket;
  session: any;
  events: Record<string, any[]>;
  emit(event: string, ...args: unknown[]): Promise<any>;
  close(): void;
};

export type WidgetAuth = {
  inboxToken: string;
  visitorToken?: string;
  verified?: { id: string; hash: string };
};

const open = new Set<Socket>();

/** `address`: the client's address as the hub's trusted loopback proxy names it (X-Forwarded-For). */
export function connectVisitor(
  t: TestHub,
  auth: WidgetAuth | Record<string, unknown>,
  opts: { address?: string; connectTimeoutMs?: number } = {},
): Promise<WidgetVisitor> {
  const socket = connect(`${t.url}/widget`, {
    auth,
    transports: ['websocket'],
    reconnection: false,
    // socket.io's own limit is 20 s; a spec that opens hundreds at once on a busy machine sets its own.
    ...(opts.connectTimeoutMs ? { timeout: opts.connectTimeoutMs } : {}),
    ...(opts.address ? { extraHeaders: { 'x-forwarded-for': opts.address } } : {}),
  });
  open.add(socket);
  const events: Record<string, any[]> = {};
  socket.onAny((event: string, payload: unknown) => {
    events[event] ??= [];
    events[event].push(payload);
  });
  return new Promise((resolve, reject) => {
    socket.once('session', (session) =>
      resolve({
        socket,
        session,
        events,
        emit: (event, ...args) => socket.timeout(10_000).emitWithAck(event, ...args),
        close: () => {
          socket.close();
          open.delete(socket);
        },
      }),
    );
    socket.once('connect_error', (err) => {
      open.delete(socket);
      socket.close();
      reject(err);
    });
  });
}

export function closeAllVisitors(): void {
  for (const s of open) s.close();
  open.clear();
}

export async function webchatInbox(t: TestHub, a: SeededAccount, settings: Record<string, unknown> = {}) {
  const inbox = await createInbox(t.hub.ctx, a.accountId, {
    name: 'Web chat',
    channel: 'webchat',
    config: { color: '#112233', greeting: 'Hola', language: 'es' },
    settings,
  });
  return { id: inbox.id, token: inbox.token, secret: inbox.secret! };
}

export const identityHash = (secret: string, id: string) =>
  createHmac('sha256', secret).update(id).digest('hex');

/** The hub's messages (agents' and automatic ones) the visitor saw, in order. */
export const hubSaid = (v: WidgetVisitor): string[] =>
  (v.events['message:new'] ?? []).filter((e) => e.message.direction === 'out').map((e) => e.message.text);

/** Waits for the visitor to see a hub message containing `part`, and returns it. */
export const visitorSees = (v: WidgetVisitor, part: string): Promise<string> =>
  eventually(async () => hubSaid(v).find((text) => text.includes(part)));
