// A customer-service window (WhatsApp's: 24 hours): a business may answer freely for so many hours after
// the customer's last message; after that only an approved template. The channel declares the hours
// (capabilities.replyWindowHours). Shared, so the console can count down the same way.

export type ReplyWindow = { open: boolean; closesAt: string | null };

/** Closed, with no closing time, when the customer never wrote. */
export function replyWindowOf(
  lastCustomerMessageAt: Date | null,
  hours: number,
  now: Date = new Date(),
): ReplyWindow {
  if (!lastCustomerMessageAt) return { open: false, closesAt: null };
  const closes = lastCustomerMessageAt.getTime() + hours * 3_600_000;
  return { open: now.getTime() < closes, closesAt: new Date(closes).toISOString() };
}
