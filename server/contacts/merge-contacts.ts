// Merging two records of one person (the same customer wrote by WhatsApp and by e-mail): the source's
// identities and conversations move to the target, blanks on the target are filled from the source,
// and the source is kept as a tombstone pointing at the target.
import { and, eq, isNull } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { contactIdentities, contacts, conversations, messages } from '#server/db/schema.ts';
import { AppError, notFound } from '#server/errors.ts';
import { recordEvent } from '#server/events/record-event.ts';

export async function mergeContacts(
  ctx: HubContext,
  accountId: number,
  targetId: number,
  sourceId: number,
  userId: number,
): Promise<void> {
  if (targetId === sourceId) throw new AppError('bad_request', 'a contact cannot be merged into itself');
  await ctx.db.transaction(async (tx) => {
    const live = (id: number) =>
      tx
        .select()
        .from(contacts)
        .where(and(eq(contacts.id, id), eq(contacts.accountId, accountId), isNull(contacts.mergedIntoId)))
        .for('update');
    const [target] = await live(targetId);
    const [source] = await live(sourceId);
    if (!target) throw notFound('contact');
    if (!source) throw notFound('source contact');

    await tx
      .update(contactIdentities)
      .set({ contactId: target.id })
      .where(eq(contactIdentities.contactId, source.id));
    const moved = await tx
      .update(conversations)
      .set({ contactId: target.id })
      .where(eq(conversations.contactId, source.id))
      .returning({ id: conversations.id, accountId: conversations.accountId });
    await tx
      .update(messages)
      .set({ senderId: target.id })
      .where(and(eq(messages.senderType, 'contact'), eq(messages.senderId, source.id)));
    await tx
      .update(contacts)
      .set({
        // An empty string is a blank too (as in ingest's fillBlanks): an agent may have cleared the field.
        name: target.name || source.name,
        email: target.email || source.email,
        phone: target.phone || source.phone,
        attributes: { ...source.attributes, ...target.attributes },
        updatedAt: new Date(),
      })
      .where(eq(contacts.id, target.id));
    await tx
      .update(contacts)
      .set({ mergedIntoId: target.id, updatedAt: new Date() })
      .where(eq(contacts.id, source.id));
    for (const c of moved) {
      await recordEvent(
        tx,
        c,
        'contact.merged',
        { from: source.id, into: target.id },
        { type: 'user', id: userId },
      );
    }
  });
}
