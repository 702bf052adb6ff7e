// Who wrote: the sender's identity on the channel leads to their contact. A new identity joins a contact
// the account already knows by phone number, or makes a new contact; a known one only fills blanks.
// The thread's live conversation comes back in the same query: the hot path (a known sender on a live
// thread) costs one lookup.
import { and, desc, eq, ne } from 'drizzle-orm';
import type { InboxInfo } from '#channels/types.ts';
import type { Tx } from '#server/db/client.ts';
import {
  type Contact,
  type Conversation,
  contactIdentities,
  contacts,
  conversations,
} from '#server/db/schema.ts';
import type { InboundMessage } from '#shared/channels.ts';
import { toE164 } from '#shared/phone.ts';

export type MatchedSender = { contact: Contact; identityId: number; live: Conversation | undefined };

/** Called under the thread's lock (ingest-inbound.ts), so the live conversation it reads stays live. */
export async function matchSender(tx: Tx, inbox: InboxInfo, m: InboundMessage): Promise<MatchedSender> {
  const { known, live } = await lookupSenderAndThread(tx, inbox, m);
  if (known) return { contact: await fillBlanks(tx, known.contact, m), identityId: known.identityId, live };
  return { ...(await createContact(tx, inbox, m)), live };
}

function identityKey(inbox: InboxInfo, m: InboundMessage) {
  return and(
    eq(contactIdentities.accountId, inbox.accountId),
    eq(contactIdentities.channel, m.channel),
    eq(contactIdentities.externalId, m.sender.externalId),
  );
}

const liveThread = (inbox: InboxInfo, m: InboundMessage) =>
  and(
    eq(conversations.inboxId, inbox.id),
    eq(conversations.threadKey, m.threadKey),
    ne(conversations.status, 'resolved'),
  );

/** The sender's contact and identity, and the thread's live conversation, in one query. */
async function lookupSenderAndThread(tx: Tx, inbox: InboxInfo, m: InboundMessage) {
  const [row] = await tx
    .select({ contact: contacts, identityId: contactIdentities.id, live: conversations })
    .from(contactIdentities)
    .innerJoin(contacts, eq(contacts.id, contactIdentities.contactId))
    .leftJoin(conversations, liveThread(inbox, m))
    .where(identityKey(inbox, m));
  if (row)
    return { known: { contact: row.contact, identityId: row.identityId }, live: row.live ?? undefined };
  // A new sender may still write on a live thread (a new participant of a mail thread, say).
  const [live] = await tx.select().from(conversations).where(liveThread(inbox, m));
  return { known: undefined, live };
}

async function createContact(
  tx: Tx,
  inbox: InboxInfo,
  m: InboundMessage,
): Promise<{ contact: Contact; identityId: number }> {
  const phone = m.sender.phone ? (toE164(m.sender.phone) ?? m.sender.phone) : null;
  // A phone number the account already knows (an agent typed it, another channel gave it) is the same
  // person: the new identity joins that contact instead of making a second one.
  const [known] = phone
    ? await tx
        .select()
        .from(contacts)
        .where(and(eq(contacts.accountId, inbox.accountId), eq(contacts.phone, phone)))
        .orderBy(desc(contacts.id))
        .limit(1)
    : [];
  const [contact] = known
    ? [known]
    : await tx
        .insert(contacts)
        .values({
          accountId: inbox.accountId,
          name: m.sender.name ?? null,
          email: m.sender.email?.toLowerCase() ?? null,
          phone,
        })
        .returning();
  const [identity] = await tx
    .insert(contactIdentities)
    .values({
      accountId: inbox.accountId,
      contactId: contact.id,
      channel: m.channel,
      externalId: m.sender.externalId,
      display: m.sender.display ?? {},
    })
    .onConflictDoNothing()
    .returning();
  if (identity)
    return { contact: known ? await fillBlanks(tx, contact, m) : contact, identityId: identity.id };
  // The same sender on another thread created the identity first: use its contact.
  if (!known) await tx.delete(contacts).where(eq(contacts.id, contact.id));
  const [winner] = await tx
    .select({ contact: contacts, identityId: contactIdentities.id })
    .from(contactIdentities)
    .innerJoin(contacts, eq(contacts.id, contactIdentities.contactId))
    .where(identityKey(inbox, m));
  return winner;
}

/** A channel may learn a name or an address later; it never overwrites what an agent set. */
async function fillBlanks(tx: Tx, c: Contact, m: InboundMessage): Promise<Contact> {
  const patch: Partial<Contact> = {};
  if (!c.name && m.sender.name) patch.name = m.sender.name;
  if (!c.email && m.sender.email) patch.email = m.sender.email.toLowerCase();
  if (!c.phone && m.sender.phone) patch.phone = toE164(m.sender.phone) ?? m.sender.phone;
  if (Object.keys(patch).length === 0) return c;
  const [updated] = await tx
    .update(contacts)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(contacts.id, c.id))
    .returning();
  return updated;
}
