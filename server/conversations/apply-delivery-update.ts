// Delivery receipts from a channel move a sent message forward (sent → delivered → read), never back. A
// delay notice (the channel still trying) changes no status: it is kept on the message as a warning.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { attachments, conversations, type Message, messages } from '#server/db/schema.ts';
import { recordEvent } from '#server/events/record-event.ts';
import type { DeliveryUpdate } from '#shared/channels.ts';
import { messageToJson } from './serialize.ts';

const before: Record<DeliveryUpdate['status'], Message['status'][]> = {
  delivered: ['queued', 'sent'],
  read: ['queued', 'sent', 'delivered'],
  failed: ['queued', 'sent'],
  delayed: ['queued', 'sent'],
};

export async function applyDeliveryUpdate(ctx: HubContext, u: DeliveryUpdate): Promise<void> {
  const message =
    u.status === 'delayed' ? await noteDelay(ctx, u) : await moveStatus(ctx, { ...u, status: u.status });
  if (!message) return;
  const [conversation] = await ctx.db
    .select()
    .from(conversations)
    .where(eq(conversations.id, message.conversationId));
  const files = await ctx.db.select().from(attachments).where(eq(attachments.messageId, message.id));
  ctx.publisher.messageUpdated(conversation, messageToJson(message, files));
}

const ofThisUpdate = (u: DeliveryUpdate) =>
  and(
    eq(messages.inboxId, u.inboxId),
    eq(messages.externalId, u.externalId),
    eq(messages.direction, 'out'),
    inArray(messages.status, before[u.status]),
  );

async function noteDelay(ctx: HubContext, u: DeliveryUpdate): Promise<Message | undefined> {
  const warning = u.error ?? 'the channel is still trying to deliver it';
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(messages)
      .set({ meta: sql`${messages.meta} || ${JSON.stringify({ deliveryWarning: warning })}::jsonb` })
      .where(ofThisUpdate(u))
      .returning();
    if (row) {
      await recordEvent(
        tx,
        { id: row.conversationId, accountId: row.accountId },
        'message.delayed',
        { messageId: row.id, reason: warning },
        { type: 'channel' },
      );
    }
    return row;
  });
}

async function moveStatus(ctx: HubContext, u: DeliveryUpdate & { status: Message['status'] }) {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(messages)
      .set({
        status: u.status,
        // A failure the channel reports after the send (a mail bounce, a WhatsApp error receipt) is final.
        ...(u.status === 'failed'
          ? { error: u.error ?? 'the channel reported a failure', errorCode: 'PERMANENT' }
          : {}),
      })
      .where(ofThisUpdate(u))
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
}
