// The X adapter's replies, against the loopback X stand-in: a public reply threaded under the customer's
// latest post, a DM reply, X's 280-unit limit refused before anything is sent, X's refusals as codes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { XConfig } from '#channels/twitter/config.ts';
import type { XConnection } from '#channels/twitter/index.ts';
import type { OutboundMessage } from '#channels/types.ts';
import { startXApi, type XApi } from '#tests/helpers/x-api.ts';
import { outbound } from '../contract.ts';
import { problems } from './payloads.ts';
import { connectX, KEYS } from './setup.ts';

describe('X adapter sending', () => {
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

  const reply = (over: Partial<OutboundMessage>): OutboundMessage => ({ ...outbound('hello'), ...over });

  it('answers a mention publicly, in reply to the customer’s latest post in the thread', async () => {
    const { externalId, meta } = await connect().send(
      reply({
        text: '@ana_perez lo revisamos ya',
        threadKey: 'mention:1870:2244994945',
        answersExternalId: 'tweet:1875',
      }),
    );
    const [sent] = x.writes();
    expect(sent.path).toBe('/2/tweets');
    expect(sent.json).toEqual({
      text: '@ana_perez lo revisamos ya',
      reply: { in_reply_to_tweet_id: '1875' },
    });
    expect(externalId).toMatch(/^tweet:\d+$/);
    expect(meta?.social).toMatchObject({ visibility: 'public', inReplyToPostId: '1875' });
  });

  it('answers a DM conversation with a DM', async () => {
    const { externalId } = await connect().send(
      reply({ text: 'Le escribimos por aquí', threadKey: 'dm:99120-1460000000000000001' }),
    );
    const [sent] = x.writes();
    expect(sent.path).toBe('/2/dm_conversations/99120-1460000000000000001/messages');
    expect(sent.json).toEqual({ text: 'Le escribimos por aquí' });
    expect(externalId).toMatch(/^dm:\d+$/);
  });

  it('refuses a public reply X would refuse, counting as X does, before sending anything', async () => {
    connect();
    const thread = { threadKey: 'mention:1870:2244994945', answersExternalId: 'tweet:1875' };
    const tooLong = await conn.send(reply({ ...thread, text: 'a'.repeat(281) })).catch((e: unknown) => e);
    expect(tooLong).toMatchObject({ code: 'PERMANENT', message: expect.stringContaining('this one is 281') });
    const wide = await conn.send(reply({ ...thread, text: '信'.repeat(141) })).catch((e: unknown) => e);
    expect(wide).toMatchObject({ code: 'PERMANENT', message: expect.stringContaining('this one is 282') });
    expect(x.writes()).toHaveLength(0);
    // A long link counts 23: 256 + 1 + 23 = 280 fits.
    await conn.send(reply({ ...thread, text: `${'a'.repeat(256)} https://example.com/${'p'.repeat(90)}` }));
    expect(x.writes()).toHaveLength(1);
  });

  it('turns a 429 on a send into RATE_LIMITED that waits until x-rate-limit-reset', async () => {
    const reset = Math.floor(Date.now() / 1000) + 120;
    x.failNextWrite(problems.tooMany(reset));
    const err = await connect()
      .send(reply({ text: 'hola', threadKey: 'dm:99120-1460000000000000001' }))
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'RATE_LIMITED' });
    const wait = (err as { retryAfterMs: number }).retryAfterMs;
    expect(wait).toBeGreaterThan(110_000);
    expect(wait).toBeLessThanOrEqual(120_000);
  });

  it('tells refused tokens (the inbox needs new ones) from a refused post (this reply only)', async () => {
    connect();
    const dm = reply({ text: 'hola', threadKey: 'dm:99120-1460000000000000001' });
    x.failNextWrite(problems.forbidden);
    expect(await conn.send(dm).catch((e: unknown) => e)).toMatchObject({ code: 'AUTH' });
    expect(made.recorded.health.at(-1)).toBe('needs_auth');
    x.failNextWrite(problems.duplicate);
    expect(await conn.send(dm).catch((e: unknown) => e)).toMatchObject({
      code: 'PERMANENT',
      message: expect.stringContaining('duplicate content'),
    });
    await conn.send(dm);
    expect(made.recorded.health.at(-1)).toBe('ready');
  });
});
