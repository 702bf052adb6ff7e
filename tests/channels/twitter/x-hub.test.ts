// X through the whole hub: an inbox created over REST, its poller reading an X API v2 stand-in on
// loopback into the hub's real ingest, a hub restart in the middle, and agents' replies leaving through
// the outbox as a threaded public reply and as a DM.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { XConnection } from '#channels/twitter/index.ts';
import {
  client,
  eventually,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';
import { startXApi, type XApi } from '#tests/helpers/x-api.ts';
import { dmEvent, ME, post, user } from './payloads.ts';

const KEYS = { apiKey: 'hub-consumer-key', accessToken: '1460000000000000001-hubAccessToken' };

let t: TestHub;
let x: XApi;
let acme: SeededAccount;
let inboxId: string;
const api = () => client(t.url, acme.adminToken);
const connection = () => t.hub.ctx.channels.get(Number(inboxId))?.connection as XConnection;

beforeAll(async () => {
  [t, x] = await Promise.all([startTestHub(), startXApi(KEYS)]);
  acme = await seedAccount(t);
  const res = await api().post('/inboxes', {
    name: 'X @acme',
    channel: 'twitter',
    config: {
      handle: '@acme',
      bearerToken: 'AAAAAAAAAAAAAAAAAAAAAhub',
      apiKey: KEYS.apiKey,
      apiSecret: 'hub-consumer-secret',
      accessToken: KEYS.accessToken,
      accessSecret: 'hub-access-secret',
      apiBaseUrl: x.url,
    },
  });
  expect(res.status).toBe(201);
  expect(res.body.data.health).toBe('ready');
  inboxId = res.body.data.id;
});
afterAll(async () => {
  await t?.destroy();
  await x?.close();
});

async function conversations(): Promise<{ id: string; contact?: { name: string } }[]> {
  return (await api().get(`/conversations?inboxId=${inboxId}&limit=200`)).body.data;
}
async function messages(
  conversationId: string,
): Promise<{ externalId: string; text: string; status: string; direction: string }[]> {
  return (await api().get(`/conversations/${conversationId}/messages`)).body.data;
}
/** Every stored customer message's external id, by conversation (the protocol's greeting left out). */
async function stored(): Promise<Map<string, string[]>> {
  const all = new Map<string, string[]>();
  for (const c of await conversations()) {
    const inbound = (await messages(c.id)).filter((m) => m.direction === 'in');
    all.set(
      c.id,
      inbound.map((m) => m.externalId),
    );
  }
  return all;
}
const conversationOf = async (externalId: string) =>
  [...(await stored()).entries()].find(([, ids]) => ids.includes(externalId))?.[0];

const ana = user('2244994945', 'ana_perez', 48_200, true);
const carla = user('99120', 'carla', 310);
const m1 = post(ana, '@acme no tengo internet desde ayer');
const m2 = post(ana, '@acme ¿me responden?', { conversationId: m1.id });
const m3 = post(ana, '@acme sigo esperando', { conversationId: m1.id });
const d1 = dmEvent(carla, 'hola, quiero cambiar mi plan');
const d2 = dmEvent(carla, 'el de 50 GB');

describe('X inbox', () => {
  it('polls mentions and DMs across a hub restart with no gap and no duplicate', async () => {
    x.mention(m1, ana);
    x.dm(d1, carla);
    await connection().pollNow();
    expect(await conversationOf(`tweet:${m1.id}`)).toBeDefined();
    expect(await conversationOf(`dm:${d1.id}`)).toBeDefined();

    // Written while the hub is down: read after it is back, once.
    await t.stop();
    x.mention(m2, ana);
    x.dm(d2, carla);
    t = await t.restart();
    await connection().pollNow();
    x.mention(m3, ana);
    await connection().pollNow();
    await connection().pollNow();

    const byConversation = await stored();
    const mention = await conversationOf(`tweet:${m1.id}`);
    const dm = await conversationOf(`dm:${d1.id}`);
    expect(byConversation.get(mention!)).toEqual([`tweet:${m1.id}`, `tweet:${m2.id}`, `tweet:${m3.id}`]);
    expect(byConversation.get(dm!)).toEqual([`dm:${d1.id}`, `dm:${d2.id}`]);
    // After the restart the timeline was asked only for what came after the last stored mention.
    const sinceIds = x.reads(`/2/users/${ME.id}/mentions`).map((r) => r.query.get('since_id'));
    expect(sinceIds).toContain(m1.id);
    expect(sinceIds.at(-1)).toBe(m3.id);
  });

  it('sends an agent’s answer to a mention as a public reply to the customer’s latest post', async () => {
    const conversationId = (await conversationOf(`tweet:${m1.id}`))!;
    const res = await api().post(`/conversations/${conversationId}/messages`, {
      text: '@ana_perez ya lo revisamos',
    });
    expect(res.status).toBe(201);
    const sent = await eventually(async () =>
      x.writes().find((w) => w.path === '/2/tweets' && w.json?.text === '@ana_perez ya lo revisamos'),
    );
    expect(sent.json).toEqual({ text: '@ana_perez ya lo revisamos', reply: { in_reply_to_tweet_id: m3.id } });
    const stored = await eventually(async () =>
      (await messages(conversationId)).find(
        (m) => m.text === '@ana_perez ya lo revisamos' && m.status === 'sent',
      ),
    );
    expect(stored.externalId).toMatch(/^tweet:\d+$/);
  });

  it('sends an agent’s answer to a DM conversation as a DM', async () => {
    const conversationId = (await conversationOf(`dm:${d1.id}`))!;
    const res = await api().post(`/conversations/${conversationId}/messages`, {
      text: 'Le ayudamos por aquí',
    });
    expect(res.status).toBe(201);
    const sent = await eventually(async () =>
      x.writes().find((w) => w.json?.text === 'Le ayudamos por aquí'),
    );
    expect(sent.path).toBe(`/2/dm_conversations/${d1.dm_conversation_id}/messages`);
    expect(sent.json).toEqual({ text: 'Le ayudamos por aquí' });
  });

  it('answers a mention privately, as a DM to its author, when the agent asks to', async () => {
    const conversationId = (await conversationOf(`tweet:${m1.id}`))!;
    const res = await api().post(`/conversations/${conversationId}/messages`, {
      text: 'Le escribimos por privado',
      privately: true,
    });
    expect(res.status).toBe(201);
    const sent = await eventually(async () =>
      x.writes().find((w) => w.json?.text === 'Le escribimos por privado'),
    );
    expect(sent.path).toBe(`/2/dm_conversations/with/${ana.id}/messages`);
  });

  it('refuses an over-long public reply before queueing it (422), instead of sending it', async () => {
    const conversationId = (await conversationOf(`tweet:${m1.id}`))!;
    const before = x.writes().length;
    const res = await api().post(`/conversations/${conversationId}/messages`, { text: 'a'.repeat(300) });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('text_too_long');
    expect(res.body.error.message).toContain('280');
    expect(x.writes().length).toBe(before);
  });
});
