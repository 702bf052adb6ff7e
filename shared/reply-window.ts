// The customer-service window of WhatsApp: a business may answer freely for 24 hours after the customer's
// last message; after that only an approved template. Shared, so the console can count down the same way.
export const REPLY_WINDOW_MS = 24 * 60 * 60 * 1000;

export type ReplyWindow = { open: boolean; closesAt: string | null };

/** Closed, with no closing time, when the customer never wrote. */
export function replyWindowOf(lastCustomerMessageAt: Date | null, now: Date = new Date()): ReplyWindow {
  if (!lastCustomerMessageAt) return { open: false, closesAt: null };
  const closes = lastCustomerMessageAt.getTime() + REPLY_WINDOW_MS;
  return { open: now.getTime() < closes, closesAt: new Date(closes).toISOString() };
}
