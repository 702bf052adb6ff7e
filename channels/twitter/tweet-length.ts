// A post's length as X counts it: the weighted rule (shared/weighted-length.ts, twitter-text's v3
// configuration: URLs 23, emoji and most non-Latin characters 2), which the console counts with too
// (the channel's `textLength: 'weighted'` capability). The limit is 280 of these units.
import { weightedLength } from '#shared/weighted-length.ts';

export { weightedLength };

export const MAX_WEIGHTED_LENGTH = 280;
/** Whether X would take this as a post: not empty, and within 280 weighted units. */
export function checkPostText(text: string): { ok: true } | { ok: false; reason: string } {
  if (!text.trim()) return { ok: false, reason: 'an X post cannot be empty' };
  const length = weightedLength(text);
  if (length > MAX_WEIGHTED_LENGTH) {
    return {
      ok: false,
      reason: `an X post holds ${MAX_WEIGHTED_LENGTH} characters as X counts them (links 23, emoji and most non-Latin characters 2); this one is ${length}`,
    };
  }
  return { ok: true };
}
