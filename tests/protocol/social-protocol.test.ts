// The social-network protocol over WhatsApp Cloud API (Meta's signed webhooks in, a Graph API stand-in
// out): the hub presents the channel, thanks and asks "reply 1–5" on resolve, takes "5 - great service"
// as the rating on the resolved conversation (which stays resolved), and lets "hola de nuevo" reopen.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRating } from '#server/protocol/survey-reply.ts';
import * as wa from '#tests/channels/whatsapp_cloud/payloads.ts';
import { advanceClock } from '#tests/helpers/clock.ts';
import { type GraphApi, startGraphApi } from '#tests/helpers/graph-api.ts';
import {
  client,
  eventually,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';

const TOKEN = 'EAAG-protocol-token';
const APP_SECRET = 'protocol-app-secret-123';

let t: TestHub;
let graph: GraphApi;
let acme: SeededAccount;
let api: ReturnType<typeof client>;
let inboxId: string;
let customers = 0;

beforeAll(async () => {
  [t, graph] = await Promise.all([
    startTestHub(),
    startGraphApi({ accessToken: TOKEN, phoneNumberId: wa.PHONE_NUMBER_ID }),
  ]);
  acme = await seedAccount(t, 'Entel');
  api = client(t.url, acme.adminToken);
  const res = await api.post('/inboxes', {
    name: 'WhatsApp',
    channel: 'whatsapp_cloud',
    config: {
      phoneNumberId: wa.PHONE_NUMBER_ID,
      accessToken: TOKEN,
      appSecret: APP_SECRET,
      verifyToken: 'verify',
      graphBaseUrl: graph.url,
    },
  });
  expect(res.status).toBe(201);
  inboxId = res.body.data.id;
});
afterAll(async () => {
  await t?.destroy();
  await graph?.close();
});

async function writes(who: wa.Customer, body: string) {
  const m = wa.text(who, body);
  const raw = JSON.stringify(m.payload);
  const res = await fetch(`${t.url}/webhooks/whatsapp_cloud/${inboxId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': wa.signature(APP_SECRET, raw) },
    body: raw,
  });
  expect(res.status).toBe(200);
  return m.id;
}

const sentTo = (who: wa.Customer, part: string) =>
  eventually(async () =>
    graph.messagesSent().find((b) => b.to === who.waId && String(b.text?.body ?? '').includes(part)),
  );

/** A customer's conversation answered by an agent. */
async function served(name: string) {
  const who: wa.Customer = { waId: `5917${String(2000000 + ++customers)}`, name };
  await writes(who, 'Hola, necesito ayuda con mi factura');
  const greeting = await sentTo(who, 'channel for information and requests');
  expect(greeting.text.body).toBe(
    `Hi ${name}! This is the Entel channel for information and requests. Tell us how we can help.`,
  );
  const mine = await eventually(async () => {
    for (const c of (await api.get(`/conversations?inboxId=${inboxId}&limit=200`)).body.data as any[]) {
      const full = (await api.get(`/conversations/${c.id}`)).body.data;
      if (full.contact.name === name) return full;
    }
    return undefined;
  });
  const agent = await acme.user('agent', 'Rosa');
  await api.post(`/conversations/${mine.id}/assign`, { assigneeId: String(agent.user.id) });
  await client(t.url, agent.token).post(`/conversations/${mine.id}/messages`, {
    text: 'Listo, ya está corregida.',
  });
  return { who, id: mine.id as string, agent };
}

/** The same, resolved by the agent, with the farewell and the survey question sent. */
async function servedAndResolved(name: string) {
  const { who, id, agent } = await served(name);
  expect((await api.post(`/conversations/${id}/status`, { status: 'resolved' })).status).toBe(200);
  const survey = await sentTo(who, 'Reply with a number from 1 (poor) to 5 (excellent)');
  expect(survey.text.body).toContain('Thank you for writing to us. Visit the Entel web page too.');
  return { who, id, agent };
}

describe('social protocol over WhatsApp Cloud', () => {
  it('takes "5 - great service" as the rating, keeping the conversation resolved', async () => {
    const { who, id, agent } = await servedAndResolved('Ana Pérez');
    const answer = await writes(who, '5 - great service');
    const rated = await eventually(async () => (await api.get(`/conversations/${id}`)).body.data.rating);
    expect(rated).toMatchObject({ rating: 5, comment: 'great service', agentId: String(agent.user.id) });
    const conv = (await api.get(`/conversations/${id}`)).body.data;
    expect(conv.status).toBe('resolved');
    const msgs = (await api.get(`/conversations/${id}/messages`)).body.data as any[];
    expect(msgs.find((m) => m.externalId === answer)?.text).toBe('5 - great service');
  });

  it('reopens the conversation for "hola de nuevo" instead of taking it as a rating', async () => {
    const { who, id } = await servedAndResolved('Juan Flores');
    const again = await writes(who, 'hola de nuevo');
    await eventually(async () => (await api.get(`/conversations/${id}`)).body.data.status === 'open');
    const conv = (await api.get(`/conversations/${id}`)).body.data;
    expect(conv.rating ?? null).toBeNull();
    const msgs = (await api.get(`/conversations/${id}/messages`)).body.data as any[];
    expect(msgs.some((m) => m.externalId === again)).toBe(true);
  });

  it('reads ratings the way customers write them', () => {
    expect(parseRating('4')).toEqual({ rating: 4, comment: null });
    expect(parseRating('4 estrellas')).toEqual({ rating: 4, comment: null });
    expect(parseRating('٤')).toEqual({ rating: 4, comment: null });
    expect(parseRating('5 - great service')).toEqual({ rating: 5, comment: 'great service' });
    expect(parseRating('3/5, algo lento')).toEqual({ rating: 3, comment: 'algo lento' });
    expect(parseRating('hola de nuevo')).toBeNull();
    expect(parseRating('5 minutes later it failed again')).toBeNull();
    expect(parseRating('10')).toBeNull();
  });

  // Last: it moves the hub's clock a day forward.
  it('follows up on conformity after a silence, and does not close on a customer who answered', async () => {
    const { who, id } = await served('Carlos Vega');
    await advanceClock(t, 30 * 60_000 + 1000);
    await sentTo(who, 'Are you happy with the answer? Can we help you with anything else?');
    await writes(who, 'Sí, todo bien, una consulta más');
    await advanceClock(t, 24 * 3600_000 + 1000);
    // The resolve timer ran and found that the customer wrote: the conversation stays open for the agent.
    await eventually(async () => {
      const rows = (await t.hub.ctx.db.execute(
        sql`select count(*)::int as n from pgboss.job where name = 'timer' and state in ('created', 'retry', 'active')`,
      )) as unknown as { rows?: { n: number }[] } & { n?: number }[];
      const n = rows.rows ? rows.rows[0].n : rows[0].n;
      return n === 0;
    });
    expect((await api.get(`/conversations/${id}`)).body.data.status).toBe('open');
  });
});
