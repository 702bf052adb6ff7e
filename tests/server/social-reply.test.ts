// What the hub refuses and reports for the social channels, through REST with a real X stand-in on
// loopback: a reply longer than the channel takes, counted as the channel counts it (X: links 23, emoji
// and CJK 2), is refused with 422 `text_too_long` before anything is queued — with the limit of where the
// answer goes (a public reply 280 weighted, a DM or a private answer 10,000); an X inbox's read spend this
// month against its budget (GET /inboxes/:id/usage), slowed and stopped as the poller is; and a push
// channel's inbox carries the callback URL to paste into the provider's settings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { XConnection } from '#channels/twitter/index.ts';
import { weightedLength } from '#shared/weighted-length.ts';
import { dmEvent, ME, post, user } from '#tests/channels/twitter/payloads.ts';
import { configFor, KEYS } from '#tests/channels/twitter/setup.ts';
import { settleQueue } from '#tests/helpers/clock.ts';
import {
  client,
  eventually,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';
import { startXApi, type XApi } from '#tests/helpers/x-api.ts';

let t: TestHub;
let x: XApi;
/** A second X stand-in for the spend specs, so that only what they put there is read and paid for. */
let spendX: XApi;
let acme: SeededAccount;
const api = () => client(t.url, acme.adminToken);

type Msg = { id: string; text: string | null; direction: string; status: string; externalId: string | null };
const messagesOf = async (id: string): Promise<Msg[]> =>
  (await api().get(`/conversations/${id}/messages`)).body.data;

async function xInbox(name: string, over: Parameters<typeof configFor>[1] = {}, stand = x) {
  const res = await api().post('/inboxes', { name, channel: 'twitter', config: configFor(stand, over) });
  expect(res.status).toBe(201);
  const id: string = res.body.data.id;
  return { id, conn: () => t.hub.ctx.channels.get(Number(id))?.connection as XConnection };
}

async function conversationWith(inboxId: string, externalId: string): Promise<string> {
  const list: { id: string }[] = (await api().get(`/conversations?inboxId=${inboxId}&limit=200`)).body.data;
  for (const c of list) if ((await messagesOf(c.id)).some((m) => m.externalId === externalId)) return c.id;
  throw new Error(`no conversation holds ${externalId}`);
}

/** 281 units as X counts them, 150 as JavaScript does: CJK characters weigh 2 each. */
const cjk281 = `${'服'.repeat(140)}a`;
/** 280 units: a 200-character link counts 23. */
const withLongLink = `${'a'.repeat(256)} https://acme.example.com/${'x'.repeat(175)}`;

beforeAll(async () => {
  [t, x, spendX] = await Promise.all([startTestHub(), startXApi(KEYS), startXApi(KEYS)]);
  acme = await seedAccount(t);
});
afterAll(async () => {
  await t?.destroy();
  await x?.close();
  await spendX?.close();
});

describe('reply length, counted as the channel counts it', () => {
  let inboxId: string;
  let mention: string;
  let dm: string;
  const ana = user('31000001', 'ana_largo', 1200);
  const beto = user('31000002', 'beto_dm', 40);
  const tweet = post(ana, '@acme ¿por qué no tengo señal?');
  const direct = dmEvent(beto, 'hola, una consulta');

  beforeAll(async () => {
    const inbox = await xInbox('X length');
    inboxId = inbox.id;
    x.mention(tweet, ana);
    x.dm(direct, beto);
    await inbox.conn().pollNow();
    mention = await conversationWith(inboxId, `tweet:${tweet.id}`);
    dm = await conversationWith(inboxId, `dm:${direct.id}`);
    // The DM's automatic greeting goes out to X through the queue: let it, so the counts of messages and
    // writes the specs compare are not moved by it halfway (it did, on a loaded machine).
    await settleQueue(t);
  });

  it('GET /channels says how X counts and what a private answer holds', async () => {
    const described = (await api().get('/channels')).body.data.find(
      (c: { kind: string }) => c.kind === 'twitter',
    );
    expect(described.capabilities).toMatchObject({
      maxText: 280,
      textLength: 'weighted',
      maxPrivateText: 10_000,
    });
    expect(described.usage).toBe(true);
  });

  it('refuses a public reply of 281 weighted characters with 422 before queueing anything', async () => {
    expect([cjk281.length, weightedLength(cjk281)]).toEqual([141, 281]);
    const before = await messagesOf(mention);
    const writes = x.writes().length;
    const res = await api().post(`/conversations/${mention}/messages`, { text: cjk281 });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('text_too_long');
    expect(res.body.error.message).toContain('at most 280');
    expect(res.body.error.message).toContain('this one has 281');
    expect(await messagesOf(mention)).toEqual(before);
    expect(x.writes().length).toBe(writes);
  });

  it('takes 280 weighted characters (a long link counts 23) and X gets them', async () => {
    expect(withLongLink.length).toBe(457);
    expect(weightedLength(withLongLink)).toBe(280);
    const res = await api().post(`/conversations/${mention}/messages`, { text: withLongLink });
    expect(res.status).toBe(201);
    const sent = await eventually(async () =>
      x.writes().find((w) => w.path === '/2/tweets' && w.json?.text === withLongLink),
    );
    expect(sent.json?.reply).toEqual({ in_reply_to_tweet_id: tweet.id });
  });

  it('takes the same 281 as a private answer: a DM to the author holds 10,000', async () => {
    const res = await api().post(`/conversations/${mention}/messages`, { text: cjk281, privately: true });
    expect(res.status).toBe(201);
    expect(res.body.data.privately).toBe(true);
    const sent = await eventually(async () => x.writes().find((w) => w.json?.text === cjk281));
    expect(sent.path).toBe(`/2/dm_conversations/with/${ana.id}/messages`);
  });

  it('holds a DM conversation to 10,000 characters', async () => {
    const long = 'b'.repeat(10_001);
    const refused = await api().post(`/conversations/${dm}/messages`, { text: long });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'text_too_long' });
    expect(refused.body.error.message).toContain('a private answer here holds at most 10000 characters');
    const ok = await api().post(`/conversations/${dm}/messages`, { text: cjk281 });
    expect(ok.status).toBe(201);
  });

  it('never limits a private note: it stays inside the hub', async () => {
    const res = await api().post(`/conversations/${mention}/messages`, {
      text: 'n'.repeat(20_000),
      private: true,
    });
    expect(res.status).toBe(201);
  });
});

describe('an X inbox’s read spend this month', () => {
  it('reports what the poller paid, against the budget, and when it slows and stops', async () => {
    // users/me (a user read, $0.010), then one mention and its author ($0.005 + $0.010).
    const who = user('32000001', 'carla_gasto', 90);
    spendX.mention(post(who, '@acme factura duplicada'), who);
    const slowed = await xInbox('X slowed', { monthlyBudgetUsd: 0.04 }, spendX);
    await slowed.conn().pollNow();
    const month = new Date().toISOString().slice(0, 7);
    const usage = await api().get(`/inboxes/${slowed.id}/usage`);
    expect(usage.status).toBe(200);
    // Less than half the budget left: the poller reads at half the pace, and the page says so.
    expect(usage.body.data).toEqual({ month, spentUsd: 0.025, budgetUsd: 0.04, state: 'slowed' });

    const stopped = await xInbox('X stopped', { monthlyBudgetUsd: 0.02 }, spendX);
    await stopped.conn().pollNow();
    expect((await api().get(`/inboxes/${stopped.id}/usage`)).body.data).toMatchObject({
      budgetUsd: 0.02,
      state: 'stopped',
    });
    expect(spendX.reads(`/2/users/${ME.id}/mentions`).length).toBeGreaterThan(0);

    // No budget: the spend is still counted and shown; nothing slows the reads.
    const unlimited = await xInbox('X unlimited', {}, spendX);
    await unlimited.conn().pollNow();
    expect((await api().get(`/inboxes/${unlimited.id}/usage`)).body.data).toEqual({
      month,
      spentUsd: 0.025,
      budgetUsd: null,
      state: 'normal',
    });
  });

  it('is null for a channel that does not pay per read, 404 for no inbox, and admins only', async () => {
    const apiInbox = await api().post('/inboxes', {
      name: 'CRM',
      channel: 'api',
      config: { webhookUrl: 'https://crm.example.test/hook' },
    });
    expect((await api().get(`/inboxes/${apiInbox.body.data.id}/usage`)).body).toEqual({ data: null });
    expect((await api().get('/inboxes/999999/usage')).status).toBe(404);
    const agent = await acme.user('agent');
    const asAgent = await client(t.url, agent.token).get(`/inboxes/${apiInbox.body.data.id}/usage`);
    expect(asAgent.status).toBe(403);
  });
});

describe('a push channel’s callback URL', () => {
  it('is on the inbox, as <PUBLIC_URL>/webhooks/<kind>/<inboxId>; a polled inbox has none', async () => {
    const res = await api().post('/inboxes', {
      name: 'Página Acme',
      channel: 'facebook',
      config: {
        pageId: '1122334455',
        pageAccessToken: 'EAAG-page',
        appSecret: 'app-secret',
        verifyToken: 'v-123',
      },
    });
    expect(res.status).toBe(201);
    const id = res.body.data.id;
    expect(res.body.data.inboundWebhookUrl).toBe(`${t.url}/webhooks/facebook/${id}`);
    expect((await api().get(`/inboxes/${id}`)).body.data.inboundWebhookUrl).toBe(
      `${t.url}/webhooks/facebook/${id}`,
    );
    // The verify token stays sealed like every secret.
    expect(JSON.stringify((await api().get(`/inboxes/${id}`)).body)).not.toContain('v-123');
    // The URL answers Meta's handshake with the token the admin saved.
    const handshake = await fetch(
      `${res.body.data.inboundWebhookUrl}?hub.mode=subscribe&hub.verify_token=v-123&hub.challenge=4711`,
    );
    expect([handshake.status, await handshake.text()]).toEqual([200, '4711']);
    const x1 = (await api().get('/inboxes')).body.data.find(
      (i: { name: string }) => i.name === 'X unlimited',
    );
    expect(x1.inboundWebhookUrl).toBeUndefined();
  });
});
