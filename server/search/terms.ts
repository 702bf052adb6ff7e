// Turning what an agent typed into LIKE patterns: the same rules for contacts and for message text.

/** `%` and `_` typed in the box are literal characters, not wildcards. */
export const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The digits of a search that looks like (part of) a phone number, else null. */
export function phoneDigits(q: string): string | null {
  if (!/^[\d\s+().-]+$/.test(q)) return null;
  const digits = q.replace(/\D/g, '');
  return digits.length >= 4 ? digits : null;
}

/** The words of a search, each of which a message must contain (in any order); a handful at most. */
export function words(q: string): string[] {
  return [...new Set(q.toLowerCase().split(/\s+/).filter(Boolean))].slice(0, 6);
}

/** Up to `width` characters of `text` around the first place a word occurs, on one line. */
export function excerpt(text: string, terms: string[], width = 140): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const lower = flat.toLowerCase();
  const at = Math.min(...terms.map((t) => lower.indexOf(t)).filter((i) => i >= 0), flat.length);
  if (flat.length <= width) return flat;
  const start = Math.max(0, Math.min(at - Math.floor(width / 3), flat.length - width));
  const end = start + width;
  return `${start > 0 ? '…' : ''}${flat.slice(start, end).trim()}${end < flat.length ? '…' : ''}`;
}
