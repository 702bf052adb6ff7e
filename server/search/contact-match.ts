// The one rule for which contacts a search finds (the search box and GET /contacts?q): the words typed
// anywhere in the name, e-mail, phone (also as bare digits), an attribute value such as the national ID
// "CI" or a service number, or a channel id (a WhatsApp number, a visitor id). Written so both halves
// use a trigram index: contact_search_text (migration 0014) over the contact's own fields, and the
// identities' external ids, whose matches come back as an array of ids the primary key looks up.
import { and, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import { contactIdentities, contacts } from '#server/db/schema.ts';
import { escapeLike, phoneDigits } from './terms.ts';

const contactSearchText = sql`contact_search_text(${contacts.name}, ${contacts.email}, ${contacts.phone}, ${contacts.attributes})`;

export function contactMatches(accountId: number, q: string): SQL {
  const like = `%${escapeLike(q)}%`;
  const digits = phoneDigits(q);
  const identityHit = and(
    eq(contactIdentities.accountId, accountId),
    ilike(contactIdentities.externalId, like),
  );
  const byIdentity = sql`${contacts.id} = any(array(select ${contactIdentities.contactId} from ${contactIdentities} where ${identityHit}))`;
  return or(
    sql`${contactSearchText} ilike ${like}`,
    // Stored in E.164: "7654 321" or "(591) 7..." find the number by its digits.
    digits ? sql`${contactSearchText} like ${`%${digits}%`}` : undefined,
    byIdentity,
  ) as SQL;
}
