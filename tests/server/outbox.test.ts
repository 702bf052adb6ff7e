// The outbox: a reply is delivered through the channel with a signature the receiver can verify,
// temporary failures are retried with backoff, a final failure is shown with its reason and can be
// retried by the agent, a rate limit is honoured, and a private note never leaves the hub.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  eventually,
  incoming,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';
import { startWebhookReceiver } from '#tests/helpers/webhook-receiver.ts';

let t: TestHub;
let acct: SeededAccount;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let inbox: { id: string; token: string; secret: string };
let agentSocket: Socket;
const updates: any[] = [];

beforeAll(async () => {
  // Two retries with a 1 s base delay keep the failure path short without faking any clock.
  t = await startTestHub({ OUTBOX_RETRY_LIMIT: '2' });
  acct = await seedAccount(t);
  receiver = await startWebhookReceiver();
  inbox = await acct.apiInbox(receiver.url);
  agentSocket = connect(`${t.url}/agent`, { auth: { token: acct.adminToken }, transports: ['websocket'] });
  agentSocket.on('message:updated', (e) => updates.push(e.message));
  await new Promise<void>((resolve, reject) => {
    agentSocket.on('connect', () => resolve());
    agentSocket.on('connect_error', reject);
  });
});
afterAll(async () => {
  agentSocket?.close();
  await receiver?.close();
  await t?.destroy();
});

async function newConversation(key: string): Promise<string> {
  const r = await incoming(t.url, inbox, {
    externalId: `in-${key}`,
    contact: { externalId: `c-${key}` },
    text: 'hello',
  });
  return r.body.data.conversation.id;
}

const api = () => client(t.url, acct.adminToken);
const messageOf = async (conversationId: string, id: string) =>
  (await api().get(`/conversations/${conversationId}/messages`)).body.data.find((m: any) => m.id === id);

function verify(secret: string, raw: string, header: string | undefined): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`);
  return (
    header !== undefined &&
    expected.length === header.length &&
    timingSafeEqual(expected, Buffer.from(header))
  );
}

describe('outbox', () => {
  it('delivers a reply to the webhook, signed so the receiver can verify it', async () => {
    const id = await newConversation('ok');
    receiver.always({ status: 200 });
    const reply = await api().post(`/conversations/${id}/messages`, { text: 'Your top-up is done' });
    expect(reply.status).toBe(201);
    expect(reply.body.data.status).toBe('queued');
    const sent = await eventually(async () => {
      const m = await messageOf(id, reply.body.data.id);
      return m.status === 'sent' && m;
    });
    expect(sent.externalId).toBe(`api-out-${reply.body.data.id}`);
    const delivery = receiver.deliveries.find((d) => d.body?.message?.id === reply.body.data.id)!;
    expect(delivery.body.event).toBe('message.created');
    expect(delivery.body.message.text).toBe('Your top-up is done');
    expect(delivery.body.conversation.id).toBe(id);
    expect(verify(inbox.secret, delivery.raw, delivery.headers['x-hub-signature-256'] as string)).toBe(true);
    expect(verify('some-other-secret', delivery.raw, delivery.headers['x-hub-signature-256'] as string)).toBe(
      false,
    );
    // The agent's console hears about the status change live.
    await eventually(async () => updates.find((u) => u.id === reply.body.data.id && u.status === 'sent'));
  });

  it('retries a temporary failure with backoff and delivers once it succeeds', async () => {
    const id = await newConversation('retry');
    receiver.answer({ status: 503 }, { status: 502 });
    receiver.always({ status: 200 });
    const before = receiver.deliveries.length;
    const reply = await api().post(`/conversations/${id}/messages`, { text: 'second try' });
    const sent = await eventually(async () => {
      const m = await messageOf(id, reply.body.data.id);
      return m.status === 'sent' && m;
    }, 30_000);
    expect(sent.error).toBeUndefined();
    const attempts = receiver.deliveries
      .slice(before)
      .filter((d) => d.body?.message?.id === reply.body.data.id);
    expect(attempts).toHaveLength(3);
  });

  it('marks the message failed with the reason when retries run out, and the agent can retry it', async () => {
    const id = await newConversation('fail');
    receiver.always({ status: 500 });
    const reply = await api().post(`/conversations/${id}/messages`, { text: 'doomed' });
    const failed = await eventually(async () => {
      const m = await messageOf(id, reply.body.data.id);
      return m.status === 'failed' && m;
    }, 30_000);
    expect(failed.error).toBe('webhook answered 500');
    const events = await api().get(`/conversations/${id}/events`);
    expect(events.body.data.some((e: any) => e.type === 'message.failed')).toBe(true);
    await eventually(async () => updates.find((u) => u.id === reply.body.data.id && u.status === 'failed'));

    receiver.always({ status: 200 });
    const retried = await api().post(`/conversations/${id}/messages/${reply.body.data.id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body.data.status).toBe('queued');
    await eventually(async () => (await messageOf(id, reply.body.data.id)).status === 'sent');
    const again = await api().post(`/conversations/${id}/messages/${reply.body.data.id}/retry`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('invalid_state');
  });

  it('fails at once, without retrying, when the inbox cannot deliver at all', async () => {
    const noHook = await acct.apiInbox();
    const r = await incoming(t.url, noHook, {
      externalId: 'nh',
      contact: { externalId: 'c-nh' },
      text: 'hi',
    });
    const id = r.body.data.conversation.id;
    const reply = await api().post(`/conversations/${id}/messages`, { text: 'nowhere to go' });
    const failed = await eventually(async () => {
      const m = await messageOf(id, reply.body.data.id);
      return m.status === 'failed' && m;
    });
    expect(failed.error).toMatch(/no webhookUrl/);
  });

  it('waits as long as a 429 asks before trying again', async () => {
    const id = await newConversation('429');
    receiver.answer({ status: 429, headers: { 'retry-after': '2' } });
    receiver.always({ status: 200 });
    const before = receiver.deliveries.length;
    const reply = await api().post(`/conversations/${id}/messages`, { text: 'slow down' });
    await eventually(async () => (await messageOf(id, reply.body.data.id)).status === 'sent', 30_000);
    const attempts = receiver.deliveries
      .slice(before)
      .filter((d) => d.body?.message?.id === reply.body.data.id);
    expect(attempts).toHaveLength(2);
    // Retry-After: 2 — the second attempt must not come sooner (a lower bound, so load cannot break it).
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(1900);
  });

  it('keeps a private note inside the hub', async () => {
    const id = await newConversation('note');
    const before = receiver.deliveries.length;
    const note = await api().post(`/conversations/${id}/messages`, {
      text: 'customer is a VIP',
      private: true,
    });
    expect(note.status).toBe(201);
    expect(note.body.data.private).toBe(true);
    // A public reply sent after the note is delivered; the note never is.
    receiver.always({ status: 200 });
    const reply = await api().post(`/conversations/${id}/messages`, { text: 'public' });
    await eventually(async () => (await messageOf(id, reply.body.data.id)).status === 'sent');
    const texts = receiver.deliveries.slice(before).map((d) => d.body?.message?.text);
    expect(texts).toContain('public');
    expect(texts).not.toContain('customer is a VIP');
  });

  it('stores one reply when the same clientMessageId is sent twice', async () => {
    const id = await newConversation('cmid');
    const body = { text: 'once', clientMessageId: 'agent-tab-1-msg-1' };
    const a = await api().post(`/conversations/${id}/messages`, body);
    const b = await api().post(`/conversations/${id}/messages`, body);
    expect(a.status).toBe(201);
    expect(b.status).toBe(200);
    expect(b.body.data.id).toBe(a.body.data.id);
  });
});

describe('outbox recipient', () => {
  it('answers the identity the customer wrote from, even after their contacts were merged', async () => {
    const first = await incoming(t.url, inbox, {
      externalId: 'rcpt-a',
      contact: { externalId: 'crm-A' },
      text: 'a',
    });
    const second = await incoming(t.url, inbox, {
      externalId: 'rcpt-b',
      contact: { externalId: 'crm-B' },
      text: 'b',
    });
    // Merge B into A: contact A now has both identities, the newer being crm-B.
    await api().post(`/contacts/${first.body.data.conversation.contactId}/merge`, {
      sourceContactId: second.body.data.conversation.contactId,
    });
    receiver.always({ status: 200 });
    const reply = await api().post(`/conversations/${first.body.data.conversation.id}/messages`, {
      text: 'to A',
    });
    await eventually(
      async () => (await messageOf(first.body.data.conversation.id, reply.body.data.id)).status === 'sent',
    );
    const d = receiver.deliveries.find((x) => x.body?.message?.id === reply.body.data.id)!;
    expect(d.body.contact.externalId).toBe('crm-A');
  });
});
