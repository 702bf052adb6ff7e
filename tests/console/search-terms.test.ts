// How a search is cut into words and how a long message becomes a short excerpt around the match.
import { describe, expect, it } from 'vitest';
import { escapeLike, excerpt, phoneDigits, words } from '#server/search/terms.ts';

describe('search terms', () => {
  it('splits into distinct lower-case words, a handful at most', () => {
    expect(words('  Recarga  SALDO recarga ')).toEqual(['recarga', 'saldo']);
    expect(words('a b c d e f g h')).toHaveLength(6);
  });
  it('escapes LIKE wildcards and finds phone digits only in phone-like input', () => {
    expect(escapeLike('50%_off\\')).toBe('50\\%\\_off\\\\');
    expect(phoneDigits('(591) 7123-4567')).toBe('59171234567');
    expect(phoneDigits('123')).toBeNull();
    expect(phoneDigits('CI 4477889')).toBeNull();
  });
  it('cuts an excerpt around the first word found, with ellipses where text was left out', () => {
    const text = `${'antes '.repeat(40)}mi número de CI es 4477889 ${'después '.repeat(40)}`;
    const e = excerpt(text, ['4477889'], 60);
    expect(e).toContain('4477889');
    expect(e.startsWith('…') && e.endsWith('…')).toBe(true);
    expect(e.length).toBeLessThanOrEqual(62);
    expect(excerpt('short\n text', ['text'])).toBe('short text');
  });
});
