// A desk item of the caller's account with its inbox's channel, locked for the change the caller makes in
// the same transaction; another account's item, or none, is not found.
import { and, eq } from 'drizzle-orm';
import type { Tx } from '#server/db/client.ts';
import { inboxes, socialItems } from '#server/db/schema.ts';
import { notFound } from '#server/errors.ts';

export async function lockMention(tx: Tx, accountId: number, itemId: number) {
  const [row] = await tx
    .select({ item: socialItems, channel: inboxes.channel })
    .from(socialItems)
    .innerJoin(inboxes, eq(inboxes.id, socialItems.inboxId))
    .where(and(eq(socialItems.id, itemId), eq(socialItems.accountId, accountId)))
    .for('update', { of: socialItems });
  if (!row) throw notFound('mention');
  return row;
}
