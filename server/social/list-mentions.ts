// The Mentions desk's list: newest first, or most influential first (stored score, unscored last), with
// keyset paging so a page never repeats or skips an item while new ones arrive. Hidden and removed items
// are left out unless asked for.
import { and, desc, eq, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { socialItems } from '#server/db/schema.ts';
import { AppError } from '#server/errors.ts';
import type { MentionJson, MentionListQuery } from '#shared/mentions.schema.ts';
import { mentionsToJson } from './mention-json.ts';

const rankOf = sql<number>`coalesce(${socialItems.score}, -1)`;

export async function listMentions(
  ctx: HubContext,
  accountId: number,
  q: MentionListQuery,
): Promise<{ data: MentionJson[]; nextCursor: string | null }> {
  const where: (SQL | undefined)[] = [eq(socialItems.accountId, accountId)];
  if (q.status) where.push(eq(socialItems.status, q.status));
  if (q.tier) where.push(eq(socialItems.tier, q.tier));
  if (q.inboxId) where.push(eq(socialItems.inboxId, q.inboxId));
  if (q.include === 'visible') where.push(isNull(socialItems.hiddenAt), isNull(socialItems.removedAt));
  const cursor = q.cursor ? parseCursor(q.cursor, q.sort) : null;
  if (cursor && q.sort === 'influence') {
    where.push(or(lt(rankOf, cursor.rank), and(eq(rankOf, cursor.rank), lt(socialItems.id, cursor.id))));
  } else if (cursor) {
    where.push(lt(socialItems.id, cursor.id));
  }
  const rows = await ctx.db
    .select()
    .from(socialItems)
    .where(and(...where))
    .orderBy(...(q.sort === 'influence' ? [desc(rankOf), desc(socialItems.id)] : [desc(socialItems.id)]))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > q.limit && last
      ? q.sort === 'influence'
        ? `${last.score ?? -1}:${last.id}`
        : String(last.id)
      : null;
  return { data: await mentionsToJson(ctx.db, accountId, page), nextCursor };
}

function parseCursor(raw: string, sort: MentionListQuery['sort']): { rank: number; id: number } {
  const m = sort === 'influence' ? raw.match(/^(-1|\d{1,3}):(\d{1,18})$/) : raw.match(/^()(\d{1,18})$/);
  if (!m) throw new AppError('validation_failed', 'invalid query: cursor: not a cursor of this list');
  return { rank: Number(m[1] || 0), id: Number(m[2]) };
}
