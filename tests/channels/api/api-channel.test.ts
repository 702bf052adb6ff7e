// The API channel against a real webhook receiver on loopback: the shared contract, plus its own
// promise — inbound over REST with the inbox token, outbound signed with the inbox secret.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiChannel } from '#channels/api/index.ts';
import type { ChannelErrorCode } from '#channels/errors.ts';
import {
  client,
  incoming,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';
import { startWebhookReceiver } from '#tests/helpers/webhook-receiver.ts';
import { type ContractPeer, contractContext, describeChannelContract, outbound } from '../contract.ts';

type Receiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
const peers = new WeakMap<ContractPeer, Receiver>();

describeChannelContract('api', {
  definition: apiChannel,
  secret: 'contract-secret',
  failures: ['TEMPORARY', 'RATE_LIMITED'],
  invalidConfigs: [{ webhookUrl: 'not a url' }, { webhookUrl: 'ftp://example.test/x' }, { webhookUrl: 42 }],
  async startPeer() {
    const r = await startWebhookReceiver();
    const peer: ContractPeer = {
      failNext(kind: ChannelErrorCode) {
        r.answer(
          kind === 'RATE_LIMITED' ? { status: 429, headers: { 'retry-after': '7' } } : { status: 503 },
        );
      },
      async received(messageId) {
        const d = r.deliveries.find((x) => x.body?.message?.id === String(messageId));
        return d ? { text: d.body.message.text } : undefined;
      },
      close: () => r.close(),
    };
    peers.set(peer, r);
    return peer;
  },
  validConfig: (peer) => ({ webhookUrl: peers.get(peer)!.url }),
  async emitInbound(_peer, _conn, _recorded, ctx) {
    // What POST /inboxes/:id/incoming hands the channel, posted twice (the integrator retried).
    const body = { externalId: 'crm-77', contact: { externalId: 'cust-9', name: 'Ana' }, text: 'twice' };
    for (let i = 0; i < 2; i++) await ctx.receive(apiChannel.rest!.toInbound(body, ctx.inbox));
  },
});

describe('api channel specifics', () => {
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
  });
  afterAll(() => receiver.close());

  it('signs the exact body with the inbox secret and names the delivery', async () => {
    const { ctx } = contractContext('api', { webhookUrl: receiver.url }, 's3cret');
    const conn = apiChannel.create(ctx);
    await conn.start();
    const out = outbound('signed');
    await conn.send(out);
    const d = receiver.deliveries.at(-1)!;
    const expected = `sha256=${createHmac('sha256', 's3cret').update(d.raw).digest('hex')}`;
    expect(d.headers['x-hub-signature-256']).toBe(expected);
    expect(d.headers['x-hub-delivery']).toBe(String(out.messageId));
    expect(d.headers['x-hub-event']).toBe('message.created');
    expect(d.body.event).toBe('message.created');
  });

  it('asks for the wait a 429 named', async () => {
    const { ctx } = contractContext('api', { webhookUrl: receiver.url }, 's3cret');
    const conn = apiChannel.create(ctx);
    receiver.answer({ status: 429, headers: { 'retry-after': '7' } });
    const err = await conn.send(outbound('later')).catch((e: unknown) => e);
    expect((err as { retryAfterMs?: number }).retryAfterMs).toBe(7000);
  });

  it('is PERMANENT without a webhookUrl: there is nowhere to retry to', async () => {
    const { ctx } = contractContext('api', {}, 's3cret');
    const err = await apiChannel
      .create(ctx)
      .send(outbound('nowhere'))
      .catch((e: unknown) => e);
    expect((err as { code?: string }).code).toBe('PERMANENT');
  });
});

describe('api channel inbound over REST', () => {
  let t: TestHub;
  let acct: SeededAccount;
  let inbox: { id: string; token: string; secret: string };
  beforeAll(async () => {
    t = await startTestHub();
    acct = await seedAccount(t);
    inbox = await acct.apiInbox();
  });
  afterAll(() => t?.destroy());

  it('refuses a wrong or missing inbox token with 401 and stores nothing', async () => {
    const body = { externalId: 'x1', contact: { externalId: 'c1' }, text: 'hi' };
    const wrong = await client(t.url).post(`/inboxes/${inbox.id}/incoming`, body, {
      'x-inbox-token': 'nope',
    });
    const missing = await client(t.url).post(`/inboxes/${inbox.id}/incoming`, body);
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('unauthenticated');
    expect(missing.status).toBe(401);
    const list = await client(t.url, acct.adminToken).get('/conversations');
    expect(list.body.data).toEqual([]);
  });

  it('threads by threadKey when given, else by the contact', async () => {
    const a = await incoming(t.url, inbox, { externalId: 'k1', contact: { externalId: 'ck' }, text: '1' });
    const b = await incoming(t.url, inbox, { externalId: 'k2', contact: { externalId: 'ck' }, text: '2' });
    const c = await incoming(t.url, inbox, {
      externalId: 'k3',
      contact: { externalId: 'ck' },
      text: '3',
      threadKey: 'ticket-77',
    });
    expect(b.body.data.conversation.id).toBe(a.body.data.conversation.id);
    expect(c.body.data.conversation.id).not.toBe(a.body.data.conversation.id);
    expect(c.body.data.conversation.contactId).toBe(a.body.data.conversation.contactId);
  });
});
