// An agent's reply, a private note, or an automatic message. The message is stored `queued` together
// with its delivery job in one transaction (nothing is sent fire-and-forget); a private note is never
// sent anywhere. The same clientMessageId twice stores one message.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import type { Tx } from '#server/db/client.ts';
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
import { recordEvent } from '#server/events/record-event.ts';
import { capabilitiesOf } from '#server/inboxes/channel-facts.ts';
import { jobNames } from '#server/queue/queue.ts';
import type { ChannelKind, MessageTemplate } from '#shared/channels.ts';
import { markdownLiteToHtml } from '#shared/markdown-lite.ts';
import { checkReplyLength } from './check-reply-length.ts';
import { lastMessageJson } from './last-messages.ts';
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
  /** An approved template instead of free text (WhatsApp Cloud API only); kept in the message's meta. */
  template?: MessageTemplate;
  /** `markdown`: the text carries the console's formatting; the HTML part is made from it (e-mail only). */
  format?: 'plain' | 'markdown';
  /** E-mail only: this reply's subject, cc and bcc; kept in the message's meta as `compose`. */
  email?: { subject?: string; cc: string[]; bcc: string[] };
  /** A public item's channel only (a Page comment): to its author privately; kept in meta as `privately`. */
  privately?: boolean;
};

export type OutboundResult = { message: Message; attachments: Attachment[]; created: boolean };

export async function createOutboundMessage(ctx: HubContext, input: OutboundInput): Promise<OutboundResult> {
  const result = await ctx.db.transaction((tx) => createOutboundInTx(ctx, tx, input));
  afterOutboundCommit(ctx, result);
  return { message: result.message, attachments: result.attachments, created: result.created };
}

type OutboundInTx = OutboundResult & { conversation: Conversation; channel: string };

/** The insert of createOutboundMessage inside a caller's transaction; call afterOutboundCommit after it. */
export async function createOutboundInTx(
  ctx: HubContext,
  tx: Tx,
  input: OutboundInput,
): Promise<OutboundInTx> {
  const [row] = await tx
    .select({ conversation: conversations, channel: inboxes.channel })
    .from(conversations)
    .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
    .where(and(eq(conversations.id, input.conversationId), eq(conversations.accountId, input.accountId)))
    .for('update', { of: conversations });
  if (!row) throw notFound('conversation');
  const { conversation } = row;
  const can = capabilitiesOf(row.channel);
  if (input.template && !can.templates) {
    throw new AppError(
      'bad_request',
      'templates can only be sent on a channel that has them (WhatsApp Cloud API)',
    );
  }
  if (input.privately && !can.publicItems) {
    throw new AppError('bad_request', 'a private reply is for public items (a Page comment) only');
  }
  const markdown = input.format === 'markdown';
  if ((input.email || markdown) && !can.richEmail) {
    throw new AppError('bad_request', 'a subject, cc, bcc and formatting are for e-mail conversations only');
  }

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
  // An agent's text the channel would refuse: said now, not as a failed delivery later. (A template's text
  // is only the hub's record of it.)
  if (!isPrivate && input.sender.type === 'agent' && input.text && !input.template) {
    await checkReplyLength(tx, can, {
      conversationId: conversation.id,
      text: input.text,
      privately: input.privately ?? false,
    });
  }
  const now = ctx.clock.now();
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
      html: markdown && input.text ? markdownLiteToHtml(input.text) : (input.html ?? null),
      private: isPrivate,
      // A note stays inside the hub: it is complete the moment it is stored.
      status: isPrivate ? 'sent' : 'queued',
      clientMessageId: input.clientMessageId ?? null,
      ...(input.template ? { contentType: 'template', meta: { template: input.template } } : {}),
      ...(input.email || markdown
        ? {
            meta: {
              ...(markdown ? { format: 'markdown' } : {}),
              ...(input.email ? { compose: input.email } : {}),
            },
          }
        : {}),
      ...(input.privately ? { meta: { privately: true } } : {}),
      // Since when the customer waited for this answer: the response times in the reports.
      waitedSince: !isPrivate && input.sender.type === 'agent' ? conversation.waitingSince : null,
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
          // An upload is sent only by whoever uploaded it: ids are sequential, and a colleague who cannot
          // see a draft file must not be able to send it (and then download it).
          eq(attachments.uploadedByType, 'user'),
          eq(attachments.uploadedById, input.sender.id ?? -1),
        ),
      )
      .returning();
    if (files.length !== input.attachmentIds.length) {
      throw new AppError(
        'bad_request',
        'an attachment id is unknown, already used by another message, or not uploaded by you',
      );
    }
  }

  const publicReply = !isPrivate && input.sender.type === 'agent';
  let [updated] = await tx
    .update(conversations)
    .set({
      lastActivityAt: now,
      updatedAt: now,
      ...(publicReply
        ? {
            firstAgentReplyAt: sql`coalesce(${conversations.firstAgentReplyAt}, ${now})`,
            // The first reply's sender: the times report's first responder.
            firstResponderId: sql`case when ${conversations.firstAgentReplyAt} is null then ${input.sender.id ?? null}::bigint else ${conversations.firstResponderId} end`,
            lastAgentReplyAt: now,
            // Answered: the response clocks stop until the customer writes again.
            waitingSince: null,
            firstResponseDueAt: null,
            nextResponseDueAt: null,
          }
        : {}),
    })
    .where(eq(conversations.id, conversation.id))
    .returning();
  if (publicReply) {
    // As the subscribers leave it (the protocol drops a "waiting on us" hold the reply answers).
    updated = await ctx.events.emit(tx, 'reply.created', {
      channel: row.channel as ChannelKind,
      conversation: updated,
      message,
      firstReply: conversation.firstAgentReplyAt === null,
      before: conversation,
    });
  }

  if (!isPrivate) {
    await ctx.queue.send(jobNames.deliver, { messageId: message.id }, { tx });
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
}

/** Wakes the outbox and tells the agents, once the transaction that stored the message committed. */
export function afterOutboundCommit(ctx: HubContext, result: OutboundInTx): void {
  if (!result.created) return;
  if (!result.message.private) ctx.queue.wake();
  publishOutbound(
    ctx,
    result.conversation,
    result.channel as ChannelKind,
    result.message,
    result.attachments,
  );
}

function publishOutbound(
  ctx: HubContext,
  conversation: Conversation,
  channel: ChannelKind,
  message: Message,
  files: Attachment[],
): void {
  ctx.publisher.messageCreated(conversation, messageToJson(message, files));
  // A note leaves the list's preview line as it was.
  const preview = lastMessageJson(message);
  ctx.publisher.conversationUpdated(
    conversation,
    conversationToJson(conversation, channel, preview ? { lastMessage: preview } : {}),
  );
}
