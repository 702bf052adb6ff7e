// The X adapter's limits, against the loopback X stand-in: a 429 waits until X's x-rate-limit-reset,
// refused tokens mark the inbox, and the month's read budget slows polling and then stops it with an alert.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { XConfig } from '#channels/twitter/config.ts';
import type { XConnection } from '#channels/twitter/index.ts';
import { startXApi, type XApi } from '#tests/helpers/x-api.ts';
import { post, problems, user } from './payloads.ts';
import { connectX, KEYS } from './setup.ts';

describe('X adapter limits', () => {
  let x: XApi;
  let made: ReturnType<typeof connectX>;
  let conn: XConnection;
  const connect = (over: Partial<XConfig> = {}) => {
    made = connectX(x, over);
    conn = made.conn;
    return conn;
  };

  beforeEach(async () => {
    x = await startXApi(KEYS);
  });
  afterEach(async () => {
    await conn?.stop();
    await x.close();
  });

  it('stops polling after a 429 until x-rate-limit-reset, and says when it reads next', async () => {
    connect();
    await conn.pollNow(); // the account is known: only timeline reads below
    const reset = Math.floor(Date.now() / 1000) + 300;
    x.failNextRead(problems.tooMany(reset));
    const limited = await conn.pollNow();
    expect(limited.skipped).toBe('rate_limited');
    expect(limited.nextInMs).toBeGreaterThan(290_000);
    const before = x.requests.length;
    expect((await conn.pollNow()).skipped).toBe('rate_limited');
    expect(x.requests.length).toBe(before);
    expect(made.recorded.health.at(-1)).toBe('ready');
  });

  it('marks the inbox needs_auth when X refuses the tokens, and ready again once a read works', async () => {
    connect();
    await conn.pollNow();
    x.failNextRead(problems.unauthorized);
    expect((await conn.pollNow()).skipped).toBe('failed');
    expect(made.recorded.health.at(-1)).toBe('needs_auth');
    await conn.pollNow();
    expect(made.recorded.health.at(-1)).toBe('ready');
  });

  it('slows polling as the month’s budget runs down', async () => {
    const ana = user('2244994945', 'ana_perez', 1200);
    for (const text of ['@acme a', '@acme b', '@acme c']) x.mention(post(ana, text), ana);
    // users/me $0.010 + 3 posts $0.015 + 1 author $0.010 = $0.035 of $0.06: under half is left.
    const outcome = await connect({ pollSeconds: 60, monthlyBudgetUsd: 0.06 }).pollNow();
    expect(outcome.nextInMs).toBe(120_000);
    expect(made.recorded.health.at(-1)).toBe('ready');
  });

  it('stops polling when the month’s budget is spent, with the inbox failed and an alert', async () => {
    for (const [i, name] of ['ana', 'bob', 'carla'].entries()) {
      const who = user(String(5000 + i), name, 100);
      x.mention(post(who, `@acme ${name}`), who);
    }
    // users/me $0.010 + 3 posts $0.015 + 3 authors $0.030 = $0.055 ≥ $0.05.
    const outcome = await connect({ monthlyBudgetUsd: 0.05 }).pollNow();
    expect(outcome.stored).toBe(3); // paid for: stored
    expect(outcome.skipped).toBe('budget_spent');
    expect(made.recorded.health.at(-1)).toBe('failed');
    expect(made.recorded.alerts).toEqual([
      expect.stringMatching(/monthly X budget is spent \(\$0\.06 of \$0\.05\)/),
    ]);
    const before = x.requests.length;
    expect((await conn.pollNow()).skipped).toBe('budget_spent');
    expect(x.requests.length).toBe(before);
    expect(made.recorded.alerts).toHaveLength(1);
  });
});
