// The queue's timers: overflow (waited too long in one team's queue → the next team) and re-route (an
// assigned agent did not answer in time → back to the queue, someone else first). Each re-checks the
// conversation: a timer whose reason has gone does nothing.
import { and, eq, isNull } from 'drizzle-orm';
import type { HubContext, TimerJob } from '#server/context.ts';
import { conversationToJson } from '#server/conversations/serialize.ts';
import { conversations, inboxes, teams } from '#server/db/schema.ts';
import { recordEvent } from '#server/events/record-event.ts';
import type { ChannelKind } from '#shared/channels.ts';
import { queueInTx, requestRouting } from './enqueue.ts';
import { teamSettingsOf } from './settings.ts';

export async function overflow(ctx: HubContext, job: TimerJob): Promise<void> {
  const fromTeamId = Number(job.fromTeamId);
  const moved = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ conversation: conversations, channel: inboxes.channel, team: teams })
      .from(conversations)
      .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
      .innerJoin(teams, eq(teams.id, conversations.teamId))
      .where(
        and(
          eq(conversations.id, job.conversationId!),
          eq(conversations.teamId, fromTeamId),
          eq(conversations.status, 'open'),
          isNull(conversations.assigneeId),
        ),
      )
      .for('update', { of: conversations });
    if (!row) return null;
    const target = teamSettingsOf(row.team).overflow;
    if (!target) return null;
    // Never round in circles: a team this conversation already overflowed from is not a target again.
    const visited = ((row.conversation.meta as { overflowedFrom?: number[] }).overflowedFrom ?? []).concat(
      fromTeamId,
    );
    const toTeamId = Number(target.teamId);
    if (visited.includes(toTeamId)) return null;
    const [marked] = await tx
      .update(conversations)
      .set({ meta: { ...row.conversation.meta, overflowedFrom: visited } })
      .where(eq(conversations.id, row.conversation.id))
      .returning();
    await recordEvent(tx, marked, 'conversation.overflowed', {
      fromTeamId: String(fromTeamId),
      toTeamId: String(toTeamId),
      waitedMs: marked.queuedAt ? ctx.clock.now().getTime() - marked.queuedAt.getTime() : null,
    });
    const after = await queueInTx(ctx, tx, marked, toTeamId, { reason: 'overflow' });
    return { before: row.conversation, after, channel: row.channel as ChannelKind };
  });
  if (!moved) return;
  ctx.queue.wake('route');
  ctx.publisher.conversationUpdated(
    moved.after,
    conversationToJson(moved.after, moved.channel),
    moved.before,
  );
}

export async function reroute(ctx: HubContext, job: TimerJob): Promise<void> {
  const assigneeId = Number(job.assigneeId);
  const moved = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ conversation: conversations, channel: inboxes.channel })
      .from(conversations)
      .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
      .where(
        and(
          eq(conversations.id, job.conversationId!),
          eq(conversations.assigneeId, assigneeId),
          eq(conversations.status, 'open'),
        ),
      )
      .for('update', { of: conversations });
    if (!row) return null;
    const c = row.conversation;
    if (c.assignedAt?.toISOString() !== job.assignedAt) return null; // assigned again since
    if (c.lastAgentReplyAt && c.lastAgentReplyAt >= c.assignedAt!) return null; // answered
    const skip = ((c.meta as { rerouteFrom?: number[] }).rerouteFrom ?? []).filter((id) => id !== assigneeId);
    const [after] = await tx
      .update(conversations)
      .set({
        assigneeId: null,
        assignedAt: null,
        meta: { ...c.meta, rerouteFrom: [...skip, assigneeId] },
        updatedAt: ctx.clock.now(),
      })
      .where(eq(conversations.id, c.id))
      .returning();
    await recordEvent(tx, after, 'conversation.rerouted', {
      fromAssigneeId: String(assigneeId),
      reason: 'no_answer',
      afterMs: ctx.clock.now().getTime() - c.assignedAt!.getTime(),
    });
    await requestRouting(ctx, tx, after.accountId);
    return { before: c, after, channel: row.channel as ChannelKind };
  });
  if (!moved) return;
  ctx.queue.wake('route');
  ctx.publisher.conversationUpdated(
    moved.after,
    conversationToJson(moved.after, moved.channel),
    moved.before,
  );
}
