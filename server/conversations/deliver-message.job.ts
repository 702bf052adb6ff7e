// The outbox worker: sends one queued message through its inbox's channel. The ChannelError code decides:
// TEMPORARY → retried by pg-boss with exponential backoff; RATE_LIMITED → re-enqueued after the wait the
// channel asked for; AUTH / PERMANENT, or retries used up → `failed` with the reason, for the agent to see.
import { and, asc, desc, eq, isNotNull, lt } from 'drizzle-orm';
import { ChannelError, toChannelError } from '#channels/errors.ts';
import type { OutboundMessage } from '#channels/types.ts';
import type { HubContext } from '#server/context.ts';
import {
  attachments,
  contactIdentities,
  contacts,
  conversations,
  inboxes,
  type Message,
  messages,
} from '#server/db/schema.ts';
import { recordEvent } from '#server/events/record-event.ts';
import { jobNames, type QueueJob } from '#server/queue/queue.ts';
import type { ChannelKind, MessageTemplate } from '#shared/channels.ts';
import { conversationToJson, messageToJson } from './serialize.ts';

export type DeliverJob = QueueJob<{ messageId: number }>;

export async function deliverMessage(ctx: HubContext, job: DeliverJob): Promise<void> {
  const [row] = await ctx.db
    .select({ message: messages, conversation: conversations, contact: contacts, channel: inboxes.channel })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .innerJoin(inboxes, eq(inboxes.id, messages.inboxId))
    .where(eq(messages.id, job.data.messageId));
  // Already sent (a duplicate job after a crash), a note, or an inbound message: nothing to send. The
  // last case is the echo guard — what came from a channel never goes back to it.
  if (!row || row.message.status !== 'queued' || row.message.direction !== 'out' || row.message.private)
    return;
  const { message, conversation, contact } = row;

  const running = await ctx.channels.ensure(message.inboxId);
  if (!running) {
    await markFailed(ctx, message, 'PERMANENT', 'the inbox of this conversation is not running');
    return;
  }

  // The reply goes to the identity the customer wrote from; a conversation the hub started itself
  // (no such identity) goes to the contact's newest identity on this channel.
  const [identity] = await ctx.db
    .select()
    .from(contactIdentities)
    .where(
      conversation.contactIdentityId !== null
        ? eq(contactIdentities.id, conversation.contactIdentityId)
        : and(eq(contactIdentities.contactId, contact.id), eq(contactIdentities.channel, row.channel)),
    )
    .orderBy(desc(contactIdentities.id))
    .limit(1);
  const files = await ctx.db.select().from(attachments).where(eq(attachments.messageId, message.id));
  const earlier = await ctx.db
    .select({ externalId: messages.externalId, direction: messages.direction })
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, conversation.id),
        lt(messages.id, message.id),
        isNotNull(messages.externalId),
      ),
    )
    .orderBy(asc(messages.id))
    .limit(100);

  const signal = AbortSignal.any([running.abort.signal, AbortSignal.timeout(ctx.config.WEBHOOK_TIMEOUT_MS)]);
  const out: OutboundMessage = {
    messageId: message.id,
    conversationId: conversation.id,
    threadKey: conversation.threadKey,
    text: message.text,
    html: message.html,
    subject: conversation.subject,
    automatic: message.senderType !== 'agent',
    attachments: files.map((f) => ({
      id: f.id,
      name: f.originalName,
      mime: f.mime,
      size: f.size,
      sha256: f.sha256,
      read: () => ctx.attachments.read(f.storageKey),
    })),
    recipient: {
      externalId: identity?.externalId ?? '',
      name: contact.name,
      email: contact.email,
      phone: contact.phone,
    },
    threadExternalIds: earlier.map((e) => e.externalId).filter((e): e is string => e !== null),
    // Not our own acknowledgement or an agent's earlier reply: the customer's message being answered.
    answersExternalId: earlier.findLast((e) => e.direction === 'in')?.externalId ?? undefined,
    json: {
      message: messageToJson(message, files),
      conversation: conversationToJson(conversation, row.channel as ChannelKind),
    },
    // WhatsApp's 24-hour window counts from here; a template (checked when the agent sent it) may go outside it.
    lastCustomerMessageAt: conversation.lastCustomerMessageAt,
    ...(message.meta.template ? { template: message.meta.template as MessageTemplate } : {}),
    ...(message.meta.compose ? { email: message.meta.compose as OutboundMessage['email'] } : {}),
    ...(message.meta.privately === true ? { privately: true } : {}),
    signal,
  };

  try {
    // A single-owner session (WhatsApp) is connected on one node only: another node's turn comes soon.
    if (!running.owned) throw new ChannelError('TEMPORARY', 'this session is held by another hub node');
    const { externalId, meta } = await running.connection.send(out);
    const [sent] = await ctx.db
      .update(messages)
      .set({
        status: 'sent',
        externalId,
        ...(meta ? { meta: { ...message.meta, ...meta } } : {}),
        sentAt: new Date(),
        attempts: message.attempts + 1,
        error: null,
        errorCode: null,
      })
      .where(and(eq(messages.id, message.id), eq(messages.status, 'queued')))
      .returning();
    if (sent) ctx.publisher.messageUpdated(conversation, messageToJson(sent, files));
  } catch (err) {
    const ce = toChannelError(err);
    const lastTry = !ce.retryable || job.retryCount >= job.retryLimit;
    if (lastTry) {
      await markFailed(ctx, message, ce.code, ce.message);
      return;
    }
    if (ce.code === 'RATE_LIMITED' && ce.retryAfterMs) {
      const seconds = Math.ceil(ce.retryAfterMs / 1000);
      await ctx.db.transaction(async (tx) => {
        await noteAttempt(tx, message, `${ce.message}; trying again in ${seconds}s`);
        await ctx.queue.send(
          jobNames.deliver,
          { messageId: message.id },
          { startAfter: seconds, retryLimit: job.retryLimit - job.retryCount - 1, tx },
        );
      });
      return;
    }
    await noteAttempt(ctx.db, message, `${ce.message}; trying again`);
    throw ce;
  }
}

async function noteAttempt(db: HubContext['db'], message: Message, error: string): Promise<void> {
  await db
    .update(messages)
    .set({ error, attempts: message.attempts + 1 })
    .where(and(eq(messages.id, message.id), eq(messages.status, 'queued')));
}

async function markFailed(ctx: HubContext, message: Message, code: string, reason: string): Promise<void> {
  const failed = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(messages)
      .set({ status: 'failed', error: reason, errorCode: code, attempts: message.attempts + 1 })
      .where(and(eq(messages.id, message.id), eq(messages.status, 'queued')))
      .returning();
    if (row)
      await recordEvent(tx, { id: row.conversationId, accountId: row.accountId }, 'message.failed', {
        messageId: row.id,
        code,
        reason,
      });
    return row;
  });
  if (!failed) return;
  const [conversation] = await ctx.db
    .select()
    .from(conversations)
    .where(eq(conversations.id, failed.conversationId));
  const files = await ctx.db.select().from(attachments).where(eq(attachments.messageId, failed.id));
  ctx.publisher.messageUpdated(conversation, messageToJson(failed, files));
}

export async function startDeliveryWorkers(ctx: HubContext, count = 4): Promise<void> {
  for (let i = 0; i < count; i++) {
    const id = await ctx.queue.work<{ messageId: number }>(jobNames.deliver, (job) =>
      deliverMessage(ctx, job),
    );
    ctx.queue.workerIds.push(id);
  }
}
