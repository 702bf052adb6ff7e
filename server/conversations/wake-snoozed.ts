// Snooze that wakes up: snoozing schedules a durable timer for `snoozedUntil`, in the transaction that
// snoozes. When it fires, the conversation opens again only if it is still snoozed until that very
// instant: one re-snoozed to another time, reopened by a customer's message, or resolved meanwhile is
// left alone (its own later timer, if any, decides). It is announced as `conversation.unsnoozed`: routing
// puts one with nobody assigned back in its team's queue; its assignee, if any, gets a notice on their own
// sockets.
import { and, eq } from 'drizzle-orm';
import type { HubContext, TimerJob } from '#server/context.ts';
import type { Tx } from '#server/db/client.ts';
import { type Conversation, conversations, inboxes, users } from '#server/db/schema.ts';
import { recordEvent } from '#server/events/record-event.ts';
import type { ChannelKind } from '#shared/channels.ts';
import { conversationToJson } from './serialize.ts';

export const wakeTimerKind = 'conversation.wake';

/** Called in the transaction that snoozes `c` until `c.snoozedUntil`. */
export async function scheduleWake(ctx: HubContext, tx: Tx, c: Conversation): Promise<void> {
  if (c.status !== 'snoozed' || !c.snoozedUntil) return;
  await ctx.timers.schedule(tx, {
    kind: wakeTimerKind,
    conversationId: c.id,
    accountId: c.accountId,
    dueAt: c.snoozedUntil.toISOString(),
  });
}

/** The timer's body. */
export async function wakeSnoozed(ctx: HubContext, job: TimerJob): Promise<void> {
  const woke = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ conversation: conversations, channel: inboxes.channel })
      .from(conversations)
      .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
      .where(and(eq(conversations.id, job.conversationId!), eq(conversations.status, 'snoozed')))
      .for('update', { of: conversations });
    if (!row) return null; // reopened or resolved meanwhile
    const before = row.conversation;
    if (before.snoozedUntil?.toISOString() !== job.dueAt) return null; // snoozed again, to another time
    // An assignee who was disabled while it slept cannot take it back: it returns to the queue instead.
    let assigneeId = before.assigneeId;
    if (assigneeId !== null) {
      const [agent] = await tx
        .select({ disabled: users.disabled })
        .from(users)
        .where(eq(users.id, assigneeId));
      if (!agent || agent.disabled) assigneeId = null;
    }
    const now = ctx.clock.now();
    let [after] = await tx
      .update(conversations)
      .set({
        status: 'open',
        snoozedUntil: null,
        updatedAt: now,
        ...(assigneeId === null ? { assigneeId: null, assignedAt: null } : {}),
      })
      .where(eq(conversations.id, before.id))
      .returning();
    await recordEvent(tx, after, 'conversation.unsnoozed', {
      snoozedUntil: job.dueAt,
      assigneeId: assigneeId === null ? null : String(assigneeId),
    });
    const channel = row.channel as ChannelKind;
    after = await ctx.events.emit(tx, 'conversation.unsnoozed', { channel, conversation: after });
    return { before, after, channel };
  });
  if (!woke) return;
  const { before, after, channel } = woke;
  ctx.queue.wake('route');
  ctx.publisher.conversationUpdated(after, conversationToJson(after, channel), before);
  if (after.assigneeId !== null) {
    ctx.publisher.userNotice(after.assigneeId, {
      type: 'conversation.unsnoozed',
      conversationId: String(after.id),
      snoozedUntil: job.dueAt,
    });
  }
}

export function installSnooze(ctx: HubContext): void {
  ctx.timers.on(wakeTimerKind, wakeSnoozed);
}
