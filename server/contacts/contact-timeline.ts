// A contact's whole history in one timeline: the messages of every conversation of theirs the caller may
// see, on every channel (merged contacts' conversations included, since a merge moves them), newest
// page first, each message with its conversation's id, channel and status. The console shows it above
// the open conversation; paging goes back with `before` (a message id).
import { and, desc, eq, lt } from 'drizzle-orm';
import type { Auth } from '#server/auth/authenticate.ts';
import type { HubContext } from '#server/context.ts';
import { messagesToJson } from '#server/conversations/messages-json.ts';
import { visibleTo } from '#server/conversations/visibility.ts';
import { conversations, inboxes, messages } from '#server/db/schema.ts';
import { loadContact } from './load-contact.ts';

export async function contactTimeline(
  ctx: HubContext,
  auth: Auth,
  contactId: number,
  q: { before?: string; limit: number },
) {
  await loadContact(ctx, auth.accountId, contactId);
  const rows = await ctx.db
    .select({ message: messages, channel: inboxes.channel, status: conversations.status })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
    .where(
      and(
        eq(conversations.contactId, contactId),
        visibleTo(auth),
        q.before ? lt(messages.id, Number(q.before)) : undefined,
      ),
    )
    .orderBy(desc(messages.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit).reverse();
  const json = await messagesToJson(
    ctx.db,
    page.map((r) => r.message),
  );
  return {
    data: json.map((m, i) => ({
      ...m,
      conversation: { id: m.conversationId, channel: page[i].channel, status: page[i].status },
    })),
    // The oldest message of this page: pass it as `before` for the page before it.
    nextCursor: rows.length > q.limit ? String(page[0].message.id) : null,
  };
}
