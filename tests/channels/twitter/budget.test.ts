// What X's pay-per-use reads cost an inbox (channels/twitter/budget.ts): per post and per user, once per
// UTC day, summed per UTC month, and how the polling interval stretches as the budget runs out.
import { describe, expect, it } from 'vitest';
import { charge, emptyBudget, nextMonth, pollDelayMs, spentUsd } from '#channels/twitter/budget.ts';

const at = (iso: string) => new Date(iso);

describe('X read budget', () => {
  it('charges $0.005 a post and $0.010 a user, each once per UTC day', () => {
    const day = at('2026-12-07T10:00:00Z');
    const first = charge(null, day, { posts: ['1', '2'], users: ['a'] });
    expect(first.costMills).toBe(20);
    const again = charge(first.state, at('2026-12-07T23:59:00Z'), { posts: ['2', '3'], users: ['a', 'b'] });
    expect(again.costMills).toBe(15);
    const nextDay = charge(again.state, at('2026-12-08T00:01:00Z'), { posts: ['2'], users: ['a'] });
    expect(nextDay.costMills).toBe(15);
    expect(spentUsd(nextDay.state, at('2026-12-08T00:01:00Z'))).toBe(0.05);
  });

  it('starts each UTC month at zero', () => {
    const dec = charge(null, at('2026-12-31T23:00:00Z'), { posts: ['1'], users: ['a'] }).state;
    expect(spentUsd(dec, at('2027-01-01T00:00:01Z'))).toBe(0);
    const jan = charge(dec, at('2027-01-01T00:00:01Z'), { posts: ['1'], users: [] }).state;
    expect(jan.month).toBe('2027-01');
    expect(spentUsd(jan, at('2027-01-01T00:00:01Z'))).toBe(0.005);
    expect(nextMonth(at('2026-12-07T10:00:00Z')).toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('polls at the set interval, then 2×, 4×, 8× under 50 %, 25 %, 10 % left, and not at all once spent', () => {
    expect(pollDelayMs(60, undefined, 1_000)).toBe(60_000);
    expect(pollDelayMs(60, 100, 49)).toBe(60_000);
    expect(pollDelayMs(60, 100, 51)).toBe(120_000);
    expect(pollDelayMs(60, 100, 76)).toBe(240_000);
    expect(pollDelayMs(60, 100, 91)).toBe(480_000);
    expect(pollDelayMs(60, 100, 100)).toBeNull();
  });

  it('costs $2.55 a day for 200 mentions from 150 authors answering 10 of our posts, polled every minute', () => {
    // 1,440 polls a day; an empty answer reads nothing and costs nothing. The mentions spread over the
    // day, each poll returning the new ones with their author and the post they answer expanded.
    let state = emptyBudget(at('2026-12-07T00:00:00Z'));
    let mills = 0;
    for (let i = 0; i < 200; i++) {
      const when = new Date(Date.parse('2026-12-07T00:00:00Z') + i * 7 * 60_000);
      const r = charge(state, when, { posts: [`m${i}`, `ours${i % 10}`], users: [`u${i % 150}`] });
      state = r.state;
      mills += r.costMills;
    }
    expect(mills / 1000).toBe(2.55);
    expect(emptyBudget(at('2026-12-07T00:00:00Z')).spentMills).toBe(0);
  });
});
