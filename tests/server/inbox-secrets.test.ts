// Inbox configs and secrets: the config (webhook URLs, passwords, tokens) is sealed at rest, an admin
// reads it back through the API, the signing secret is shown once at creation and never again, and a
// saved change restarts the inbox's connection with the new config.
import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboxes } from '#server/db/schema.ts';
import { outboundJson } from '#tests/channels/contract.ts';
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

type Receiver = Awaited<ReturnType<typeof startWebhookReceiver>>;

let t: TestHub;
let acct: SeededAccount;
let first: Receiver;
let second: Receiver;
let created: any;
let firstUrl: string;

const rawRow = async (id: string) => {
  const [row] = await t.hub.ctx.db
    .select()
    .from(inboxes)
    .where(eq(inboxes.id, Number(id)));
  return row;
};
const sign = (secret: string, raw: string) =>
  `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;

beforeAll(async () => {
  t = await startTestHub();
  acct = await seedAccount(t);
  first = await startWebhookReceiver();
  second = await startWebhookReceiver();
  // A path that works as a credential, as many integrators' webhook URLs do.
  firstUrl = `${first.url}/k-7f3a9c-private-path-token`;
  const r = await client(t.url, acct.adminToken).post('/inboxes', {
    name: 'CRM',
    channel: 'api',
    config: { webhookUrl: firstUrl },
  });
  expect(r.status).toBe(201);
  created = r.body.data;
});
afterAll(async () => {
  await first?.close();
  await second?.close();
  await t?.destroy();
});

describe('inbox config at rest', () => {
  it('stores the config encrypted, not as readable or merely encoded text', async () => {
    const row = await rawRow(created.id);
    expect(row.configEncrypted).not.toContain('private-path-token');
    expect(row.configEncrypted).not.toContain('webhookUrl');
    for (const part of row.configEncrypted.split('.')) {
      const decoded = Buffer.from(part, 'base64url').toString('latin1');
      expect(decoded).not.toContain('private-path-token');
      expect(decoded).not.toContain('127.0.0.1');
    }
    expect(row.secretEncrypted).toBeTruthy();
    expect(row.secretEncrypted).not.toContain(created.secret);
    // The same key opens it again: what is stored is the config, sealed.
    expect(t.hub.ctx.sealer.open(row.configEncrypted)).toEqual({ webhookUrl: firstUrl });
  });

  it('seals the same config differently each time it is saved', async () => {
    const a = await client(t.url, acct.adminToken).post('/inboxes', {
      name: 'CRM copy',
      channel: 'api',
      config: { webhookUrl: firstUrl },
    });
    expect(a.status).toBe(201);
    expect((await rawRow(a.body.data.id)).configEncrypted).not.toBe(
      (await rawRow(created.id)).configEncrypted,
    );
  });
});

describe('reading inboxes back', () => {
  it('returns the signing secret only in the creation response', async () => {
    expect(created.secret).toEqual(expect.any(String));
    expect(created.secret.length).toBeGreaterThanOrEqual(32);
    expect(created.config).toEqual({ webhookUrl: firstUrl });

    const api = client(t.url, acct.adminToken);
    const list = await api.get('/inboxes');
    expect(list.status).toBe(200);
    const listed = list.body.data.find((i: any) => i.id === created.id);
    expect(listed).toMatchObject({
      name: 'CRM',
      channel: 'api',
      token: created.token,
      config: { webhookUrl: firstUrl },
    });
    for (const inbox of list.body.data) expect(inbox).not.toHaveProperty('secret');
    expect(JSON.stringify(list.body)).not.toContain(created.secret);

    const one = await api.get(`/inboxes/${created.id}`);
    expect(one.body.data.config).toEqual({ webhookUrl: firstUrl });
    expect(one.body.data).not.toHaveProperty('secret');
  });

  it('shows inbox configs to admins only', async () => {
    const { token } = await acct.user('agent');
    expect((await client(t.url, token).get('/inboxes')).status).toBe(403);
    expect((await client(t.url, token).get(`/inboxes/${created.id}`)).status).toBe(403);
    const stranger = await seedAccount(t, 'Other');
    expect((await client(t.url, stranger.adminToken).get(`/inboxes/${created.id}`)).status).toBe(404);
    const theirs = await client(t.url, stranger.adminToken).get('/inboxes');
    expect(theirs.body.data.map((i: any) => i.id)).not.toContain(created.id);
  });

  it('refuses an invalid config with 422 invalid_config', async () => {
    const r = await client(t.url, acct.adminToken).post('/inboxes', {
      name: 'Broken',
      channel: 'api',
      config: { webhookUrl: 'ftp://files.example.test/in' },
    });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('invalid_config');
  });
});

describe('changing an inbox config', () => {
  it('restarts the inbox so replies go to the new webhookUrl, still signed with the original secret', async () => {
    const ctx = t.hub.ctx;
    const api = client(t.url, acct.adminToken);
    const before = ctx.channels.get(Number(created.id))!;
    expect(before).toBeDefined();

    const patched = await api.patch(`/inboxes/${created.id}`, { config: { webhookUrl: second.url } });
    expect(patched.status).toBe(200);
    expect(patched.body.data.config).toEqual({ webhookUrl: second.url });
    expect(patched.body.data).not.toHaveProperty('secret');
    expect(patched.body.data.token).toBe(created.token);

    const after = ctx.channels.get(Number(created.id))!;
    expect(after.connection).not.toBe(before.connection);
    expect(before.abort.signal.aborted).toBe(true);
    expect(after.abort.signal.aborted).toBe(false);
    expect(ctx.sealer.open((await rawRow(created.id)).configEncrypted)).toEqual({ webhookUrl: second.url });

    // The running connection sends to the new URL.
    const direct = await after.connection.send({
      messageId: 999_001,
      conversationId: 1,
      threadKey: 'probe',
      automatic: false,
      text: 'probe',
      html: null,
      subject: null,
      attachments: [],
      recipient: { externalId: 'probe', name: null, email: null, phone: null },
      threadExternalIds: [],
      json: outboundJson('probe', 'probe', '1'),
      signal: AbortSignal.timeout(10_000),
    });
    expect(direct.externalId).toBe('api-out-999001');
    expect(second.deliveries.map((d) => d.body.message.id)).toEqual(['probe']);

    // And so does an agent's reply through the outbox, with the same token still accepted inbound.
    const conv = await incoming(t.url, created, {
      externalId: 'after-restart-1',
      contact: { externalId: 'cust-restart' },
      text: 'hello again',
    });
    expect(conv.status).toBe(201);
    const reply = await api.post(`/conversations/${conv.body.data.conversation.id}/messages`, {
      text: 'hi!',
    });
    expect(reply.status).toBe(201);
    const delivery = await eventually(async () =>
      second.deliveries.find((d) => d.body?.message?.id === reply.body.data.id),
    );
    expect(delivery.headers['x-hub-signature-256']).toBe(sign(created.secret, delivery.raw));
    expect(first.deliveries).toEqual([]);
    await eventually(async () => {
      const msgs = await api.get(`/conversations/${conv.body.data.conversation.id}/messages`);
      return msgs.body.data.find((m: any) => m.id === reply.body.data.id)?.status === 'sent';
    });
  });

  it('clears an optional config field or setting sent as null (a merge patch), keeping the rest', async () => {
    const api = client(t.url, acct.adminToken);
    const made = await api.post('/inboxes', {
      name: 'Clearable',
      channel: 'api',
      config: { webhookUrl: second.url },
      settings: { greeting: 'Hola', language: 'es' },
    });
    expect(made.status).toBe(201);
    const cleared = await api.patch(`/inboxes/${made.body.data.id}`, {
      config: { webhookUrl: null },
      settings: { greeting: null },
    });
    expect(cleared.status).toBe(200);
    expect(cleared.body.data.config).toEqual({});
    expect(cleared.body.data.settings).toMatchObject({ language: 'es' });
    expect(cleared.body.data.settings).not.toHaveProperty('greeting');
    expect(t.hub.ctx.sealer.open((await rawRow(made.body.data.id)).configEncrypted)).toEqual({});
    // A bad value is still refused with a code.
    const bad = await api.patch(`/inboxes/${made.body.data.id}`, { config: { webhookUrl: 'nope' } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('invalid_config');
  });

  it('keeps the saved config when other fields change, and the running inbox when a config is invalid', async () => {
    const ctx = t.hub.ctx;
    const api = client(t.url, acct.adminToken);
    const renamed = await api.patch(`/inboxes/${created.id}`, { name: 'CRM (prod)' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.data).toMatchObject({ name: 'CRM (prod)', config: { webhookUrl: second.url } });

    const running = ctx.channels.get(Number(created.id))!;
    const bad = await api.patch(`/inboxes/${created.id}`, { config: { webhookUrl: 'not a url' } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('invalid_config');
    expect(ctx.channels.get(Number(created.id))!.connection).toBe(running.connection);
    const read = await api.get(`/inboxes/${created.id}`);
    expect(read.body.data.config).toEqual({ webhookUrl: second.url });
  });

  it('refuses a config change from a non-admin with 403 and changes nothing', async () => {
    const { token } = await acct.user('supervisor');
    const r = await client(t.url, token).patch(`/inboxes/${created.id}`, {
      config: { webhookUrl: first.url },
    });
    expect(r.status).toBe(403);
    const read = await client(t.url, acct.adminToken).get(`/inboxes/${created.id}`);
    expect(read.body.data.config).toEqual({ webhookUrl: second.url });
  });
});

describe('after a restart', () => {
  it('opens the sealed config with the same HUB_SECRET and starts the inbox with it', async () => {
    t = await t.restart();
    const read = await client(t.url, acct.adminToken).get(`/inboxes/${created.id}`);
    expect(read.status).toBe(200);
    expect(read.body.data.config).toEqual({ webhookUrl: second.url });
    expect(t.hub.ctx.channels.get(Number(created.id))).toBeDefined();
  });
});
