// Transfer (to an agent or a team, with a note for whoever takes it) and claim (an agent takes a
// conversation from a manual team's pool, within their capacity).
import { and, eq, isNull } from 'drizzle-orm';
import type { Auth } from '#server/auth/authenticate.ts';
import { assertAssignable, assertMayAct } from '#server/auth/permissions.ts';
import type { HubContext } from '#server/context.ts';
import { afterOutboundCommit, createOutboundInTx } from '#server/conversations/create-outbound.ts';
import { loadVisible } from '#server/conversations/load-visible.ts';
import { conversationToJson } from '#server/conversations/serialize.ts';
import { conversations, teamMembers, teams, users } from '#server/db/schema.ts';
import { AppError } from '#server/errors.ts';
import { recordEvent } from '#server/events/record-event.ts';
import { afterAssignmentChange } from './assignment-change.ts';
import { hasRoom, loadsOf, routingLock } from './drain-queue.ts';
import { loadRoutingSettings } from './settings.ts';

export async function transferConversation(
  ctx: HubContext,
  auth: Auth,
  id: number,
  body: { assigneeId?: string; teamId?: string; note?: string },
) {
  const { conversation: before, channel } = await loadVisible(ctx, auth, id);
  assertMayAct(auth, 'manage');
  if (before.status === 'resolved')
    throw new AppError('invalid_state', 'a resolved conversation cannot be transferred');
  const assigneeId = body.assigneeId ? Number(body.assigneeId) : null;
  const teamId = body.teamId ? Number(body.teamId) : null;
  if (assigneeId !== null) {
    const [agent] = await ctx.db
      .select()
      .from(users)
      .where(and(eq(users.id, assigneeId), eq(users.accountId, auth.accountId)));
    assertAssignable(agent);
  }
  if (teamId !== null) {
    const [team] = await ctx.db
      .select()
      .from(teams)
      .where(and(eq(teams.id, teamId), eq(teams.accountId, auth.accountId)));
    if (!team) throw new AppError('bad_request', 'teamId names no team of this account');
  }
  const { after, note } = await ctx.db.transaction(async (tx) => {
    const note = body.note
      ? await createOutboundInTx(ctx, tx, {
          accountId: auth.accountId,
          conversationId: id,
          sender: { type: 'agent', id: auth.user.id },
          text: body.note,
          private: true,
        })
      : null;
    let [row] = await tx
      .update(conversations)
      .set({ assigneeId, teamId: teamId ?? before.teamId, updatedAt: ctx.clock.now() })
      .where(eq(conversations.id, id))
      .returning();
    await recordEvent(
      tx,
      row,
      'conversation.transferred',
      {
        fromAssigneeId: before.assigneeId === null ? null : String(before.assigneeId),
        fromTeamId: before.teamId === null ? null : String(before.teamId),
        toAssigneeId: assigneeId === null ? null : String(assigneeId),
        toTeamId: row.teamId === null ? null : String(row.teamId),
        noteMessageId: note ? String(note.message.id) : null,
      },
      { type: 'user', id: auth.user.id },
    );
    row = await afterAssignmentChange(ctx, tx, before, row, channel);
    return { after: row, note };
  });
  if (note) afterOutboundCommit(ctx, note);
  ctx.queue.wake('route');
  const json = conversationToJson(after, channel);
  ctx.publisher.conversationUpdated(after, json, before);
  return json;
}

export async function claimConversation(ctx: HubContext, auth: Auth, id: number) {
  const { conversation: before, channel } = await loadVisible(ctx, auth, id);
  assertMayAct(auth, 'manage');
  const after = await ctx.db.transaction(async (tx) => {
    await routingLock(tx, auth.accountId);
    const [c] = await tx
      .select()
      .from(conversations)
      .where(
        and(eq(conversations.id, id), isNull(conversations.assigneeId), eq(conversations.status, 'open')),
      );
    if (!c) throw new AppError('conflict', 'this conversation is no longer waiting; someone took it');
    if (c.teamId !== null) {
      const [member] = await tx
        .select()
        .from(teamMembers)
        .where(and(eq(teamMembers.teamId, c.teamId), eq(teamMembers.userId, auth.user.id)));
      if (!member) throw new AppError('forbidden', 'only members of its team can take this conversation');
    }
    const settings = await loadRoutingSettings(tx, auth.accountId);
    const [me] = await tx.select().from(users).where(eq(users.id, auth.user.id));
    const load = (await loadsOf(tx, auth.accountId, [me.id])).get(me.id) ?? new Map();
    if (!hasRoom({ user: me, load }, channel, settings)) {
      throw new AppError(
        'capacity_full',
        `you already have as many ${channel} conversations as your capacity allows`,
      );
    }
    let [row] = await tx
      .update(conversations)
      .set({ assigneeId: me.id, updatedAt: ctx.clock.now() })
      .where(eq(conversations.id, id))
      .returning();
    await recordEvent(
      tx,
      row,
      'conversation.assigned',
      { assigneeId: String(me.id), by: 'claim' },
      { type: 'user', id: me.id },
    );
    row = await afterAssignmentChange(ctx, tx, before, row, channel);
    return row;
  });
  const json = conversationToJson(after, channel);
  ctx.publisher.conversationUpdated(after, json, before);
  return json;
}
