// ingestInTx: the one door every channel's traffic comes through. In one transaction, under a per-thread
// advisory lock (concurrent arrivals on a new thread make one conversation): match the sender to a
// contact, find the thread's live conversation or open one, store the message once (a redelivery or an
// echo of our own send is a no-op), tie its files, wake the conversation, and announce it to the
// subscribers (routing, protocol, SLA) as `message.received`.
import { eq, sql } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import type { Tx } from '#server/db/client.ts';
import {
  type Attachment,
  type Contact,
  type Conversation,
  conversations,
  type Message,
  messages,
} from '#server/db/schema.ts';
import { recordEvent } from '#server/events/record-event.ts';
import type { InboundMessage } from '#shared/channels.ts';
import { cleanInboundHtml, withoutNul } from './clean-inbound.ts';
import { existingMessage, redeliveryOf } from './find-redelivery.ts';
import { attachInbound, filesMeta, noFiles, type PreparedFiles } from './inbound-files.ts';
import type { IngestInbox } from './ingest-inbox.ts';
import { matchSender } from './match-sender.ts';
import { openConversation } from './open-conversation.ts';

export type IngestResult = {
  duplicate: boolean;
  message: Message;
  attachments: Attachment[];
  conversation: Conversation;
  contact: Contact;
  conversationCreated: boolean;
  /** The message woke a pending or snoozed conversation. */
  woke?: boolean;
};

export async function ingestInTx(
  ctx: HubContext,
  tx: Tx,
  inbox: IngestInbox,
  raw: InboundMessage,
  files: PreparedFiles = noFiles(),
): Promise<IngestResult> {
  const m = withoutNul(raw);
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtext(${String(inbox.id)}), hashtext(${m.threadKey}))`,
  );
  // Hot path: a known sender on a live thread costs one lookup, one insert and one update.
  const sender = await matchSender(tx, inbox, m);
  let conversation = sender.live;
  let created = false;
  if (!conversation) {
    // Before a conversation is created or reopened for it, make sure this is not a redelivery of a
    // message whose conversation has since been resolved.
    const seen = await existingMessage(tx, inbox.id, m, null);
    if (seen) return redeliveryOf(tx, seen);
    ({ conversation, created } = await openConversation(ctx, tx, inbox, sender, m));
  }

  // The hub's clock: service-level timers count from these instants (and tests move it).
  const now = ctx.clock.now();
  const [message] = await tx
    .insert(messages)
    .values({
      accountId: inbox.accountId,
      conversationId: conversation.id,
      inboxId: inbox.id,
      externalId: m.externalId,
      clientMessageId: m.clientMessageId ?? null,
      // An echo of the business's own reply typed elsewhere (Meta's inbox): an agent's, already sent.
      direction: m.fromBusiness ? 'out' : 'in',
      senderType: m.fromBusiness ? 'agent' : 'contact',
      senderId: m.fromBusiness ? null : sender.contact.id,
      text: m.text ?? null,
      html: m.html ? cleanInboundHtml(m.html) : null,
      contentType: m.contentType ?? 'text',
      status: m.fromBusiness ? 'sent' : 'received',
      ...(m.fromBusiness ? { sentAt: m.timestamp ?? now } : {}),
      meta: {
        ...(m.meta ?? {}),
        ...(m.automated ? { automated: true } : {}),
        ...(m.timestamp ? { channelTimestamp: m.timestamp.toISOString() } : {}),
        ...filesMeta(files),
      },
      createdAt: now,
    })
    // (inbox, external id) and (conversation, client message id) are unique: a redelivery inserts nothing.
    .onConflictDoNothing()
    .returning();
  if (!message) {
    const seen = await existingMessage(tx, inbox.id, m, conversation.id);
    if (!seen) throw new Error('message conflicted but no earlier copy was found');
    return redeliveryOf(tx, seen);
  }
  const stored = await attachInbound(tx, inbox.accountId, message.id, m, files, sender.contact.id);
  if (m.fromBusiness) {
    // Not the customer writing: no one waits because of it, and routing and the protocol are not woken.
    const [touched] = await tx
      .update(conversations)
      .set({ lastActivityAt: now, updatedAt: now })
      .where(eq(conversations.id, conversation.id))
      .returning();
    return {
      duplicate: false,
      message,
      attachments: stored,
      conversation: touched,
      contact: sender.contact,
      conversationCreated: created,
    };
  }

  const [updated] = await tx
    .update(conversations)
    .set({
      lastActivityAt: now,
      lastCustomerMessageAt: now,
      // The customer now waits for an answer (a survey answer on a resolved conversation does not).
      waitingSince: sql`case when ${conversations.status} = 'resolved' then null else coalesce(${conversations.waitingSince}, ${now}) end`,
      firstCustomerMessageAt: sql`coalesce(${conversations.firstCustomerMessageAt}, ${now})`,
      // A customer who writes again wakes a pending or snoozed conversation.
      status: sql`case when ${conversations.status} in ('pending', 'snoozed') then 'open' else ${conversations.status} end`,
      snoozedUntil: null,
      updatedAt: now,
    })
    .where(eq(conversations.id, conversation.id))
    .returning();
  const wokeFrom =
    conversation.status === 'pending' || conversation.status === 'snoozed' ? conversation.status : undefined;
  const woke = wokeFrom !== undefined && updated.status === 'open';
  if (woke)
    await recordEvent(tx, updated, 'conversation.reopened', { reason: 'customer_message', from: wokeFrom });

  const final = await ctx.events.emit(tx, 'message.received', {
    channel: inbox.channel,
    conversation: updated,
    message,
    conversationCreated: created,
    woke,
    wokeFrom: woke ? wokeFrom : undefined,
    contact: sender.contact,
    inbox,
  });
  return {
    duplicate: false,
    message,
    attachments: stored,
    conversation: final,
    contact: sender.contact,
    conversationCreated: created,
    woke,
  };
}
