// An agent's reply, a private note, or an automatic message. The message is stored `queued` together
// with its delivery job in one transaction (nothing is sent fire-and-forget); a private note is never
// sent anywhere. The same clientMessageId twice stores one message.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import {
  type Attachment,
  attachments,
  type Conversation,
  conversations,
  inboxes,
  type Message,
  messages,
} from '#server/db/schema.ts';
import { AppError, notFound } from '#server/errors.ts';
import { jobNames } from '#server/queue/queue.ts';
import type { ChannelKind } from '#shared/channels.ts';
import { recordEvent } from './ingest-inbound.ts';
import { conversationToJson, messageToJson } from './serialize.ts';

export type OutboundInput = {
  accountId: number;
  conversationId: number;
  sender: { type: 'agent' | 'bot' | 'system'; id: number | null };
  text?: string;
  html?: string;
  private?: boolean;
  attachmentIds?: number[];
  clientMessageId?: string;
};

export async function createOutboundMessage(
  ctx: HubContext,
  input: OutboundInput,
): Promise<{ message: Message; attachments: Attachment[]; created: boolean }> {
  const result = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ conversation: conversations, channel: inboxes.channel })
      .from(conversations)
      .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
      .where(and(eq(conversations.id, input.conversationId), eq(conversations.accountId, input.accountId)))
      .for('update', { of: conversations });
    if (!row) throw notFound('conversation');
    const { conversation } = row;

    if (input.clientMessageId) {
      const [same] = await tx
        .select()
        .from(messages)
        .where(
          and(
            eq(messages.conversationId, conversation.id),
            eq(messages.clientMessageId, input.clientMessageId),
          ),
        );
      if (same) {
        const files = await tx.select().from(attachments).where(eq(attachments.messageId, same.id));
        return { message: same, attachments: files, created: false, conversation, channel: row.channel };
      }
    }

    const isPrivate = input.private ?? false;
    const now = new Date();
    const [message] = await tx
      .insert(messages)
      .values({
        accountId: input.accountId,
        conversationId: conversation.id,
        inboxId: conversation.inboxId,
        direction: 'out',
        senderType: input.sender.type,
        senderId: input.sender.id,
        text: input.text ?? null,
        html: input.html ?? null,
        private: isPrivate,
        // A note stays inside the hub: it is complete the moment it is stored.
        status: isPrivate ? 'sent' : 'queued',
        clientMessageId: input.clientMessageId ?? null,
        createdAt: now,
        sentAt: isPrivate ? now : null,
      })
      .returning();

    let files: Attachment[] = [];
    if (input.attachmentIds?.length) {
      files = await tx
        .update(attachments)
        .set({ messageId: message.id })
        .where(
          and(
            eq(attachments.accountId, input.accountId),
            inArray(attachments.id, input.attachmentIds),
            isNull(attachments.messageId),
          ),
        )
        .returning();
      if (files.length !== input.attachmentIds.length) {
        throw new AppError('bad_request', 'an attachment id is unknown or already used by another message');
      }
    }

    const publicReply = !isPrivate && input.sender.type === 'agent';
    const [updated] = await tx
      .update(conversations)
      .set({
        lastActivityAt: now,
        updatedAt: now,
        ...(publicReply
          ? { firstAgentReplyAt: sql`coalesce(${conversations.firstAgentReplyAt}, ${now})` }
          : {}),
      })
      .where(eq(conversations.id, conversation.id))
      .returning();

    if (!isPrivate) {
      await ctx.queue.boss.send(jobNames.deliver, { messageId: message.id }, ctx.queue.inTx(tx));
    } else {
      await recordEvent(
        tx,
        conversation,
        'note.added',
        { messageId: message.id },
        {
          type: 'user',
          id: input.sender.id,
        },
      );
    }
    return { message, attachments: files, created: true, conversation: updated, channel: row.channel };
  });

  if (result.created) {
    if (!result.message.private) ctx.queue.wake();
    publishOutbound(
      ctx,
      result.conversation,
      result.channel as ChannelKind,
      result.message,
      result.attachments,
    );
  }
  return { message: result.message, attachments: result.attachments, created: result.created };
}

function publishOutbound(
  ctx: HubContext,
  conversation: Conversation,
  channel: ChannelKind,
  message: Message,
  files: Attachment[],
): void {
  ctx.publisher.messageCreated(conversation, messageToJson(message, files));
  ctx.publisher.conversationUpdated(conversation, conversationToJson(conversation, channel));
}
