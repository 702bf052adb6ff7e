// The hub resolving a conversation by itself (the protocol's inactivity close), the way an agent's
// resolve does it in update-conversation.ts: status and resolvedAt, an event with the system as actor,
// the resolve follow-ups in the same transaction, and the agents told after the commit.
import { and, eq, ne } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { conversationToJson } from '#server/conversations/serialize.ts';
import { type Conversation, conversations } from '#server/db/schema.ts';
import { recordEvent } from '#server/events/record-event.ts';
import type { ChannelKind } from '#shared/channels.ts';

export async function resolveAsSystem(
  ctx: HubContext,
  before: Conversation,
  channel: ChannelKind,
  reason: string,
): Promise<Conversation | null> {
  const now = ctx.clock.now();
  const after = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(conversations)
      .set({ status: 'resolved', resolvedAt: now, snoozedUntil: null, updatedAt: now })
      .where(and(eq(conversations.id, before.id), ne(conversations.status, 'resolved')))
      .returning();
    if (!row) return null;
    await recordEvent(tx, row, 'conversation.status_changed', {
      from: before.status,
      to: 'resolved',
      reason,
    });
    return ctx.events.emit(tx, 'conversation.resolved', { channel, conversation: row });
  });
  if (after) ctx.publisher.conversationUpdated(after, conversationToJson(after, channel), before);
  return after;
}
