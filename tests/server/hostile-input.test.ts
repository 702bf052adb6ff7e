// Input PostgreSQL cannot store or a client sent by mistake is the client's error, not the hub's (issue 14,
// point 9): a NUL character or a lone UTF-16 surrogate anywhere in a body, a query or a socket payload, a
// PATCH that changes nothing, a body that is not JSON. Each is a 4xx (or a refused ack / connect) with a
// code, nothing is stored, and the hub keeps answering.
import { createConnection } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createInbox } from '#server/inboxes/save-inbox.ts';
import { errorBody } from '#shared/api.schema.ts';
import * as wa from '#tests/channels/whatsapp_cloud/payloads.ts';
import { startGraphApi } from '#tests/helpers/graph-api.ts';
import {
  type ApiResponse,
  client,
  incoming,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';
import { closeAllVisitors, connectVisitor, webchatInbox } from '#tests/helpers/widget.ts';

let t: TestHub;
let acct: SeededAccount;
let apiInbox: { id: string; token: string; secret: string };
let chat: { id: string; token: string };
let ids: { conversation: string; contact: string; label: string; team: string; rule: string; canned: string };

const NUL = 'a\u0000b';
const HIGH = 'x\ud800y';
const LOW = '\udc00';

function expectError(res: ApiResponse<any>, status: number, code: string) {
  expect({ status: res.status, code: res.body?.error?.code }, JSON.stringify(res.body)).toEqual({
    status,
    code,
  });
  expect(errorBody.safeParse(res.body).success).toBe(true);
}

const admin = () => client(t.url, acct.adminToken);

/** A raw request, for bodies the JSON client would not send. */
async function raw(method: string, path: string, body: string | undefined, contentType?: string) {
  const res = await fetch(`${t.url}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${acct.adminToken}`,
      ...(contentType ? { 'content-type': contentType } : {}),
    },
    body,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

beforeAll(async () => {
  t = await startTestHub();
  acct = await seedAccount(t);
  apiInbox = await acct.apiInbox();
  chat = await webchatInbox(t, acct);
  const r = await incoming(t.url, apiInbox, {
    externalId: 'h-1',
    contact: { externalId: 'cust-h', name: 'Hilda' },
    text: 'hello',
  });
  const api = admin();
  const label = await api.post('/labels', { name: 'Venta', color: '#112233' });
  const team = await api.post('/teams', { name: 'Ventas', strategy: 'manual' });
  const rule = await api.post('/routing/rules', {
    name: 'vip',
    conditions: { keywords: ['vip'] },
    actions: { priority: 'high' },
  });
  const canned = await api.post('/canned-responses', { shortcut: 'hola', title: 'Hola', text: 'Hola!' });
  for (const res of [label, team, rule, canned]) expect(res.status, JSON.stringify(res.body)).toBe(201);
  ids = {
    conversation: r.body.data.conversation.id,
    contact: r.body.data.conversation.contactId,
    label: label.body.data.id,
    team: team.body.data.id,
    rule: rule.body.data.id,
    canned: canned.body.data.id,
  };
});
afterEach(() => closeAllVisitors());
afterAll(() => t?.destroy());

type Probe = [label: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT', path: () => string, body?: unknown];

describe('text PostgreSQL cannot store', () => {
  const probes: Probe[] = [
    ['a label renamed with a NUL', 'PATCH', () => `/labels/${ids.label}`, { name: NUL }],
    ['a label created with a NUL', 'POST', () => '/labels', { name: NUL, color: '#000000' }],
    ['a team named with a NUL', 'POST', () => '/teams', { name: NUL, strategy: 'manual' }],
    ['a team renamed with a NUL', 'PATCH', () => `/teams/${ids.team}`, { name: NUL }],
    ['a user renamed with a NUL', 'PATCH', () => `/users/${acct.admin.id}`, { name: NUL }],
    ['a contact renamed with a NUL', 'PATCH', () => `/contacts/${ids.contact}`, { name: NUL }],
    ['a reply with a NUL', 'POST', () => `/conversations/${ids.conversation}/messages`, { text: NUL }],
    [
      'a transfer note with a NUL',
      'POST',
      () => `/conversations/${ids.conversation}/transfer`,
      {
        teamId: '1',
        note: NUL,
      },
    ],
    ['a canned response with a NUL', 'PATCH', () => `/canned-responses/${ids.canned}`, { text: NUL }],
    ['a routing rule renamed with a NUL', 'PATCH', () => `/routing/rules/${ids.rule}`, { name: NUL }],
    ['an inbox named with a NUL', 'POST', () => '/inboxes', { name: NUL, channel: 'api' }],
    ['a login with a NUL', 'POST', () => '/auth/login', { email: 'a@b.test', password: NUL }],
    ['a search with a NUL', 'GET', () => `/search?q=${encodeURIComponent(NUL)}`],
    ['a contact search with a NUL', 'GET', () => `/contacts?q=${encodeURIComponent(NUL)}`],
    [
      'a NUL in a key of contact attributes',
      'PATCH',
      () => `/contacts/${ids.contact}`,
      {
        attributes: { [NUL]: 'x' },
      },
    ],
    [
      'a lone high surrogate in contact attributes',
      'PATCH',
      () => `/contacts/${ids.contact}`,
      {
        attributes: { segment: HIGH },
      },
    ],
    [
      'a lone low surrogate deep in inbox settings',
      'PATCH',
      () => `/inboxes/${chat.id}`,
      {
        settings: { preChat: { fields: [{ key: 'x', label: LOW, type: 'text' }] } },
      },
    ],
    [
      'a lone surrogate in inbox settings',
      'PATCH',
      () => `/inboxes/${apiInbox.id}`,
      {
        settings: { note: HIGH },
      },
    ],
    [
      'a lone surrogate in a reply',
      'POST',
      () => `/conversations/${ids.conversation}/messages`,
      {
        text: `hi ${LOW}`,
      },
    ],
  ];
  it.each(probes)('%s is a 400 invalid_text', async (_label, method, path, body) => {
    const res = await admin().raw<{ error: { message: string } }>(method, path(), body);
    expectError(res, 400, 'invalid_text');
    expect(res.body.error.message).toMatch(/NUL|surrogate/);
  });

  it('refuses a NUL in the inbound API channel and stores nothing', async () => {
    const before = await admin().get(`/conversations/${ids.conversation}/messages`);
    const res = await incoming(t.url, apiInbox, {
      externalId: 'h-nul',
      contact: { externalId: 'cust-h', name: NUL },
      text: 'hello',
    });
    expectError(res, 400, 'invalid_text');
    const after = await admin().get(`/conversations/${ids.conversation}/messages`);
    expect(after.body.data).toHaveLength(before.body.data.length);
  });

  it('still stores well-formed text from every plane (accents, emoji, CJK)', async () => {
    const name = 'Ñandú 😀 漢字';
    const res = await admin().patch(`/labels/${ids.label}`, { name });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data.name).toBe(name);
  });
});

describe('a PATCH that changes nothing or is not JSON', () => {
  const targets = [
    ['an inbox', () => `/inboxes/${apiInbox.id}`],
    ['a routing rule', () => `/routing/rules/${ids.rule}`],
  ] as const;
  it.each(targets)('%s patched with {} is a 400 validation_failed', async (_what, path) => {
    expectError(await admin().patch(path(), {}), 400, 'validation_failed');
  });
  it.each(targets)('%s patched with only unknown fields is a 400 validation_failed', async (_w, path) => {
    expectError(await admin().patch(path(), { nmae: 'typo' }), 400, 'validation_failed');
  });
  it.each(targets)('%s patched without a body is a 400 validation_failed', async (_what, path) => {
    expectError(await raw('PATCH', path(), undefined), 400, 'validation_failed');
  });
  it.each(targets)('%s patched with a text body is a 415 unsupported_media_type', async (_what, path) => {
    expectError(await raw('PATCH', path(), 'name=x', 'text/plain'), 415, 'unsupported_media_type');
  });
  it.each(targets)('%s patched with broken JSON is a 400 invalid_json', async (_what, path) => {
    expectError(await raw('PATCH', path(), '{"name":', 'application/json'), 400, 'invalid_json');
  });
  it('a body with a __proto__ key is refused', async () => {
    const res = await raw(
      'PATCH',
      `/inboxes/${apiInbox.id}`,
      '{"settings":{"__proto__":{"polluted":true}}}',
      'application/json',
    );
    expectError(res, 400, 'validation_failed');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
  it('a body nested deeper than any real one is refused', async () => {
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const res = await raw('PATCH', `/contacts/${ids.contact}`, `{"attributes":${deep}}`, 'application/json');
    expectError(res, 400, 'validation_failed');
  });
  it('a real change still works', async () => {
    const res = await admin().patch(`/routing/rules/${ids.rule}`, { name: 'vip clients' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data.name).toBe('vip clients');
  });
});

describe('the widget socket', () => {
  it('refuses a NUL in the inbox token at connect with a code, and a good token still connects', async () => {
    const err = await connectVisitor(t, { inboxToken: `${chat.token}\u0000` }).then(
      () => null,
      (e: Error & { data?: { code?: string } }) => e,
    );
    expect(err?.data?.code).toBe('invalid_text');
    const v = await connectVisitor(t, { inboxToken: chat.token });
    expect(v.session.visitorToken).toEqual(expect.any(String));
  });

  it('acks a NUL in clientMessageId or a lone surrogate in text with invalid_text, storing nothing', async () => {
    const v = await connectVisitor(t, { inboxToken: chat.token });
    const nul = await v.emit('message:send', { clientMessageId: NUL, text: 'hola' });
    expect(nul).toMatchObject({ ok: false, error: { code: 'invalid_text' } });
    const sur = await v.emit('message:send', { clientMessageId: 'c-1', text: HIGH });
    expect(sur).toMatchObject({ ok: false, error: { code: 'invalid_text' } });
    const who = await v.emit('identify', { name: NUL });
    expect(who).toMatchObject({ ok: false, error: { code: 'invalid_text' } });
    const ok = await v.emit('message:send', { clientMessageId: 'c-2', text: 'hola' });
    expect(ok).toMatchObject({ ok: true, message: { text: 'hola' } });
    v.close();
    const back = await connectVisitor(t, { inboxToken: chat.token, visitorToken: v.session.visitorToken });
    // The visitor's own messages: the protocol's greeting may have come in meanwhile, at its own pace.
    const mine = back.session.messages.filter((m: { direction: string }) => m.direction === 'in');
    expect(mine.map((m: { text: string }) => m.text)).toEqual(['hola']);
  });
});

describe("a provider's signed webhook", () => {
  it('keeps a message whose text and sender name carry a NUL or a lone surrogate, cleaned', async () => {
    const graph = await startGraphApi({ accessToken: 'acc', phoneNumberId: wa.PHONE_NUMBER_ID });
    try {
      const inbox = await createInbox(t.hub.ctx, acct.accountId, {
        name: 'WhatsApp',
        channel: 'whatsapp_cloud',
        config: {
          phoneNumberId: wa.PHONE_NUMBER_ID,
          accessToken: 'acc',
          appSecret: 'app-secret',
          verifyToken: 'verify',
          graphBaseUrl: graph.url,
        },
        settings: {},
      });
      const deliver = async (name: string, text: string) => {
        const body = JSON.stringify(
          wa.text({ waId: `5989${name.length}${text.length}77`, name }, text).payload,
        );
        return fetch(`${t.url}/webhooks/whatsapp_cloud/${inbox.id}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-hub-signature-256': wa.signature('app-secret', body),
          },
          body,
        });
      };
      expect((await deliver('Nu\u0000l', 'hi\u0000there')).status).toBe(200);
      expect((await deliver('Su\ud800r', 'x\udc00y')).status).toBe(200);
      const list = await admin().get(`/conversations?inboxId=${inbox.id}`);
      const texts = await Promise.all(
        list.body.data.map(async (c: { id: string }) => {
          const m = await admin().get(`/conversations/${c.id}/messages`);
          return m.body.data.find((x: { direction: string }) => x.direction === 'in')?.text;
        }),
      );
      expect(texts.sort()).toEqual(['hithere', 'x\ufffdy']);
    } finally {
      await graph.close();
    }
  });
});

describe('what node refuses before the app', () => {
  it('answers a request line over 16 KB with a 431 in the error shape', async () => {
    const res = await fetch(`${t.url}/api/v1/search?q=${'b'.repeat(20_000)}`, {
      headers: { authorization: `Bearer ${acct.adminToken}` },
    });
    expect(res.status).toBe(431);
    expect(await res.json()).toMatchObject({ error: { code: 'headers_too_large' } });
  });

  it('answers bytes that are not HTTP with a 400 in the error shape', async () => {
    const { port } = new URL(t.url);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = createConnection(Number(port), '127.0.0.1', () => socket.write('HELLO THERE\r\n\r\n'));
      let got = '';
      socket.on('data', (d) => {
        got += d.toString();
      });
      socket.on('end', () => resolve(got));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({
      error: { code: 'bad_request' },
    });
  });
});

it('the hub is still up after all of it', async () => {
  const res = await fetch(`${t.url}/health`);
  expect(res.status).toBe(200);
});
