// Delivery receipts from a channel move a sent message forward (sent → delivered → read), never back.
import { and, eq, inArray } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { attachments, conversations, type Message, messages } from '#server/db/schema.ts';
import { recordEvent } from '#server/events/record-event.ts';
import type { DeliveryUpdate } from '#shared/channels.ts';
import { messageToJson } from './serialize.ts';

const before: Record<DeliveryUpdate['status'], Message['status'][]> = {
  delivered: ['queued', 'sent'],
  read: ['queued', 'sent', 'delivered'],
  failed: ['queued', 'sent'],
};

export async function applyDeliveryUpdate(ctx: HubContext, u: DeliveryUpdate): Promise<void> {
  const message = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(messages)
      .set({
        status: u.status,
        // A failure the channel reports after the send (a mail bounce, a WhatsApp error receipt) is final.
        ...(u.status === 'failed'
          ? { error: u.error ?? 'the channel reported a failure', errorCode: 'PERMANENT' }
          : {}),
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
    if (row && u.status === 'failed') {
      await recordEvent(
        tx,
        { id: row.conversationId, accountId: row.accountId },
        'message.failed',
        { messageId: row.id, code: 'PERMANENT', reason: row.error },
        { type: 'channel' },
      );
    }
    return row;
  });
  if (!message) return;
  const [conversation] = await ctx.db
    .select()
    .from(conversations)
    .where(eq(conversations.id, message.conversationId));
  const files = await ctx.db.select().from(attachments).where(eq(attachments.messageId, message.id));
  ctx.publisher.messageUpdated(conversation, messageToJson(message, files));
}
