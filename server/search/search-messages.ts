// Conversations by what the customer or an agent wrote in them (every word of the search, in any order,
// case-insensitive), newest match first, only among the conversations the caller may see. ILIKE rather
// than a text-search index: it finds parts of words and numbers ("7788" in "CI 4477889"), and runs the
// same on PGlite and PostgreSQL. Bot and system messages (greetings, surveys) are left out: their fixed
// texts would match in every conversation.
import { and, desc, eq, ilike, inArray, sql } from 'drizzle-orm';
import type { Auth } from '#server/auth/authenticate.ts';
import type { HubContext } from '#server/context.ts';
import { conversationToJson } from '#server/conversations/serialize.ts';
import { visibleTo } from '#server/conversations/visibility.ts';
import { conversations, inboxes, messages } from '#server/db/schema.ts';
import type { ChannelKind } from '#shared/channels.ts';
import { escapeLike, excerpt, words } from './terms.ts';

export async function searchMessages(ctx: HubContext, auth: Auth, q: string, limit: number) {
  const terms = words(q);
  const newest = sql<number>`max(${messages.id})`.mapWith(Number);
  const hits = await ctx.db
    .select({ conversationId: messages.conversationId, messageId: newest })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(
      and(
        visibleTo(auth),
        eq(messages.accountId, auth.accountId),
        inArray(messages.senderType, ['contact', 'agent']),
        ...terms.map((t) => ilike(messages.text, `%${escapeLike(t)}%`)),
      ),
    )
    .groupBy(messages.conversationId)
    .orderBy(desc(newest))
    .limit(limit);
  if (!hits.length) return [];

  const [rows, texts] = await Promise.all([
    ctx.db
      .select({ conversation: conversations, channel: inboxes.channel })
      .from(conversations)
      .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
      .where(
        inArray(
          conversations.id,
          hits.map((h) => h.conversationId),
        ),
      ),
    ctx.db
      .select({ id: messages.id, text: messages.text, createdAt: messages.createdAt })
      .from(messages)
      .where(
        inArray(
          messages.id,
          hits.map((h) => h.messageId),
        ),
      ),
  ]);
  return hits.flatMap((h) => {
    const row = rows.find((r) => r.conversation.id === h.conversationId);
    const m = texts.find((x) => x.id === h.messageId);
    if (!row || !m) return [];
    return [
      {
        ...conversationToJson(row.conversation, row.channel as ChannelKind),
        match: {
          messageId: String(m.id),
          excerpt: excerpt(m.text ?? '', terms),
          createdAt: m.createdAt.toISOString(),
        },
      },
    ];
  });
}
