// transcript:request — the visitor's conversation by e-mail: a new e-mail conversation (resolved from the
// start; a reply by mail reopens it) whose one outbound message is the transcript, sent by the e-mail
// channel through the outbox like any reply. At most a few per conversation: the address is the
// visitor's word, and the hub must not become a way to send mail to strangers.
import { and, count, eq } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { afterOutboundCommit, createOutboundInTx } from '#server/conversations/create-outbound.ts';
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

const MAX_PER_CONVERSATION = 3;

export async function requestTranscript(ctx: HubContext, v: VisitorScope, rawEmail: string) {
  const email = rawEmail.toLowerCase();
  const [webchat] = await ctx.db.select().from(inboxes).where(eq(inboxes.id, v.inboxId));
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

  const history = await publicHistory(ctx, chat.id);
  const lines = history.map((m) => {
    const who = m.senderType === 'contact' ? 'You' : webchat.name;
    const files = (m.attachments as { name: string }[]).map((a) => ` [file: ${a.name}]`).join('');
    return `[${String(m.createdAt).slice(0, 16).replace('T', ' ')} UTC] ${who}: ${m.text ?? ''}${files}`;
  });
  const text = `Transcript of your conversation with ${webchat.name}:\n\n${lines.join('\n')}\n`;

  const result = await ctx.db.transaction(async (tx) => {
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
      { email, conversationId: String(mail.id) },
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
