// The order waiting conversations are taken in — priority, then age in the queue — and each one's place
// in its team's queue. Routing takes them in this order (drain-queue.ts); the inbox list and the widget
// show the place. A read over conversations alone, so conversations/ needs nothing of routing for it.
import { and, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '#server/db/client.ts';
import { conversations } from '#server/db/schema.ts';

export const priorityRank = sql<number>`case ${conversations.priority} when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end`;

export const waitingWhere = (accountId: number) =>
  and(
    eq(conversations.accountId, accountId),
    eq(conversations.status, 'open'),
    isNull(conversations.assigneeId),
    isNotNull(conversations.teamId),
  );

/** Positions (1-based, per team) of the given conversations that are waiting; others are absent. */
export async function queuePositions(db: Db, accountId: number, ids: number[]): Promise<Map<number, number>> {
  if (!ids.length) return new Map();
  const ranked = db
    .select({
      id: conversations.id,
      position:
        sql<number>`row_number() over (partition by ${conversations.teamId} order by ${priorityRank}, ${conversations.queuedAt}, ${conversations.id})`.as(
          'position',
        ),
    })
    .from(conversations)
    .where(waitingWhere(accountId))
    .as('ranked');
  const rows = await db.select().from(ranked).where(inArray(ranked.id, ids));
  return new Map(rows.map((r) => [Number(r.id), Number(r.position)]));
}
