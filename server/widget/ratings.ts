// Satisfaction ratings for reports: one conversation's (on GET /conversations/:id, already scoped by who
// may see it) and the account's list for supervisors (GET /ratings).
import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { type ConversationRating, conversationRatings } from '#server/db/schema.ts';

export function ratingToJson(r: ConversationRating) {
  return {
    id: String(r.id),
    conversationId: String(r.conversationId),
    inboxId: String(r.inboxId),
    agentId: r.agentId === null ? null : String(r.agentId),
    rating: r.rating,
    comment: r.comment,
    createdAt: r.createdAt.toISOString(),
  };
}

export async function loadRating(ctx: HubContext, conversationId: number) {
  const [r] = await ctx.db
    .select()
    .from(conversationRatings)
    .where(eq(conversationRatings.conversationId, conversationId));
  return r
    ? {
        rating: r.rating,
        comment: r.comment,
        agentId: r.agentId === null ? null : String(r.agentId),
        createdAt: r.createdAt.toISOString(),
      }
    : null;
}

const PAGE = 100;

export async function listRatings(
  ctx: HubContext,
  accountId: number,
  q: { agentId?: string; inboxId?: string; cursor?: string },
) {
  const where: (SQL | undefined)[] = [
    eq(conversationRatings.accountId, accountId),
    q.agentId ? eq(conversationRatings.agentId, Number(q.agentId)) : undefined,
    q.inboxId ? eq(conversationRatings.inboxId, Number(q.inboxId)) : undefined,
    q.cursor ? lt(conversationRatings.id, Number(q.cursor)) : undefined,
  ];
  const rows = await ctx.db
    .select()
    .from(conversationRatings)
    .where(and(...where))
    .orderBy(desc(conversationRatings.id))
    .limit(PAGE + 1);
  const page = rows.slice(0, PAGE);
  return {
    data: page.map(ratingToJson),
    nextCursor: rows.length > PAGE ? String(page.at(-1)!.id) : null,
  };
}
