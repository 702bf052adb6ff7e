// The hub's re-measurement of open X mentions (measure) and liking a post, against the loopback X
// stand-in: many posts in one lookup with their authors' reach, deleted posts left out, every read charged
// to the month's budget as the poller charges it (the same post or user once a UTC day), no read at all
// once the budget is spent, and X's 429 honoured by measuring and polling alike.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BudgetState } from '#channels/twitter/budget.ts';
import type { XConfig } from '#channels/twitter/config.ts';
import { twitterChannel, type XConnection } from '#channels/twitter/index.ts';
import { BUDGET_KEY } from '#channels/twitter/poller.ts';
import { socialMetricsSchema } from '#shared/influence.schema.ts';
import { startXApi, type XApi } from '#tests/helpers/x-api.ts';
import { ME, post, problems, user } from './payloads.ts';
import { connectX, KEYS } from './setup.ts';

describe('X adapter measure and like', () => {
  let x: XApi;
  let made: ReturnType<typeof connectX>;
  let conn: XConnection;
  const connect = (over: Partial<XConfig> = {}) => {
    made = connectX(x, over);
    conn = made.conn;
    return conn;
  };
  const signal = () => AbortSignal.timeout(10_000);
  const spentMills = async () => (await made.ctx.cursor.get<BudgetState>(BUDGET_KEY))?.spentMills;
  const lookups = () => x.reads('/2/tweets');

  const ana = user('2244994945', 'ana_perez', 48_200, true);
  const bob = user('783214', 'bob', 90);

  beforeEach(async () => {
    x = await startXApi(KEYS);
  });
  afterEach(async () => {
    await conn?.stop();
    await x.close();
  });

  it('measures several posts in one lookup with their authors’ reach, leaving out a deleted one', async () => {
    const a = post(ana, '@acme mi factura vino doble', { likes: 10, views: 900 });
    const b = post(bob, '@acme a mí también', { likes: 1 });
    const gone = post(bob, '@acme borrado luego');
    for (const [p, who] of [
      [a, ana],
      [b, bob],
      [gone, bob],
    ] as const)
      x.mention(p, who);
    await connect().pollNow();
    const social = (id: string) =>
      made.recorded.received.find((m) => m.externalId === `tweet:${id}`)?.meta?.social as Record<
        string,
        unknown
      >;

    // It went viral meanwhile; one post was deleted.
    a.public_metrics.like_count = 2400;
    a.public_metrics.retweet_count = 1200;
    a.public_metrics.impression_count = 310_000;
    x.remove(gone.id);
    const measured = await conn.measure!(
      [a, b, gone].map((p) => ({ externalId: `tweet:${p.id}`, social: social(p.id) })),
      signal(),
    );

    expect(measured).toEqual([
      {
        externalId: `tweet:${a.id}`,
        item: {
          likes: 2400,
          replies: 1,
          reposts: 1200,
          quotes: 0,
          views: 310_000,
          measuredAt: expect.any(String),
        },
        author: { followers: 48_200, verified: true, listed: 482, handle: 'ana_perez' },
      },
      {
        externalId: `tweet:${b.id}`,
        item: expect.objectContaining({ likes: 1, reposts: 2 }),
        author: { followers: 90, verified: false, listed: 0, handle: 'bob' },
      },
    ]);
    // What the hub merges back into meta.social still parses as the influence score reads it.
    for (const m of measured) {
      const merged = { ...social(m.externalId.slice(6)), item: m.item, author: m.author };
      expect(socialMetricsSchema.safeParse(merged).success).toBe(true);
    }
    const [call] = lookups();
    expect(call.query.get('ids')).toBe([a.id, b.id, gone.id].join(','));
    expect(call.query.get('tweet.fields')).toContain('public_metrics');
    expect(call.query.get('expansions')).toBe('author_id');
    expect(call.query.get('user.fields')).toContain('public_metrics');
    expect(call.query.get('user.fields')).toContain('verified');
    // A DM has no public metrics: nothing to ask X.
    expect(await conn.measure!([{ externalId: 'dm:1881', social: {} }], signal())).toEqual([]);
    expect(lookups()).toHaveLength(1);
  });

  it('charges its reads to the month’s budget as the poller does: once a day per post and author', async () => {
    const a = post(ana, '@acme uno');
    const b = post(bob, '@acme dos');
    x.mention(a, ana);
    x.mention(b, bob);
    await connect({ monthlyBudgetUsd: 5 }).pollNow();
    // users/me 10 + 2 posts 10 + 2 authors 20 mills.
    expect(await spentMills()).toBe(40);
    const items = [a, b].map((p) => ({ externalId: `tweet:${p.id}`, social: {} }));
    await conn.measure!(items, signal());
    expect(await spentMills()).toBe(40); // read today already: X does not charge again

    // The next UTC day (same month): the same posts and authors are charged again.
    const state = (await made.ctx.cursor.get<BudgetState>(BUDGET_KEY))!;
    await made.ctx.cursor.set(BUDGET_KEY, { ...state, day: '2000-01-01' });
    await conn.measure!(items, signal());
    expect(await spentMills()).toBe(70);
  });

  it('refuses to read once the month’s budget is spent, until the month turns', async () => {
    x.mention(post(ana, '@acme hola'), ana);
    await connect({ monthlyBudgetUsd: 0.05 }).pollNow();
    const state = (await made.ctx.cursor.get<BudgetState>(BUDGET_KEY))!;
    await made.ctx.cursor.set(BUDGET_KEY, { ...state, spentMills: 50 });
    const before = x.requests.length;
    const err = await conn.measure!([{ externalId: 'tweet:1875', social: {} }], signal()).catch((e) => e);
    const now = new Date();
    const nextMonth = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
    expect(err).toMatchObject({ code: 'RATE_LIMITED', retryable: true });
    expect(Math.abs(err.retryAfterMs - (nextMonth - now.getTime()))).toBeLessThan(5000);
    expect(x.requests.length).toBe(before);
  });

  it('honours X’s 429 until x-rate-limit-reset, for measuring and polling alike', async () => {
    await connect().pollNow();
    x.failNextRead(problems.tooMany(Math.floor(Date.now() / 1000) + 300));
    const items = [{ externalId: 'tweet:1875', social: {} }];
    const err = await conn.measure!(items, signal()).catch((e) => e);
    expect(err).toMatchObject({ code: 'RATE_LIMITED' });
    expect(err.retryAfterMs).toBeGreaterThan(290_000);
    const before = x.requests.length;
    await expect(conn.measure!(items, signal())).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect((await conn.pollNow()).skipped).toBe('rate_limited');
    expect(x.requests.length).toBe(before);
  });

  it('likes a post as the account, and refuses to like a DM', async () => {
    connect();
    await conn.moderate({ externalId: 'tweet:1875', action: 'like' }, signal());
    expect(x.writes().map((w) => [w.method, w.path, w.json])).toEqual([
      ['POST', `/2/users/${ME.id}/likes`, { tweet_id: '1875' }],
    ]);
    await expect(conn.moderate({ externalId: 'dm:1881', action: 'like' }, signal())).rejects.toMatchObject({
      code: 'PERMANENT',
    });
    expect(twitterChannel.capabilities).toMatchObject({ like: true, hideDelete: true, publicItems: true });
  });
});
