import { and, asc, eq } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { type Contact, type ContactIdentity, contactIdentities, contacts } from '#server/db/schema.ts';
import { AppError, notFound } from '#server/errors.ts';

export async function loadContact(
  ctx: HubContext,
  accountId: number,
  contactId: number,
): Promise<{ contact: Contact; identities: ContactIdentity[] }> {
  const [contact] = await ctx.db
    .select()
    .from(contacts)
    .where(and(eq(contacts.id, contactId), eq(contacts.accountId, accountId)));
  if (!contact) throw notFound('contact');
  if (contact.mergedIntoId !== null) {
    throw new AppError('not_found', `this contact was merged into contact ${contact.mergedIntoId}`, {
      details: { mergedIntoId: String(contact.mergedIntoId) },
    });
  }
  const identities = await ctx.db
    .select()
    .from(contactIdentities)
    .where(eq(contactIdentities.contactId, contactId))
    .orderBy(asc(contactIdentities.id));
  return { contact, identities };
}
