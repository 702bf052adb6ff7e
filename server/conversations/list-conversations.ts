// The inbox list: newest activity first, filtered, keyset-paginated with an opaque cursor.
import { and, desc, eq, isNull, lt, or, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Auth } from '#server/auth/authenticate.ts';
import type { HubContext } from '#server/context.ts';
import { conversations, inboxes } from '#server/db/schema.ts';
import { AppError } from '#server/errors.ts';
import type { listConversationsQuery } from '#shared/api.schema.ts';
import type { ChannelKind } from '#shared/channels.ts';
import { conversationToJson } from './serialize.ts';
import { visibleTo } from './visibility.ts';

type Query = z.infer<typeof listConversationsQuery>;

export async function listConversations(ctx: HubContext, auth: Auth, q: Query) {
  const where: (SQL | undefined)[] = [visibleTo(auth)];
  if (q.status) where.push(eq(conversations.status, q.status));
  if (q.inboxId) where.push(eq(conversations.inboxId, Number(q.inboxId)));
  if (q.teamId) where.push(eq(conversations.teamId, Number(q.teamId)));
  if (q.contactId) where.push(eq(conversations.contactId, Number(q.contactId)));
  if (q.assigneeId === 'none') where.push(isNull(conversations.assigneeId));
  else if (q.assigneeId === 'me') where.push(eq(conversations.assigneeId, auth.user.id));
  else if (q.assigneeId) where.push(eq(conversations.assigneeId, Number(q.assigneeId)));
  if (q.cursor) {
    const { at, id } = decodeCursor(q.cursor);
    where.push(
      or(
        lt(conversations.lastActivityAt, at),
        and(eq(conversations.lastActivityAt, at), lt(conversations.id, id)),
      ),
    );
  }
  const rows = await ctx.db
    .select({ conversation: conversations, channel: inboxes.channel })
    .from(conversations)
    .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
    .where(and(...where))
    .orderBy(desc(conversations.lastActivityAt), desc(conversations.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1)?.conversation;
  return {
    data: page.map((r) => conversationToJson(r.conversation, r.channel as ChannelKind)),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.lastActivityAt, last.id) : null,
  };
}

// Timestamps are stored at millisecond precision (db/schema.ts), so a Date in the cursor is exact.
function encodeCursor(at: Date, id: number): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');
}

function decodeCursor(cursor: string): { at: Date; id: number } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, number];
    const date = new Date(at);
    if (Number.isNaN(date.getTime()) || !Number.isSafeInteger(id)) throw new Error('bad cursor');
    return { at: date, id };
  } catch (err) {
    throw new AppError('bad_request', 'the cursor is not one this API gave out', { cause: err });
  }
}
