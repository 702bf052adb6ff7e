// Our outbound Message-IDs carry the conversation id, signed with the inbox secret, so a reply is
// recognised as ours even when a mail client drops In-Reply-To and References.
import { createHmac, timingSafeEqual } from 'node:crypto';

const sign = (secret: string, conversationId: number, messageId: number) =>
  createHmac('sha256', secret).update(`${conversationId}.${messageId}`).digest('hex').slice(0, 16);

export function ourMessageId(
  secret: string,
  conversationId: number,
  messageId: number,
  domain: string,
): string {
  return `<hub.c${conversationId}.m${messageId}.${sign(secret, conversationId, messageId)}@${domain}>`;
}

/** The conversation id of one of our Message-IDs, or null when it is not ours (or forged). */
export function conversationOf(secret: string, id: string): number | null {
  const m = /^<?hub\.c(\d{1,15})\.m(\d{1,15})\.([0-9a-f]{16})@/i.exec(id.trim());
  if (!m) return null;
  const expected = Buffer.from(sign(secret, Number(m[1]), Number(m[2])));
  const given = Buffer.from(m[3].toLowerCase());
  return expected.length === given.length && timingSafeEqual(expected, given) ? Number(m[1]) : null;
}

/** The `[#123]` tag we put in subjects. */
export function subjectTag(subject: string | undefined): number | null {
  const m = /\[#(\d{1,15})\]/.exec(subject ?? '');
  return m ? Number(m[1]) : null;
}
