// The X adapter against an X API v2 stand-in on loopback, driven through twitter-api-v2 for real: the
// shared contract, then reading — mentions and DMs with their authors' reach in the same call, and
// cursors that move only after the hub took the messages.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelErrorCode } from '#channels/errors.ts';
import { twitterChannel, type XConnection } from '#channels/twitter/index.ts';
import { sinceKey } from '#channels/twitter/poller.ts';
import { defaultInfluenceSettings, socialMetricsSchema } from '#shared/influence.schema.ts';
import { scoreInfluence } from '#shared/influence.ts';
import { startXApi, type XApi } from '#tests/helpers/x-api.ts';
import { type ContractPeer, contractContext, describeChannelContract } from '../contract.ts';
import { dmEvent, ME, post, problems, user, type XProblem } from './payloads.ts';
import { configFor, connectX, KEYS } from './setup.ts';

const apis = new WeakMap<ContractPeer, XApi>();

const refusals: Record<ChannelErrorCode, XProblem> = {
  TEMPORARY: problems.serviceUnavailable,
  RATE_LIMITED: problems.tooMany(Math.floor(Date.now() / 1000) + 60),
  AUTH: problems.unauthorized,
  PERMANENT: problems.invalidRequest,
};

describeChannelContract('twitter', {
  definition: twitterChannel,
  failures: ['TEMPORARY', 'RATE_LIMITED', 'AUTH', 'PERMANENT'],
  invalidConfigs: [
    {},
    { handle: 'acme', apiKey: 'k', apiSecret: 's', accessToken: 't' },
    { ...configFor({ url: 'http://127.0.0.1:1' }), handle: 'not a handle' },
    { ...configFor({ url: 'http://127.0.0.1:1' }), apiBaseUrl: 'ftp://api.x.com' },
    { ...configFor({ url: 'http://127.0.0.1:1' }), pollSeconds: 1 },
    { ...configFor({ url: 'http://127.0.0.1:1' }), monthlyBudgetUsd: -5 },
  ],
  async startPeer() {
    const x = await startXApi(KEYS);
    const peer: ContractPeer = {
      failNext: (kind) => x.failNextWrite(refusals[kind]),
      // X's bodies carry no id of ours: the send just made is the latest write.
      async received() {
        const text = x.writes().at(-1)?.json?.text;
        return typeof text === 'string' ? { text } : undefined;
      },
      close: () => x.close(),
    };
    apis.set(peer, x);
    return peer;
  },
  validConfig: (peer) => configFor(apis.get(peer)!),
  async emitInbound(peer, conn, _recorded, ctx) {
    const x = apis.get(peer)!;
    const ana = user('2244994945', 'ana_perez', 1200);
    x.mention(post(ana, '@acme sin señal desde ayer'), ana);
    await (conn as XConnection).pollNow();
    // The hub lost the cursor (a crash before it was written): the same mention comes again.
    await ctx.cursor.setMany({ [sinceKey('mentions')]: null });
    await (conn as XConnection).pollNow();
  },
});

describe('X adapter reading', () => {
  let x: XApi;
  let made: ReturnType<typeof connectX>;
  let conn: XConnection;
  const connect = () => {
    made = connectX(x);
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

  it('reads mentions with their authors’ reach and the posts’ exposure in one call, a conversation per thread per author', async () => {
    const ana = user('2244994945', 'ana_perez', 48_200, true);
    const bob = user('783214', 'bob', 90);
    const first = post(ana, '@acme mi factura vino doble', { likes: 320, views: 41_000 });
    x.mention(first, ana);
    x.mention(post(ana, '@acme ¿alguien?', { conversationId: first.id }), ana);
    x.mention(post(bob, '@acme a mí también', { conversationId: first.id }), bob);
    const outcome = await connect().pollNow();

    expect(outcome.stored).toBe(3);
    const got = made.recorded.received;
    expect(got.map((m) => m.text)).toEqual([
      '@acme mi factura vino doble',
      '@acme ¿alguien?',
      '@acme a mí también',
    ]);
    expect(got[0].threadKey).toBe(got[1].threadKey);
    expect(got[2].threadKey).not.toBe(got[0].threadKey);
    expect(got[0].sender).toMatchObject({
      externalId: ana.id,
      name: 'ana perez',
      display: { handle: 'ana_perez', followers: 48_200, verified: true },
    });
    expect(got[0].meta?.social).toMatchObject({
      visibility: 'public',
      url: `https://x.com/ana_perez/status/${first.id}`,
      author: { followers: 48_200, verified: true, listed: 482 },
      item: { likes: 320, views: 41_000, reposts: 2 },
    });
    // What the influence score reads (server/social/influence-of.ts) parses as it is.
    expect(socialMetricsSchema.safeParse(got[0].meta?.social).success).toBe(true);
    const [call] = x.reads(`/2/users/${ME.id}/mentions`);
    expect(call.query.get('expansions')).toContain('author_id');
    expect(call.query.get('user.fields')).toContain('public_metrics');
    expect(call.query.get('tweet.fields')).toContain('public_metrics');
    expect(call.query.get('tweet.fields')).toContain('conversation_id');
  });

  it('keeps a mention scorable when X leaves out its author’s metrics', async () => {
    // X omits public_metrics for some accounts (suspended, protected, or fields it did not return).
    const { public_metrics: _left, ...quiet } = user('3310', 'dana', 0);
    const p = post(quiet as ReturnType<typeof user>, '@acme ¿hay cortes hoy?');
    x.mention(p, quiet as ReturnType<typeof user>);
    await connect().pollNow();
    const social = made.recorded.received[0].meta?.social;
    expect(social).toMatchObject({ visibility: 'public', author: { followers: null, handle: 'dana' } });
    const parsed = socialMetricsSchema.parse(social);
    expect(scoreInfluence(parsed, defaultInfluenceSettings).parts[0].reason).toBe(
      'followers not given by the network',
    );
  });

  it('reads DMs as one conversation per DM conversation, leaving out the account’s own', async () => {
    const carla = user('99120', 'carla', 310);
    x.dm(dmEvent(carla, 'hola, quiero cambiar mi plan'), carla);
    x.dm(dmEvent(ME, 'Claro, ¿qué plan tiene?', carla), carla);
    x.dm(dmEvent(carla, 'el de 50 GB'), carla);
    await connect().pollNow();
    const got = made.recorded.received;
    expect(got.map((m) => m.text)).toEqual(['hola, quiero cambiar mi plan', 'el de 50 GB']);
    expect(got[0].threadKey).toBe(`dm:${[ME.id, carla.id].sort().join('-')}`);
    expect(got[1].threadKey).toBe(got[0].threadKey);
    expect(got[0].meta?.social).toMatchObject({ visibility: 'private', author: { followers: 310 } });
    expect(socialMetricsSchema.safeParse(got[0].meta?.social).success).toBe(true);
  });

  it('reads again what the hub could not store, and nothing it already stored', async () => {
    const ana = user('2244994945', 'ana_perez', 1200);
    const a = post(ana, '@acme uno');
    const b = post(ana, '@acme dos');
    x.mention(a, ana);
    x.mention(b, ana);
    connect();
    let refuse = true;
    made.ctx.receive = async (m) => {
      if (m.externalId === `tweet:${b.id}` && refuse) {
        refuse = false;
        throw new Error('database went away');
      }
      made.recorded.received.push(m);
    };
    expect((await conn.pollNow()).skipped).toBe('failed');
    expect(await made.ctx.cursor.get(sinceKey('mentions'))).toBeNull();
    await conn.pollNow();
    expect(await made.ctx.cursor.get(sinceKey('mentions'))).toEqual({ id: b.id });
    const c = post(ana, '@acme tres');
    x.mention(c, ana);
    await conn.pollNow();
    // The hub stores by external id: `a` seen twice is one message; b and c each arrive.
    expect(made.recorded.received.map((m) => m.externalId)).toEqual([
      `tweet:${a.id}`,
      `tweet:${a.id}`,
      `tweet:${b.id}`,
      `tweet:${c.id}`,
    ]);
    expect(x.reads(`/2/users/${ME.id}/mentions`).at(-1)?.query.get('since_id')).toBe(b.id);
  });
});

describe('X adapter start', () => {
  let x: XApi;
  beforeAll(async () => {
    x = await startXApi(KEYS);
  });
  afterAll(() => x.close());

  it('asks X who the tokens act as once, then keeps it', async () => {
    const made = contractContext('twitter', configFor(x), null);
    const first = twitterChannel.create(made.ctx) as XConnection;
    await first.start();
    await first.stop();
    const again = twitterChannel.create(made.ctx) as XConnection;
    await again.start();
    await again.stop();
    expect(x.reads('/2/users/me')).toHaveLength(1);
    expect(made.recorded.health).toEqual(['ready', 'ready']);

    // An admin saves tokens of another account: it is asked again, not taken from the store.
    const other = await startXApi({ apiKey: KEYS.apiKey, accessToken: '1460000000000000099-otherAccount' });
    try {
      const swapped = contractContext(
        'twitter',
        configFor(other, { accessToken: '1460000000000000099-otherAccount' }),
        null,
        {
          cursor: made.ctx.cursor,
        },
      );
      const conn = twitterChannel.create(swapped.ctx) as XConnection;
      await conn.start();
      await conn.stop();
      expect(other.reads('/2/users/me')).toHaveLength(1);
    } finally {
      await other.close();
    }
  });
});
