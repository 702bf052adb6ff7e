// The /agent socket: live conversations and messages. After a reconnect the views refetch from the last
// id they saw (nothing is missed while the socket was down).
import { io, type Socket } from 'socket.io-client';
import type { AgentClientEvents, AgentServerEvents } from '#shared/socket-events.ts';

/** The /agent socket, typed by the hub's contract (shared/socket-events.ts). */
export type AgentSocket = Socket<AgentServerEvents, AgentClientEvents>;

/** The hub's clock as this console first met it: when it connected, and how far ahead of ours it runs. */
export type HubClock = { connectedAt: number; offsetMs: number };
const clocks = new WeakMap<AgentSocket, HubClock>();

export function connectAgentSocket(token: string): AgentSocket {
  const socket: AgentSocket = io('/agent', { auth: { token }, transports: ['websocket', 'polling'] });
  // Listened to from the start (before any view subscribes), and kept from the first connection only:
  // what was assigned during a later disconnect is still news.
  socket.on('hello', (h: { serverTime?: unknown }) => {
    const hub = typeof h?.serverTime === 'string' ? Date.parse(h.serverTime) : Number.NaN;
    if (!Number.isNaN(hub) && !clocks.has(socket))
      clocks.set(socket, { connectedAt: hub, offsetMs: hub - Date.now() });
  });
  return socket;
}

/** The hub's clock for this socket, once its first `hello` has arrived. */
export const hubClockOf = (socket: AgentSocket): HubClock | undefined => clocks.get(socket);
