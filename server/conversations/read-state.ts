// What each user has read: the id of the last message they saw per conversation (conversation_reads).
// A conversation's unread count, for that user, is the customer's messages after it — kept across
// reloads and devices, unlike a count a browser keeps for itself.
import { and, eq, inArray, max, sql } from 'drizzle-orm';
import type { Auth } from '#server/auth/authenticate.ts';
import type { HubContext } from '#server/context.ts';
import type { Db } from '#server/db/client.ts';
import { conversationReads, messages } from '#server/db/schema.ts';
import { loadVisible } from './load-visible.ts';

/** Unread counts of these conversations for one user, in one query; conversations with none are left out. */
export async function unreadCounts(
  db: Db,
  userId: number,
  conversationIds: number[],
): Promise<Map<number, number>> {
  if (!conversationIds.length) return new Map();
  const rows = await db
    .select({ conversationId: messages.conversationId, n: sql<number>`count(*)::int` })
    .from(messages)
    .leftJoin(
      conversationReads,
      and(
        eq(conversationReads.conversationId, messages.conversationId),
        eq(conversationReads.userId, userId),
      ),
    )
    .where(
      and(
        inArray(messages.conversationId, conversationIds),
        eq(messages.direction, 'in'),
        sql`${messages.id} > coalesce(${conversationReads.lastReadMessageId}, 0)`,
      ),
    )
    .groupBy(messages.conversationId);
  return new Map(rows.map((r) => [r.conversationId, Number(r.n)]));
}

/** The caller has read the conversation up to `messageId` (default: its newest message); never goes back. */
export async function markRead(ctx: HubContext, auth: Auth, conversationId: number, messageId?: number) {
  const { conversation } = await loadVisible(ctx, auth, conversationId);
  let upTo = messageId;
  if (upTo === undefined) {
    const [row] = await ctx.db
      .select({ id: max(messages.id) })
      .from(messages)
      .where(eq(messages.conversationId, conversation.id));
    upTo = row?.id ?? 0;
  } else {
    const [own] = await ctx.db
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.id, upTo), eq(messages.conversationId, conversation.id)));
    // Another conversation's message (or none): read up to what this one really has.
    if (!own) upTo = 0;
  }
  const now = ctx.clock.now();
  const [saved] = await ctx.db
    .insert(conversationReads)
    .values({
      userId: auth.user.id,
      conversationId: conversation.id,
      accountId: auth.accountId,
      lastReadMessageId: upTo,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: [conversationReads.userId, conversationReads.conversationId],
      set: {
        lastReadMessageId: sql`greatest(${conversationReads.lastReadMessageId}, excluded.last_read_message_id)`,
        updatedAt: now,
      },
    })
    .returning();
  const unread = await unreadCounts(ctx.db, auth.user.id, [conversation.id]);
  return {
    lastReadMessageId: String(saved.lastReadMessageId),
    unreadCount: unread.get(conversation.id) ?? 0,
  };
}
