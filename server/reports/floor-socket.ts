// The console asks to watch the floor on the agent socket: `floor:watch` joins the account's floor room
// (admins and supervisors only, checked at each request, not at connection) and is answered with the
// floor as it is now; `floor:unwatch` leaves it. From then on `floor:update` brings every change.
import { authenticateToken } from '#server/auth/authenticate.ts';
import type { HubContext } from '#server/context.ts';
import { AppError } from '#server/errors.ts';
import type { AgentNamespace } from '#server/realtime/namespaces.ts';
import { floorRoles } from '#shared/floor.schema.ts';
import { floorRoom } from './floor-watch.ts';
import { liveFloor } from './live-floor.ts';

type Reply = (answer: unknown) => void;
/** The acknowledgement, wherever the client put it (with or without a payload before it). */
const replyOf = (args: unknown[]): Reply => {
  const fn = args.find((a) => typeof a === 'function');
  return typeof fn === 'function' ? (fn as Reply) : () => {};
};

export function attachFloorWatch(ns: AgentNamespace, ctx: () => HubContext): void {
  ns.on('connection', (socket) => {
    socket.on('floor:watch', async (...args: unknown[]) => {
      const reply = replyOf(args);
      try {
        const token: unknown = socket.handshake.auth.token;
        const auth = await authenticateToken(ctx(), typeof token === 'string' ? token : undefined);
        if (!(floorRoles as readonly string[]).includes(auth.user.role))
          throw new AppError('forbidden', `the ${auth.user.role} role cannot watch the floor`);
        socket.join(floorRoom(auth.accountId));
        reply({ ok: true, floor: await liveFloor(ctx(), auth.accountId) });
      } catch (err) {
        const e =
          err instanceof AppError ? err : new AppError('internal', 'something went wrong on our side');
        if (e.status >= 500) ctx().log.warn({ err }, 'could not open the live floor');
        reply({ ok: false, error: { code: e.code, message: e.message } });
      }
    });
    socket.on('floor:unwatch', (...args: unknown[]) => {
      socket.leave(floorRoom(socket.data.auth.accountId));
      replyOf(args)({ ok: true });
    });
  });
}
