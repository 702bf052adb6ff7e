// Everything a step needs about its conversation: the rows, the protocol it follows and its template.
import { eq } from 'drizzle-orm';
import type { Db } from '#server/db/client.ts';
import { type Conversation, conversations, type Inbox, inboxes } from '#server/db/schema.ts';
import type { ProtocolName, ProtocolTemplate } from '#shared/protocol.schema.ts';
import { loadTemplate, protocolOfConversation } from './load-template.ts';

export type ProtocolScope = {
  conversation: Conversation;
  inbox: Inbox;
  protocol: ProtocolName;
  template: ProtocolTemplate;
};

export async function conversationWithInbox(
  db: Db,
  conversationId: number,
): Promise<{ conversation: Conversation; inbox: Inbox } | null> {
  const [row] = await db
    .select({ conversation: conversations, inbox: inboxes })
    .from(conversations)
    .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
    .where(eq(conversations.id, conversationId));
  return row ?? null;
}

/** The conversation's protocol scope, or null when it follows no protocol. */
export async function loadScope(db: Db, conversationId: number): Promise<ProtocolScope | null> {
  const row = await conversationWithInbox(db, conversationId);
  if (!row) return null;
  const protocol = protocolOfConversation(row.conversation, row.inbox);
  if (!protocol) return null;
  return { ...row, protocol, template: await loadTemplate(db, row.conversation.accountId, protocol) };
}
