// What routing does when a person changes a conversation's owner: an agent given it by hand starts its
// assignment (protocol steps, re-route timer); one sent to a team without an agent waits in that team's
// queue from now; a resolve or reassignment that frees a place lets the router look again.
import { eq } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import type { Tx } from '#server/db/client.ts';
import { type Conversation, conversations, teams } from '#server/db/schema.ts';
import type { ChannelKind } from '#shared/channels.ts';
import { queueInTx, requestRouting } from './enqueue.ts';
import { teamSettingsOf } from './settings.ts';

export async function afterAssignmentChange(
  ctx: HubContext,
  tx: Tx,
  before: Conversation,
  row: Conversation,
  channel: ChannelKind,
): Promise<Conversation> {
  const now = ctx.clock.now();
  if (row.assigneeId !== null && row.assigneeId !== before.assigneeId) {
    const [assigned] = await tx
      .update(conversations)
      .set({ assignedAt: now })
      .where(eq(conversations.id, row.id))
      .returning();
    if (assigned.teamId !== null) {
      const [team] = await tx.select().from(teams).where(eq(teams.id, assigned.teamId));
      const after = team ? teamSettingsOf(team).rerouteAfterSeconds : null;
      if (after) {
        await ctx.timers.schedule(tx, {
          kind: 'routing.reroute',
          conversationId: assigned.id,
          assigneeId: assigned.assigneeId!,
          assignedAt: now.toISOString(),
          dueAt: new Date(now.getTime() + after * 1000).toISOString(),
        });
      }
    }
    await ctx.events.emit(tx, 'conversation.assigned', { channel, conversation: assigned, by: 'user' });
    if (before.assigneeId !== null) await requestRouting(ctx, tx, row.accountId);
    return assigned;
  }
  if (row.assigneeId === null && row.status === 'open' && row.teamId !== null) {
    const moved = before.assigneeId !== null || before.teamId !== row.teamId;
    if (moved) {
      const queued = await queueInTx(ctx, tx, row, row.teamId, {
        fresh: before.teamId !== row.teamId,
        reason: 'assigned_to_team',
      });
      if (before.assigneeId !== null) await requestRouting(ctx, tx, row.accountId);
      return queued;
    }
  }
  if (before.assigneeId !== null && row.assigneeId === null) await requestRouting(ctx, tx, row.accountId);
  return row;
}
