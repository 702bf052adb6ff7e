// A channel may deliver the same message twice (a webhook retried, an IMAP fetch repeated, a widget
// resend with the same client id): the earlier copy is found and handed back as it was stored.
import { and, eq } from 'drizzle-orm';
import type { Tx } from '#server/db/client.ts';
import { attachments, contacts, conversations, type Message, messages } from '#server/db/schema.ts';
import type { InboundMessage } from '#shared/channels.ts';

/** The stored copy by the channel's id in this inbox, else by the client's id in the conversation. */
export async function existingMessage(
  tx: Tx,
  inboxId: number,
  m: InboundMessage,
  conversationId: number | null,
): Promise<Message | undefined> {
  const [byExternal] = await tx
    .select()
    .from(messages)
    .where(and(eq(messages.inboxId, inboxId), eq(messages.externalId, m.externalId)));
  if (byExternal || !m.clientMessageId || conversationId === null) return byExternal;
  const [byClient] = await tx
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.clientMessageId, m.clientMessageId)));
  return byClient;
}

/** The rows an ingest result carries, for a message stored earlier. */
export async function redeliveryOf(tx: Tx, message: Message) {
  const [conversation] = await tx
    .select()
    .from(conversations)
    .where(eq(conversations.id, message.conversationId));
  const [contact] = await tx.select().from(contacts).where(eq(contacts.id, conversation.contactId));
  const files = await tx.select().from(attachments).where(eq(attachments.messageId, message.id));
  return { duplicate: true, message, attachments: files, conversation, contact, conversationCreated: false };
}
