// Whether a first reply met its target, as the reports count it: decided when the reply is stored, by
// the due time the breach timer used.
import { describe, expect, it } from 'vitest';
import { firstResponseMet } from '#server/routing/first-response.ts';

const at = (s: string) => new Date(`2026-11-02T${s}Z`);
const c = (over: Partial<Parameters<typeof firstResponseMet>[0]> = {}) => ({
  firstResponseStartedAt: at('09:00:00'),
  firstResponseDueAt: at('09:00:20'),
  status: 'open' as const,
  slaPausedAt: null,
  ...over,
});

describe('a first reply meets its target', () => {
  it('by the due time, the due second included', () => {
    expect(firstResponseMet(c(), at('09:00:20'))).toBe(true);
    expect(firstResponseMet(c(), at('09:00:20.001'))).toBe(false);
  });
  it('answered while the hub still asked its questions (no clock yet): met, at 0 s', () => {
    expect(
      firstResponseMet(c({ firstResponseStartedAt: null, firstResponseDueAt: null }), at('09:05:00')),
    ).toBe(true);
  });
  it('on a channel without a target: no verdict', () => {
    expect(firstResponseMet(c({ firstResponseDueAt: null }), at('09:00:05'))).toBeNull();
  });
  it('while pending, judged at the pause: time waiting on the customer does not count', () => {
    const paused = c({ status: 'pending', slaPausedAt: at('09:00:10') });
    expect(firstResponseMet(paused, at('10:00:00'))).toBe(true);
    const pausedLate = c({ status: 'pending', slaPausedAt: at('09:00:30') });
    expect(firstResponseMet(pausedLate, at('10:00:00'))).toBe(false);
  });
});
