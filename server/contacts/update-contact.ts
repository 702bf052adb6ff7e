// An agent's edit of a contact. Attributes are merged key by key (null removes a key), so an edit of one
// attribute does not wipe the others an integration wrote.
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { HubContext } from '#server/context.ts';
import { contacts } from '#server/db/schema.ts';
import { notFound } from '#server/errors.ts';
import type { updateContactBody } from '#shared/api.schema.ts';
import { toE164 } from '#shared/phone.ts';
import { loadContact } from './load-contact.ts';

export async function updateContact(
  ctx: HubContext,
  accountId: number,
  id: number,
  body: z.infer<typeof updateContactBody>,
) {
  const { contact } = await loadContact(ctx, accountId, id);
  const attributes = { ...contact.attributes };
  for (const [k, v] of Object.entries(body.attributes ?? {})) {
    if (v === null) delete attributes[k];
    else attributes[k] = v;
  }
  const [row] = await ctx.db
    .update(contacts)
    .set({
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.email !== undefined ? { email: body.email?.toLowerCase() ?? null } : {}),
      // E.164 when it is a number we can place, so the person is recognised when they write on WhatsApp.
      ...(body.phone !== undefined ? { phone: body.phone ? (toE164(body.phone) ?? body.phone) : null } : {}),
      attributes,
      updatedAt: new Date(),
    })
    .where(eq(contacts.id, contact.id))
    .returning();
  if (!row) throw notFound('contact');
  const { identities } = await loadContact(ctx, accountId, row.id);
  return { contact: row, identities };
}
