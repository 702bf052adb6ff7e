// The identity the hub writes first to (a WhatsApp number, an e-mail address): the one the channel's own
// inbound messages will carry, so the customer's answer lands with it. Found, or made for the sale's
// contact; an identity already known keeps the contact it belongs to.
import { and, eq } from 'drizzle-orm';
import type { Tx } from '#server/db/client.ts';
import { type ContactIdentity, contactIdentities } from '#server/db/schema.ts';

export async function customerIdentity(
  tx: Tx,
  at: { accountId: number; contactId: number; channel: string; externalId: string },
): Promise<ContactIdentity> {
  const [known] = await tx
    .select()
    .from(contactIdentities)
    .where(
      and(
        eq(contactIdentities.accountId, at.accountId),
        eq(contactIdentities.channel, at.channel),
        eq(contactIdentities.externalId, at.externalId),
      ),
    );
  if (known) return known;
  const [made] = await tx.insert(contactIdentities).values(at).returning();
  return made;
}
