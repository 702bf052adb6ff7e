// One rating per conversation, with the agent who handled it (the assignee, else the last agent who
// wrote): the widget's stars, the survey page (e-mail) and "reply 1–5" (WhatsApp, Messenger...) all store
// through here.
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '#server/db/client.ts';
import {
  type Conversation,
  type ConversationRating,
  conversationRatings,
  messages,
} from '#server/db/schema.ts';
import { recordEvent } from '#server/events/record-event.ts';

export async function storeRating(
  db: Db,
  conversation: Conversation,
  rating: number,
  comment: string | null,
  via: 'widget' | 'link' | 'reply',
): Promise<ConversationRating | null> {
  let agentId = conversation.assigneeId;
  if (agentId === null) {
    const [last] = await db
      .select({ senderId: messages.senderId })
      .from(messages)
      .where(
        and(
          eq(messages.conversationId, conversation.id),
          eq(messages.senderType, 'agent'),
          eq(messages.private, false),
        ),
      )
      .orderBy(desc(messages.id))
      .limit(1);
    agentId = last?.senderId ?? null;
  }
  const [row] = await db
    .insert(conversationRatings)
    .values({
      accountId: conversation.accountId,
      conversationId: conversation.id,
      inboxId: conversation.inboxId,
      contactId: conversation.contactId,
      agentId,
      rating,
      comment: comment || null,
    })
    .onConflictDoNothing()
    .returning();
  if (row) {
    await recordEvent(
      db,
      conversation,
      'survey.submitted',
      { rating, agentId, via, ...(comment ? { comment } : {}) },
      { type: 'contact', id: conversation.contactId },
    );
  }
  return row ?? null;
}
