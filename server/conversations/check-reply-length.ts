// A reply the channel would refuse for its length is refused here, before it is queued: 422 `text_too_long`
// with the length and the limit, counted as the channel counts (capabilities `maxText` and `textLength`,
// shared/weighted-length.ts), instead of a message that fails in the outbox minutes later. On a channel
// with public items the limit depends on where the answer goes: under a public item (maxText, its rule),
// or privately — a direct-message conversation, or `privately` — (maxPrivateText, in characters).
import { and, desc, eq } from 'drizzle-orm';
import type { ChannelCapabilities } from '#channels/types.ts';
import type { Tx } from '#server/db/client.ts';
import { messages } from '#server/db/schema.ts';
import { AppError } from '#server/errors.ts';
import { lengthOf, type TextLengthRule } from '#shared/weighted-length.ts';

/** Whether a customer message is a public item: adapters keep `meta.social`, `visibility` 'private' for DMs. */
export function isPublicItem(meta: Record<string, unknown>): boolean {
  const social = meta.social;
  if (typeof social !== 'object' || social === null) return false;
  return (social as { visibility?: unknown }).visibility !== 'private';
}

/** Whether an answer in this conversation goes public: its latest customer message is a public item. */
async function answersPublicItem(tx: Tx, conversationId: number): Promise<boolean> {
  const [latest] = await tx
    .select({ meta: messages.meta })
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.direction, 'in')))
    .orderBy(desc(messages.id))
    .limit(1);
  return latest ? isPublicItem(latest.meta) : false;
}

export async function checkReplyLength(
  tx: Tx,
  can: ChannelCapabilities,
  reply: { conversationId: number; text: string; privately: boolean },
): Promise<void> {
  let max = can.maxText;
  let rule: TextLengthRule = can.textLength;
  let where = 'a reply';
  if (can.publicItems) {
    const isPublic = !reply.privately && (await answersPublicItem(tx, reply.conversationId));
    if (!isPublic) {
      max = can.maxPrivateText ?? can.maxText;
      rule = can.maxPrivateText === undefined ? can.textLength : 'characters';
      where = 'a private answer';
    } else where = 'a public answer';
  }
  if (max === undefined) return;
  const length = lengthOf(reply.text, rule);
  if (length <= max) return;
  const how =
    rule === 'weighted'
      ? ' as the network counts them (links count 23, emoji and most non-Latin characters 2)'
      : '';
  throw new AppError(
    'text_too_long',
    `${where} here holds at most ${max} characters${how}; this one has ${length}`,
    { details: { length, max, textLength: rule } },
  );
}
