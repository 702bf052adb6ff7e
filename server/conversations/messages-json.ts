// Several messages → their public JSON with their attachments, in one query for all the files.
import { inArray } from 'drizzle-orm';
import type { Db } from '#server/db/client.ts';
import { type Attachment, attachments, type Message } from '#server/db/schema.ts';
import type { MessageJson } from '#shared/api.schema.ts';
import { messageToJson } from './serialize.ts';

export async function messagesToJson(db: Db, rows: Message[]): Promise<MessageJson[]> {
  const files = rows.length
    ? await db
        .select()
        .from(attachments)
        .where(
          inArray(
            attachments.messageId,
            rows.map((m) => m.id),
          ),
        )
    : [];
  const byMessage = new Map<number, Attachment[]>();
  for (const f of files) byMessage.set(f.messageId!, [...(byMessage.get(f.messageId!) ?? []), f]);
  return rows.map((m) => messageToJson(m, byMessage.get(m.id)));
}
