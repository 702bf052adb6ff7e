// A conversation's messages in order, from after a given id: how a client catches up after a reconnect.
import { and, asc, eq, gt } from 'drizzle-orm';
import type { Auth } from '#server/auth/authenticate.ts';
import type { HubContext } from '#server/context.ts';
import { messages } from '#server/db/schema.ts';
import { loadVisible } from './load-visible.ts';
import { messagesToJson } from './messages-json.ts';

export async function listMessages(
  ctx: HubContext,
  auth: Auth,
  conversationId: number,
  q: { after?: string; limit: number },
) {
  const { conversation } = await loadVisible(ctx, auth, conversationId);
  const rows = await ctx.db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, conversation.id),
        q.after ? gt(messages.id, Number(q.after)) : undefined,
      ),
    )
    .orderBy(asc(messages.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  return {
    data: await messagesToJson(ctx.db, page),
    nextCursor: rows.length > q.limit ? String(page.at(-1)!.id) : null,
  };
}
