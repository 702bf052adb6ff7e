// Delivery receipts from a channel move a sent message forward (sent → delivered → read), never back.
import { and, eq, inArray } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { conversations, type Message, messages } from '#server/db/schema.ts';
import type { DeliveryUpdate } from '#shared/channels.ts';
import { messageToJson } from './serialize.ts';

const before: Record<DeliveryUpdate['status'], Message['status'][]> = {
  delivered: ['queued', 'sent'],
  read: ['queued', 'sent', 'delivered'],
  failed: ['queued', 'sent'],
};

export async function applyDeliveryUpdate(ctx: HubContext, u: DeliveryUpdate): Promise<void> {
  const [message] = await ctx.db
    .update(messages)
    .set({
      status: u.status,
      ...(u.status === 'failed' ? { error: u.error ?? 'the channel reported a failure' } : {}),
    })
    .where(
      and(
        eq(messages.inboxId, u.inboxId),
        eq(messages.externalId, u.externalId),
        eq(messages.direction, 'out'),
        inArray(messages.status, before[u.status]),
      ),
    )
    .returning();
  if (!message) return;
  const [conversation] = await ctx.db
    .select()
    .from(conversations)
    .where(eq(conversations.id, message.conversationId));
  ctx.publisher.messageUpdated(conversation, messageToJson(message));
}
