// Phone numbers reach the hub written every way people write them; the same number must come out as the
// same E.164 string (that is how one person is recognised across channels), and a non-number as null.
import { describe, expect, it } from 'vitest';
import { toE164 } from '#shared/phone.ts';

describe('toE164', () => {
  it('normalises international numbers however they are spaced or punctuated', () => {
    expect(toE164('+591 7123 4567')).toBe('+59171234567');
    expect(toE164('+1 (650) 555-1234')).toBe('+16505551234');
    expect(toE164('+34 612 34 56 78')).toBe('+34612345678');
    expect(toE164('  +44 7911 123456 ')).toBe('+447911123456');
  });

  it('reads national numbers and international prefixes with a default country', () => {
    expect(toE164('71234567', 'BO')).toBe('+59171234567');
    expect(toE164('(650) 555-1234', 'US')).toBe('+16505551234');
    expect(toE164('00 591 71234567', 'BO')).toBe('+59171234567');
    expect(toE164('0151 23456789', 'DE')).toBe('+4915123456789');
  });

  it('gives null for what is not a valid number', () => {
    expect(toE164('')).toBeNull();
    expect(toE164('abc')).toBeNull();
    expect(toE164('+1')).toBeNull();
    expect(toE164('+591 123')).toBeNull();
    // Digits alone, with no country to read them in, cannot be placed.
    expect(toE164('16505551234')).toBeNull();
    expect(toE164(`+${'1'.repeat(70)}`)).toBeNull();
  });
});
