// X's weighted length (twitter-text v3 rules, written out in channels/twitter/tweet-length.ts): what the
// composer and send() refuse must be exactly what X would refuse.
import { describe, expect, it } from 'vitest';
import { checkPostText, weightedLength } from '#channels/twitter/tweet-length.ts';

describe('X weighted length', () => {
  it.each([
    ['plain Latin text counts 1 a character', 'hola, ¿qué tal? ñandú', 21],
    ['a URL counts 23 however long', `mira https://example.com/${'a'.repeat(80)}`, 5 + 23],
    ['a short URL still counts 23', 'x.co', 23],
    ['a www. link counts 23', 'see www.acme.bo/planes', 4 + 23],
    ['a bare domain counts 23', 'acme.com', 23],
    ['the full stop after a link is text', 'go to https://acme.bo.', 6 + 23 + 1],
    ['CJK characters count 2', '你好世界', 8],
    ['an emoji counts 2', '👍', 2],
    ['an emoji with a skin tone counts 2', '👍🏽', 2],
    ['a family joined by ZWJ counts 2', '👨‍👩‍👧‍👦', 2],
    ['a flag counts 2', '🇧🇴', 2],
    ['a letter and combining accent count 1 once normalised', 'e\u0301', 1],
    ['curly quotes and dashes count 1', '“hola” – ok', 11],
    ['an ellipsis is outside the light ranges and counts 2', 'ok…', 4],
  ])('%s', (_why, text, length) => {
    expect(weightedLength(text)).toBe(length);
  });

  it('takes 280 units and refuses 281 with the count in the reason', () => {
    expect(checkPostText('a'.repeat(280))).toEqual({ ok: true });
    expect(checkPostText('a'.repeat(281))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('281'),
    });
    expect(checkPostText('信'.repeat(140)).ok).toBe(true);
    expect(checkPostText('信'.repeat(141)).ok).toBe(false);
  });

  it('refuses an empty post', () => {
    expect(checkPostText('   ')).toMatchObject({ ok: false, reason: 'an X post cannot be empty' });
  });
});
