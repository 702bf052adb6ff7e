// For channels that thread by reference (e-mail): which conversation's thread a message answers, from
// the ids of earlier messages it names (stored or sent by us in this inbox) or a conversation id.
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { conversations, messages } from '#server/db/schema.ts';

export async function resolveThread(
  ctx: HubContext,
  inboxId: number,
  hint: { externalIds: string[]; conversationId?: number },
): Promise<string | null> {
  const ids = [...new Set(hint.externalIds.filter(Boolean))].slice(0, 100);
  if (ids.length) {
    const [row] = await ctx.db
      .select({ threadKey: conversations.threadKey })
      .from(messages)
      .innerJoin(conversations, eq(conversations.id, messages.conversationId))
      .where(and(eq(messages.inboxId, inboxId), inArray(messages.externalId, ids)))
      .orderBy(desc(messages.id))
      .limit(1);
    if (row) return row.threadKey;
  }
  if (hint.conversationId !== undefined && Number.isSafeInteger(hint.conversationId)) {
    const [row] = await ctx.db
      .select({ threadKey: conversations.threadKey })
      .from(conversations)
      .where(and(eq(conversations.id, hint.conversationId), eq(conversations.inboxId, inboxId)));
    if (row) return row.threadKey;
  }
  return null;
}
