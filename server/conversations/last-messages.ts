// The last message of each conversation on an inbox page, for the list's preview line: what the customer
// or the agent last said (private notes left out). One query per page: for each conversation, one step
// back along the (conversation_id, id) index, however long the conversation is.
import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '#server/db/client.ts';
import type { Message } from '#server/db/schema.ts';
import type { LastMessageJson } from '#shared/api.schema.ts';

/** Long enough for a list row; the whole text is in the conversation. */
const PREVIEW_CHARS = 140;

export function lastMessageJson(
  m: Pick<Message, 'text' | 'direction' | 'contentType' | 'createdAt' | 'private'>,
): LastMessageJson | null {
  if (m.private) return null;
  const text = m.text?.replace(/\s+/g, ' ').trim() ?? '';
  return {
    text: text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS - 1)}…` : text,
    direction: m.direction,
    contentType: m.contentType,
    at: m.createdAt.toISOString(),
  };
}

export async function lastMessagesOf(
  db: Db,
  conversationIds: number[],
): Promise<Map<number, LastMessageJson>> {
  const out = new Map<number, LastMessageJson>();
  if (!conversationIds.length) return out;
  const ids = conversationIds.map(Number).filter(Number.isSafeInteger);
  const r = await db.execute(sql`
    select p.id as conversation_id, m.text, m.direction, m.content_type, m.created_at
    from unnest(${sql.raw(`'{${ids.join(',')}}'::bigint[]`)}) as p(id)
    cross join lateral (
      select text, direction, content_type, created_at from messages
      where conversation_id = p.id and not private
      order by id desc limit 1
    ) m`);
  for (const row of rowsOf<{
    conversation_id: string | number;
    text: string | null;
    direction: 'in' | 'out';
    content_type: string;
    created_at: string | Date;
  }>(r)) {
    const json = lastMessageJson({
      text: row.text,
      direction: row.direction,
      contentType: row.content_type,
      createdAt: new Date(row.created_at),
      private: false,
    });
    if (json) out.set(Number(row.conversation_id), json);
  }
  return out;
}
