// The agent's retry button: a failed message goes back to `queued` with a fresh delivery job.
import { and, eq } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { type Attachment, attachments, conversations, type Message, messages } from '#server/db/schema.ts';
import { AppError, notFound } from '#server/errors.ts';
import { recordEvent } from '#server/events/record-event.ts';
import { jobNames } from '#server/queue/queue.ts';
import { messageToJson } from './serialize.ts';

export async function retryMessage(
  ctx: HubContext,
  accountId: number,
  conversationId: number,
  messageId: number,
  userId: number,
): Promise<{ message: Message; attachments: Attachment[] }> {
  const message = await ctx.db.transaction(async (tx) => {
    const where = and(
      eq(messages.id, messageId),
      eq(messages.conversationId, conversationId),
      eq(messages.accountId, accountId),
    );
    const [row] = await tx
      .update(messages)
      .set({ status: 'queued', error: null, errorCode: null })
      .where(and(where, eq(messages.status, 'failed')))
      .returning();
    if (!row) {
      const [exists] = await tx.select({ status: messages.status }).from(messages).where(where);
      if (!exists) throw notFound('message');
      throw new AppError(
        'invalid_state',
        `only a failed message can be retried; this one is ${exists.status}`,
      );
    }
    await ctx.queue.send(jobNames.deliver, { messageId: row.id }, { tx });
    await recordEvent(
      tx,
      { id: conversationId, accountId },
      'message.retried',
      { messageId },
      { type: 'user', id: userId },
    );
    return row;
  });
  ctx.queue.wake();
  const [conversation] = await ctx.db
    .select()
    .from(conversations)
    .where(eq(conversations.id, conversationId));
  const files = await ctx.db.select().from(attachments).where(eq(attachments.messageId, message.id));
  ctx.publisher.messageUpdated(conversation, messageToJson(message, files));
  return { message, attachments: files };
}
