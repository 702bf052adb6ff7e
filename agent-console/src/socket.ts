// The /agent socket: live conversations and messages. After a reconnect the views refetch from the last
// id they saw (nothing is missed while the socket was down).
import { io, type Socket } from 'socket.io-client';

export function connectAgentSocket(token: string): Socket {
  return io('/agent', { auth: { token }, transports: ['websocket', 'polling'] });
}
