// The account's contacts, newest first, or those a search matches (name, e-mail, phone, channel id or an
// attribute such as a national ID). Merged contacts are tombstones and never listed. Paged by id: the
// cursor is the last id of the previous page, so a contact created meanwhile does not shift the pages.
import { and, desc, eq, isNull, lt } from 'drizzle-orm';
import type { z } from 'zod';
import type { HubContext } from '#server/context.ts';
import { contactToJson } from '#server/conversations/serialize.ts';
import { contacts } from '#server/db/schema.ts';
import { contactMatches } from '#server/search/contact-match.ts';
import type { listContactsQuery } from '#shared/api.schema.ts';

export async function listContacts(
  ctx: HubContext,
  accountId: number,
  query: z.infer<typeof listContactsQuery>,
) {
  const rows = await ctx.db
    .select()
    .from(contacts)
    .where(
      and(
        eq(contacts.accountId, accountId),
        isNull(contacts.mergedIntoId),
        query.cursor ? lt(contacts.id, Number(query.cursor)) : undefined,
        query.q ? contactMatches(accountId, query.q) : undefined,
      ),
    )
    .orderBy(desc(contacts.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  return {
    data: page.map((c) => contactToJson(c)),
    nextCursor: rows.length > query.limit ? String(page.at(-1)!.id) : null,
  };
}
