// transcript:request — the visitor's conversation by e-mail: a new e-mail conversation (resolved from the
// start; a reply by mail reopens it) whose one outbound message is the transcript, sent by the e-mail
// channel through the outbox like any reply. At most a few per conversation, per visitor and address (the
// rate limits), and per recipient a day whatever the session or address asking: the address is the
// visitor's word, and the hub must not become a way to send mail to strangers.
import { and, count, desc, eq, gte, sql } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { afterOutboundCommit, createOutboundInTx } from '#server/conversations/create-outbound.ts';
import type { Tx } from '#server/db/client.ts';
import {
  contactIdentities,
  contacts,
  conversationEvents,
  conversations,
  inboxes,
} from '#server/db/schema.ts';
import { AppError } from '#server/errors.ts';
import { recordEvent } from '#server/events/record-event.ts';
import { generatedMessageId, offlineEmailInbox } from './offline-form.ts';
import { currentConversation, publicHistory, type VisitorScope } from './visitor.ts';
import { readWidgetSettings } from './widget-settings.ts';

const MAX_PER_CONVERSATION = 3;
/** Transcripts one recipient gets a day from the account, unless the web-chat inbox allows more. */
const PER_RECIPIENT_PER_DAY = 3;
const DAY_MS = 24 * 3600_000;

export async function requestTranscript(ctx: HubContext, v: VisitorScope, rawEmail: string, address: string) {
  const email = rawEmail.toLowerCase();
  const [webchat] = await ctx.db.select().from(inboxes).where(eq(inboxes.id, v.inboxId));
  const rates = readWidgetSettings(webchat.settings).rateLimits;
  const mailInbox = await offlineEmailInbox(ctx, webchat);
  const chat = await currentConversation(ctx, v);
  if (!chat) throw new AppError('invalid_state', 'there is no conversation to send yet');
  const [{ n }] = await ctx.db
    .select({ n: count() })
    .from(conversationEvents)
    .where(
      and(eq(conversationEvents.conversationId, chat.id), eq(conversationEvents.type, 'transcript.sent')),
    );
  if (n >= MAX_PER_CONVERSATION) throw new AppError('rate_limited', 'enough transcripts were sent already');
  await ctx.limits.take('transcript', { inboxId: v.inboxId, address, visitor: v.externalId }, rates);

  const history = await publicHistory(ctx, chat.id);
  const lines = history.map((m) => {
    const who = m.senderType === 'contact' ? 'You' : webchat.name;
    const files = (m.attachments as { name: string }[]).map((a) => ` [file: ${a.name}]`).join('');
    return `[${String(m.createdAt).slice(0, 16).replace('T', ' ')} UTC] ${who}: ${m.text ?? ''}${files}`;
  });
  const text = `Transcript of your conversation with ${webchat.name}:\n\n${lines.join('\n')}\n`;

  const result = await ctx.db.transaction(async (tx) => {
    const recipient = recipientKey(email);
    await capPerRecipient(ctx, tx, v.accountId, recipient, rates?.transcriptsPerRecipientPerDay);
    const [known] = await tx
      .select({ contactId: contactIdentities.contactId, identityId: contactIdentities.id })
      .from(contactIdentities)
      .where(
        and(
          eq(contactIdentities.accountId, v.accountId),
          eq(contactIdentities.channel, mailInbox.channel),
          eq(contactIdentities.externalId, email),
        ),
      );
    let who = known;
    if (!who) {
      const [contact] = await tx.insert(contacts).values({ accountId: v.accountId, email }).returning();
      const [identity] = await tx
        .insert(contactIdentities)
        .values({
          accountId: v.accountId,
          contactId: contact.id,
          channel: mailInbox.channel,
          externalId: email,
        })
        .returning();
      who = { contactId: contact.id, identityId: identity.id };
    }
    const now = new Date();
    const [mail] = await tx
      .insert(conversations)
      .values({
        accountId: v.accountId,
        inboxId: mailInbox.id,
        contactId: who.contactId,
        contactIdentityId: who.identityId,
        threadKey: `mail:${generatedMessageId()}`,
        subject: `Your conversation with ${webchat.name}`,
        status: 'resolved',
        resolvedAt: now,
        meta: { transcriptOf: String(chat.id) },
      })
      .returning();
    await recordEvent(tx, mail, 'conversation.created', {
      channel: mailInbox.channel,
      transcriptOf: String(chat.id),
    });
    await recordEvent(
      tx,
      chat,
      'transcript.sent',
      { email, recipient, conversationId: String(mail.id) },
      {
        type: 'contact',
        id: chat.contactId,
      },
    );
    return createOutboundInTx(ctx, tx, {
      accountId: v.accountId,
      conversationId: mail.id,
      sender: { type: 'system', id: null },
      text,
      clientMessageId: 'transcript',
    });
  });
  afterOutboundCommit(ctx, result);
  return {};
}

/** One mailbox, however written: case and a `+tag` do not make another recipient (a+1@x is a@x). */
function recipientKey(email: string): string {
  const at = email.lastIndexOf('@');
  return `${email.slice(0, at).split('+')[0]}@${email.slice(at + 1)}`.toLowerCase();
}

/**
 * Refuses a transcript to a recipient who got `cap` from the account in the last day, counted in the
 * database so that it holds across sessions, addresses, restarts and nodes. The advisory lock makes two
 * requests for one recipient count one after the other instead of both seeing room for one more.
 */
async function capPerRecipient(
  ctx: HubContext,
  tx: Tx,
  accountId: number,
  recipient: string,
  cap = PER_RECIPIENT_PER_DAY,
): Promise<void> {
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`transcripts:${accountId}:${recipient}`}, 0))`,
  );
  const now = ctx.clock.now().getTime();
  const latest = await tx
    .select({ at: conversationEvents.createdAt })
    .from(conversationEvents)
    .where(
      and(
        eq(conversationEvents.accountId, accountId),
        eq(conversationEvents.type, 'transcript.sent'),
        sql`${conversationEvents.data}->>'recipient' = ${recipient}`,
        gte(conversationEvents.createdAt, new Date(now - DAY_MS)),
      ),
    )
    .orderBy(desc(conversationEvents.createdAt))
    .limit(cap);
  if (latest.length < cap) return;
  // Room for one more once the oldest of the last `cap` is a day old.
  const retryAfterMs = Math.max(1000, latest[cap - 1].at.getTime() + DAY_MS - now);
  throw new AppError('rate_limited', 'this address got enough transcripts today: try again tomorrow', {
    details: { retryAfterMs },
  });
}
