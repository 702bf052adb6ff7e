// The /agent socket namespace: token auth, then the rooms of the conversations the agent may see.
import type { Namespace, Server } from 'socket.io';
import { authenticateToken } from '#server/auth/authenticate.ts';
import type { HubContext } from '#server/context.ts';
import { AppError } from '#server/errors.ts';
import { roomsOfUser } from './rooms.ts';

export function attachAgentNamespace(io: Server, ctx: () => HubContext): Namespace {
  const ns = io.of('/agent');
  ns.use(async (socket, next) => {
    try {
      const token = (socket.handshake.auth as { token?: unknown }).token;
      const auth = await authenticateToken(ctx(), typeof token === 'string' ? token : undefined);
      socket.data.auth = auth;
      next();
    } catch (err) {
      const e = err instanceof AppError ? err : new AppError('unauthenticated', 'authentication failed');
      next(Object.assign(new Error(e.message), { data: { code: e.code } }));
    }
  });
  ns.on('connection', (socket) => {
    const { user, teamIds } = socket.data.auth;
    socket.join(roomsOfUser(user, teamIds));
  });
  return ns;
}
