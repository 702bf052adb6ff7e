// The inbox list: newest activity first, filtered, keyset-paginated with an opaque cursor.
import { and, desc, eq, isNull, lt, or, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Auth } from '#server/auth/authenticate.ts';
import type { HubContext } from '#server/context.ts';
import { contacts, conversations, inboxes } from '#server/db/schema.ts';
import { AppError } from '#server/errors.ts';
import { carriesLabel } from '#server/labels/carries-label.ts';
import { labelsOf } from '#server/labels/labels-of.ts';
import type { listConversationsQuery } from '#shared/api.schema.ts';
import type { ChannelKind } from '#shared/channels.ts';
import { lastMessagesOf } from './last-messages.ts';
import { queuePositions } from './queue-order.ts';
import { unreadCounts } from './read-state.ts';
import { conversationToJson } from './serialize.ts';
import { visibleTo } from './visibility.ts';

type Query = z.infer<typeof listConversationsQuery>;

export async function listConversations(ctx: HubContext, auth: Auth, q: Query) {
  const where: (SQL | undefined)[] = [visibleTo(auth)];
  if (q.id) where.push(eq(conversations.id, Number(q.id)));
  if (q.status) where.push(eq(conversations.status, q.status));
  if (q.inboxId) where.push(eq(conversations.inboxId, Number(q.inboxId)));
  if (q.teamId) where.push(eq(conversations.teamId, Number(q.teamId)));
  if (q.contactId) where.push(eq(conversations.contactId, Number(q.contactId)));
  if (q.assigneeId === 'none') where.push(isNull(conversations.assigneeId));
  else if (q.assigneeId === 'me') where.push(eq(conversations.assigneeId, auth.user.id));
  else if (q.assigneeId) where.push(eq(conversations.assigneeId, Number(q.assigneeId)));
  if (q.label) where.push(await carriesLabel(ctx, auth.accountId, Number(q.label)));
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
    .select({ conversation: conversations, channel: inboxes.channel, contactName: contacts.name })
    .from(conversations)
    .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(and(...where))
    .orderBy(desc(conversations.lastActivityAt), desc(conversations.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1)?.conversation;
  // Places in the queue for the waiting ones of this page, in one query.
  const waiting = page.filter((r) => r.conversation.assigneeId === null && r.conversation.status === 'open');
  const positions = await queuePositions(
    ctx.db,
    auth.accountId,
    waiting.map((r) => r.conversation.id),
  );
  // And the labels of the whole page, in one query.
  const labels = await labelsOf(
    ctx.db,
    auth.accountId,
    page.map((r) => r.conversation.id),
  );
  // And what the caller has not read yet, in one query.
  const unread = await unreadCounts(
    ctx.db,
    auth.user.id,
    page.map((r) => r.conversation.id),
  );
  // And the preview line of each row, in one query.
  const previews = await lastMessagesOf(
    ctx.db,
    page.map((r) => r.conversation.id),
  );
  return {
    data: page.map((r) =>
      conversationToJson(r.conversation, r.channel as ChannelKind, {
        queuePosition: positions.get(r.conversation.id) ?? null,
        labels: labels.get(r.conversation.id) ?? [],
        unreadCount: unread.get(r.conversation.id) ?? 0,
        contactName: r.contactName,
        lastMessage: previews.get(r.conversation.id) ?? null,
      }),
    ),
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
