// The closure-check hold as kept in conversations.meta (`closureHold`, `closureHoldChangedAt`): read by
// the inactivity timers (inactivity.ts) and written by closure-hold.ts, which explains the rule.

export type StoredHold = { hold: 'until' | 'waiting_on_us'; until?: string; by: number | null; at: string };

/** The hold kept in a conversation's meta, or null. */
export function closureHoldOf(meta: Record<string, unknown>): StoredHold | null {
  const h = meta.closureHold as StoredHold | null | undefined;
  if (!h || (h.hold !== 'until' && h.hold !== 'waiting_on_us')) return null;
  return h;
}

/** Whether the hold stops the closure check and the auto-resolve at `now`. */
export function holdsAt(h: StoredHold | null, now: Date): boolean {
  if (!h) return false;
  if (h.hold === 'waiting_on_us') return true;
  return h.until !== undefined && Date.parse(h.until) > now.getTime();
}

/** Whether an inactivity timer armed at `armedAt` was armed before the hold last changed (stale). */
export function armedBeforeHoldChange(meta: Record<string, unknown>, armedAt: unknown): boolean {
  const changed = meta.closureHoldChangedAt;
  if (typeof changed !== 'string' || typeof armedAt !== 'string') return false;
  return Date.parse(armedAt) < Date.parse(changed);
}
