// GET /api/v1/channels: the channel kinds this hub runs, each with its capabilities and its config's JSON
// Schema — what the console's inbox form is generated from. The schema must describe what POST /inboxes
// really accepts: a config shaped by it is saved, one breaking it is refused with the field named.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelRegistry } from '#channels/registry.ts';
import { client, type SeededAccount, seedAccount, startTestHub, type TestHub } from '#tests/helpers/hub.ts';

type Schema = {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  format?: string;
  pattern?: string;
};
type Channel = {
  kind: string;
  label: string;
  inbound: string;
  capabilities: Record<string, boolean | number | undefined>;
  protocol: { family: string | null; automaticRepliesPerHour?: number };
  configSchema: Schema;
  secretFields: string[];
  signingSecret: boolean;
  testConnection: boolean;
  webhook: boolean;
};

let t: TestHub;
let account: SeededAccount;
let channels: Channel[];
const byKind = (kind: string) => channels.find((c) => c.kind === kind)!;

beforeAll(async () => {
  t = await startTestHub();
  account = await seedAccount(t);
  const res = await client(t.url, account.adminToken).get<{ data: Channel[]; nextCursor: null }>('/channels');
  expect(res.status).toBe(200);
  channels = res.body.data;
});
afterAll(async () => {
  await t?.destroy();
});

describe('GET /channels', () => {
  it('lists every kind in the registry, once, with what it can do', () => {
    expect(channels.map((c) => c.kind).sort()).toEqual(Object.keys(channelRegistry).sort());
    expect(byKind('webchat').capabilities).toMatchObject({ attachments: true, typing: true, receipts: true });
    expect(byKind('whatsapp_cloud')).toMatchObject({ webhook: true, signingSecret: false });
    expect(byKind('api')).toMatchObject({ webhook: false, signingSecret: true, testConnection: false });
    // E-mail (DNS, TLS and login, mailbox), the Graph API (the Cloud API's number, Facebook's Page) and X
    // (the account behind the tokens) try settings beyond parsing them.
    expect(
      channels
        .filter((c) => c.testConnection)
        .map((c) => c.kind)
        .sort(),
    ).toEqual(['email', 'facebook', 'twitter', 'whatsapp_cloud']);
  });

  it('says what core and the console decide by: the reply window, templates, mail fields, the live widget', () => {
    expect(byKind('whatsapp_cloud').capabilities).toMatchObject({ templates: true, replyWindowHours: 24 });
    expect(byKind('email').capabilities).toMatchObject({ richEmail: true, templates: false, live: false });
    expect(byKind('webchat')).toMatchObject({
      inbound: 'widget',
      capabilities: { live: true, nativeSurvey: true, richEmail: false },
      protocol: { family: 'chat' },
    });
    expect(byKind('api')).toMatchObject({
      inbound: 'rest',
      protocol: { family: null, automaticRepliesPerHour: 3 },
    });
    expect(byKind('email').protocol).toEqual({ family: 'email', automaticRepliesPerHour: 3 });
    expect(byKind('whatsapp').protocol).toEqual({ family: 'social' });
    for (const c of channels) expect(c.label.length).toBeGreaterThan(0);
  });

  it("gives e-mail's nested IMAP and SMTP settings, which are required, and which are secrets", () => {
    const email = byKind('email');
    const s = email.configSchema;
    expect(s.type).toBe('object');
    expect(s.required).toEqual(expect.arrayContaining(['imap', 'smtp', 'fromAddress']));
    expect(Object.keys(s.properties!.imap.properties!)).toEqual(
      expect.arrayContaining(['host', 'port', 'secure', 'user', 'password', 'mailbox']),
    );
    expect(s.properties!.imap.properties!.port.type).toBe('integer');
    expect(s.properties!.smtp.properties!.secure.type).toBe('boolean');
    expect(s.properties!.imap.required).not.toContain('mailbox');
    expect(s.properties!.fromAddress.format).toBe('email');
    expect([...email.secretFields].sort()).toEqual(['imap.password', 'smtp.password']);
  });

  it("gives the WhatsApp Cloud API's required keys and marks its tokens secret", () => {
    const cloud = byKind('whatsapp_cloud');
    expect([...(cloud.configSchema.required ?? [])].sort()).toEqual(
      ['accessToken', 'appSecret', 'phoneNumberId', 'verifyToken'].sort(),
    );
    expect([...cloud.secretFields].sort()).toEqual(['accessToken', 'appSecret', 'verifyToken']);
    expect(byKind('webchat').configSchema.properties!.color.pattern).toBe('^#[0-9a-fA-F]{6}$');
  });

  it('describes what POST /inboxes accepts: a config by the schema is saved, a broken one refused', async () => {
    const api = client(t.url, account.adminToken);
    expect(byKind('api').configSchema.properties!.webhookUrl).toMatchObject({
      type: 'string',
      format: 'uri',
    });
    const ok = await api.post('/inboxes', {
      name: 'CRM',
      channel: 'api',
      config: { webhookUrl: 'https://crm.example.test/hook' },
    });
    expect(ok.status).toBe(201);
    const bad = await api.post('/inboxes', {
      name: 'Broken',
      channel: 'api',
      config: { webhookUrl: 'not a url' },
    });
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ error: { code: 'invalid_config' } });
    expect((bad.body as { error: { message: string } }).error.message).toContain('webhookUrl');
    const names = (await api.get<{ data: { name: string }[] }>('/inboxes')).body.data.map((i) => i.name);
    expect(names).toContain('CRM');
    expect(names).not.toContain('Broken');
  });

  it('is read by every signed-in user (the composer asks what a channel takes), by nobody else', async () => {
    const agent = await account.user('agent', 'Ana');
    const asAgent = await client(t.url, agent.token).get<{ data: Channel[] }>('/channels');
    expect(asAgent.status).toBe(200);
    expect(asAgent.body.data).toEqual(channels);
    expect((await client(t.url).get('/channels')).status).toBe(401);
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${t.url}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(doc.paths['/api/v1/channels'] ?? {})).toEqual(['get']);
  });
});
