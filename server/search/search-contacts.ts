// Contacts by name, e-mail, phone digits, a channel id (a WhatsApp number, a visitor id) or any attribute
// value (the national ID "CI", a service number), the most recently active first. Contacts are the
// account's, as on GET /contacts; the conversations listed with each are only those the caller may see.
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Auth } from '#server/auth/authenticate.ts';
import type { HubContext } from '#server/context.ts';
import { contactToJson, conversationToJson } from '#server/conversations/serialize.ts';
import { visibleTo } from '#server/conversations/visibility.ts';
import { contactIdentities, contacts, conversations, inboxes } from '#server/db/schema.ts';
import type { ChannelKind } from '#shared/channels.ts';
import { contactMatches } from './contact-match.ts';

/** How many of each contact's conversations come with it: enough to pick one, not a history. */
const PER_CONTACT = 5;

export async function searchContacts(ctx: HubContext, auth: Auth, q: string, limit: number) {
  const lastActivity = sql`(select max(${conversations.lastActivityAt}) from ${conversations} where ${conversations.contactId} = ${contacts.id})`;
  const found = await ctx.db
    .select()
    .from(contacts)
    .where(
      and(
        eq(contacts.accountId, auth.accountId),
        isNull(contacts.mergedIntoId),
        contactMatches(auth.accountId, q),
      ),
    )
    .orderBy(sql`${lastActivity} desc nulls last`, desc(contacts.id))
    .limit(limit);
  if (!found.length) return [];
  const ids = found.map((c) => c.id);

  const identities = await ctx.db
    .select()
    .from(contactIdentities)
    .where(inArray(contactIdentities.contactId, ids))
    .orderBy(contactIdentities.id);
  // The newest few visible conversations of each contact, in one query.
  const ranked = ctx.db
    .select({
      id: conversations.id,
      rank: sql<number>`row_number() over (partition by ${conversations.contactId} order by ${conversations.lastActivityAt} desc, ${conversations.id} desc)`.as(
        'rank',
      ),
    })
    .from(conversations)
    .where(and(inArray(conversations.contactId, ids), visibleTo(auth)))
    .as('ranked');
  const convs = await ctx.db
    .select({ conversation: conversations, channel: inboxes.channel })
    .from(ranked)
    .innerJoin(conversations, eq(conversations.id, ranked.id))
    .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
    .where(sql`${ranked.rank} <= ${PER_CONTACT}`)
    .orderBy(desc(conversations.lastActivityAt), desc(conversations.id));

  return found.map((c) => ({
    ...contactToJson(
      c,
      identities.filter((i) => i.contactId === c.id),
    ),
    conversations: convs
      .filter((r) => r.conversation.contactId === c.id)
      .map((r) => conversationToJson(r.conversation, r.channel as ChannelKind)),
  }));
}
