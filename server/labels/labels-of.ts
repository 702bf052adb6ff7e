// The labels of many conversations in one query: the inbox list asks for a whole page at once, so a page
// of 50 conversations costs one extra query, not 50.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '#server/db/client.ts';
import { conversationLabels, labels } from '#server/db/schema.ts';
import type { ConversationLabelJson } from '#shared/api.schema.ts';

export async function labelsOf(
  db: Db,
  accountId: number,
  conversationIds: number[],
): Promise<Map<number, ConversationLabelJson[]>> {
  const out = new Map<number, ConversationLabelJson[]>(conversationIds.map((id) => [id, []]));
  if (!conversationIds.length) return out;
  const rows = await db
    .select({
      conversationId: conversationLabels.conversationId,
      id: labels.id,
      name: labels.name,
      color: labels.color,
    })
    .from(conversationLabels)
    .innerJoin(labels, eq(labels.id, conversationLabels.labelId))
    .where(
      and(
        eq(conversationLabels.accountId, accountId),
        inArray(conversationLabels.conversationId, conversationIds),
      ),
    )
    .orderBy(sql`lower(${labels.name})`, labels.id);
  for (const r of rows) out.get(r.conversationId)?.push({ id: String(r.id), name: r.name, color: r.color });
  return out;
}
