// The /agent socket namespace: token auth, then the rooms of the conversations the agent may see.
import type { Server } from 'socket.io';
import { authenticateToken } from '#server/auth/authenticate.ts';
import { assertMayAct } from '#server/auth/permissions.ts';
import type { HubContext } from '#server/context.ts';
import { loadVisible } from '#server/conversations/load-visible.ts';
import { AppError } from '#server/errors.ts';
import { capabilitiesOf } from '#server/inboxes/channel-facts.ts';
import { agentSocketClosed } from '#server/routing/presence.ts';
import { describeInputProblem, inputProblem } from '#shared/input-guard.ts';
import { agentTypingBody } from '#shared/widget.schema.ts';
import { type AgentNamespace, agentNamespaceOf } from './namespaces.ts';
import { roomsOfUser, sessionRoom } from './rooms.ts';

export function attachAgentNamespace(io: Server, ctx: () => HubContext): AgentNamespace {
  const ns = agentNamespaceOf(io);
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
    const { user, teamIds, tokenId } = socket.data.auth;
    socket.join([...roomsOfUser(user, teamIds), sessionRoom(tokenId)]);
    // The hub's clock, before any event of the rooms just joined: the console tells the assignments it
    // connected after (news) from those it found, whatever its own clock says.
    socket.emit('hello', { serverTime: new Date().toISOString() });
    // The last tab closed or the network dropped: offline after the grace period unless they come back.
    socket.on('disconnect', () => {
      agentSocketClosed(ctx(), user).catch((err) =>
        ctx().log.warn({ err, userId: user.id }, 'could not start the presence grace period'),
      );
    });
    // An agent typing in a web-chat conversation they may see: the visitor's widget shows it.
    // The payload is what the client sent, whatever its type says: it is parsed before use.
    socket.on('typing', async (payload: unknown, ack) => {
      const reply = typeof ack === 'function' ? ack : () => {};
      const problem = inputProblem(payload);
      if (problem) {
        return reply({ ok: false, error: { code: problem.code, message: describeInputProblem(problem) } });
      }
      const body = agentTypingBody.safeParse(payload);
      if (!body.success) {
        return reply({
          ok: false,
          error: { code: 'validation_failed', message: 'typing {conversationId, on}' },
        });
      }
      try {
        // Checked again at each event, not at connection: a revoked session or a changed role counts now.
        const token: unknown = socket.handshake.auth.token;
        const auth = await authenticateToken(ctx(), typeof token === 'string' ? token : undefined);
        assertMayAct(auth, 'reply');
        const { conversation, channel } = await loadVisible(ctx(), auth, Number(body.data.conversationId));
        // Only a customer connected to the hub itself (the widget) can see it.
        if (capabilitiesOf(channel).live) ctx().widget.agentTyping(conversation.id, body.data.on);
        reply({ ok: true });
      } catch (err) {
        const e =
          err instanceof AppError ? err : new AppError('internal', 'something went wrong on our side');
        reply({ ok: false, error: { code: e.code, message: e.message } });
      }
    });
  });
  return ns;
}
