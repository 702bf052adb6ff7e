// The audit trail of a conversation, oldest first, paged by event id.
import { and, asc, eq, gt } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { conversationEvents } from '#server/db/schema.ts';

export async function listEvents(
  ctx: HubContext,
  accountId: number,
  conversationId: number,
  q: { after?: string; limit: number },
) {
  const rows = await ctx.db
    .select()
    .from(conversationEvents)
    .where(
      and(
        eq(conversationEvents.accountId, accountId),
        eq(conversationEvents.conversationId, conversationId),
        q.after ? gt(conversationEvents.id, Number(q.after)) : undefined,
      ),
    )
    .orderBy(asc(conversationEvents.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const data = page.map((e) => ({
    id: String(e.id),
    type: e.type,
    actorType: e.actorType,
    actorId: e.actorId === null ? null : String(e.actorId),
    data: e.data,
    createdAt: e.createdAt.toISOString(),
  }));
  return { data, nextCursor: rows.length > q.limit ? String(page.at(-1)!.id) : null };
}
