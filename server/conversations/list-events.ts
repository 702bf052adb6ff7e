import { and, asc, eq } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { conversationEvents } from '#server/db/schema.ts';

export async function listEvents(ctx: HubContext, accountId: number, conversationId: number) {
  const rows = await ctx.db
    .select()
    .from(conversationEvents)
    .where(
      and(eq(conversationEvents.accountId, accountId), eq(conversationEvents.conversationId, conversationId)),
    )
    .orderBy(asc(conversationEvents.id))
    .limit(1000);
  return rows.map((e) => ({
    id: String(e.id),
    type: e.type,
    actorType: e.actorType,
    actorId: e.actorId === null ? null : String(e.actorId),
    data: e.data,
    createdAt: e.createdAt.toISOString(),
  }));
}
