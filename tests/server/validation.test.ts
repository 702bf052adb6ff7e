// Bad input gets a 4xx with a code a client can act on, in the one error shape {error:{code,message}} —
// never a 500, and never a half-done change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelRegistry } from '#channels/registry.ts';
import { errorBody } from '#shared/api.schema.ts';
import { channelKinds } from '#shared/channels.ts';
import {
  type ApiResponse,
  client,
  incoming,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';

let t: TestHub;
let acct: SeededAccount;
let inbox: { id: string; token: string; secret: string };
let conversationId: string;
let contactId: string;

function expectError(res: ApiResponse<any>, status: number, code: string) {
  expect({ status: res.status, code: res.body?.error?.code }, JSON.stringify(res.body)).toEqual({
    status,
    code,
  });
  expect(errorBody.safeParse(res.body).success).toBe(true);
  expect(res.body.error.message.length).toBeGreaterThan(0);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
}

const api = () => client(t.url, acct.adminToken);

beforeAll(async () => {
  t = await startTestHub();
  acct = await seedAccount(t);
  inbox = await acct.apiInbox();
  const r = await incoming(t.url, inbox, {
    externalId: 'v-1',
    contact: { externalId: 'cust-v', name: 'Vera' },
    text: 'hello',
  });
  conversationId = r.body.data.conversation.id;
  contactId = r.body.data.conversation.contactId;
});
afterAll(() => t?.destroy());

type Bad = [label: string, method: 'POST' | 'PATCH' | 'GET', path: () => string, body: unknown];

describe('request bodies', () => {
  const user = { name: 'Val', email: 'val@example.test', password: 'long enough password', role: 'agent' };
  const bad: Bad[] = [
    ['a user without fields', 'POST', () => '/users', {}],
    ['a user without e-mail', 'POST', () => '/users', { ...user, email: undefined }],
    ['a user with a number for a name', 'POST', () => '/users', { ...user, name: 123 }],
    ['a user with a blank name', 'POST', () => '/users', { ...user, name: '   ' }],
    ['a user with a bad e-mail', 'POST', () => '/users', { ...user, email: 'not-an-email' }],
    ['a user with a short password', 'POST', () => '/users', { ...user, password: 'short' }],
    ['a user with an unknown role', 'POST', () => '/users', { ...user, role: 'boss' }],
    [
      'a user with capacity for an unknown channel',
      'POST',
      () => '/users',
      { ...user, capacity: { fax: 2 } },
    ],
    ['a user with a negative capacity', 'POST', () => '/users', { ...user, capacity: { webchat: -1 } }],
    ['a user patch with a string for disabled', 'PATCH', () => `/users/${acct.admin.id}`, { disabled: 'no' }],
    ['a user patch with an unknown role', 'PATCH', () => `/users/${acct.admin.id}`, { role: 'root' }],
    ['a team without a name', 'POST', () => '/teams', { strategy: 'manual' }],
    ['a team with an unknown strategy', 'POST', () => '/teams', { name: 'T', strategy: 'random' }],
    ['a team with non-numeric member ids', 'POST', () => '/teams', { name: 'T', memberIds: ['abc'] }],
    ['a team with memberIds not a list', 'POST', () => '/teams', { name: 'T', memberIds: '1' }],
    ['an inbox without a name', 'POST', () => '/inboxes', { channel: 'api' }],
    ['an inbox without a channel', 'POST', () => '/inboxes', { name: 'X' }],
    [
      'an inbox with config not an object',
      'POST',
      () => '/inboxes',
      { name: 'X', channel: 'api', config: 'x' },
    ],
    ['an inbox patch with a blank name', 'PATCH', () => `/inboxes/${inbox.id}`, { name: '' }],
    [
      'an inbox patch naming an unknown protocol',
      'PATCH',
      () => `/inboxes/${inbox.id}`,
      { settings: { protocol: 'smoke-signals' } },
    ],
    [
      // An unknown (but well-formed) time zone is a 422 unknown_time_zone: tests/routing/account-hours.test.ts.
      'a team with a time zone that is not a string',
      'POST',
      () => '/teams',
      { name: 'Tz', settings: { businessHours: { timezone: 42, week: [] } } },
    ],
    [
      'a team overflowing after 0 seconds',
      'POST',
      () => '/teams',
      { name: 'Of', settings: { overflow: { afterSeconds: 0, teamId: '1' } } },
    ],
    ['an auxiliary break without a reason', 'POST', () => '/me/presence', { status: 'auxiliary' }],
    ['a presence that does not exist', 'POST', () => '/me/presence', { status: 'sleeping' }],
    [
      'routing settings with a negative threshold',
      'PATCH',
      () => '/routing/settings',
      { unansweredSeconds: -5 },
    ],
    [
      'a routing rule that sets nothing',
      'POST',
      () => '/routing/rules',
      { name: 'r', conditions: {}, actions: {} },
    ],
    ['a transfer to nobody', 'POST', () => `/conversations/${conversationId}/transfer`, { note: 'x' }],
    ['a service-level report without dates', 'GET', () => '/reports/service-level', undefined],
    ['a reply without text or attachment', 'POST', () => `/conversations/${conversationId}/messages`, {}],
    ['a reply of blanks only', 'POST', () => `/conversations/${conversationId}/messages`, { text: '  \n ' }],
    [
      'a reply with a number for text',
      'POST',
      () => `/conversations/${conversationId}/messages`,
      { text: 5 },
    ],
    [
      'a reply with a string for private',
      'POST',
      () => `/conversations/${conversationId}/messages`,
      { text: 'x', private: 'yes' },
    ],
    [
      'a reply with non-numeric attachment ids',
      'POST',
      () => `/conversations/${conversationId}/messages`,
      { text: 'x', attachmentIds: ['a'] },
    ],
    ['an assignment naming nobody', 'POST', () => `/conversations/${conversationId}/assign`, {}],
    [
      'an assignment with a non-numeric user',
      'POST',
      () => `/conversations/${conversationId}/assign`,
      { assigneeId: 'bob' },
    ],
    ['a status missing', 'POST', () => `/conversations/${conversationId}/status`, {}],
    ['an unknown status', 'POST', () => `/conversations/${conversationId}/status`, { status: 'closed' }],
    [
      'snoozed without snoozedUntil',
      'POST',
      () => `/conversations/${conversationId}/status`,
      { status: 'snoozed' },
    ],
    [
      'snoozed until a non-date',
      'POST',
      () => `/conversations/${conversationId}/status`,
      { status: 'snoozed', snoozedUntil: 'tomorrow' },
    ],
    [
      'snoozed until the past',
      'POST',
      () => `/conversations/${conversationId}/status`,
      { status: 'snoozed', snoozedUntil: '2001-01-01T00:00:00Z' },
    ],
    [
      'an unknown priority',
      'POST',
      () => `/conversations/${conversationId}/priority`,
      { priority: 'critical' },
    ],
    ['a contact with a bad e-mail', 'PATCH', () => `/contacts/${contactId}`, { email: 'nope' }],
    ['a contact with attributes not an object', 'PATCH', () => `/contacts/${contactId}`, { attributes: [1] }],
    ['a merge without a source', 'POST', () => `/contacts/${contactId}/merge`, {}],
    ['a login without a password', 'POST', () => '/auth/login', { email: 'someone@example.test' }],
    ['a login with a bad e-mail', 'POST', () => '/auth/login', { email: 'admin', password: 'x' }],
    [
      'a body that is a JSON array',
      'POST',
      () => `/conversations/${conversationId}/messages`,
      [{ text: 'x' }],
    ],
    [
      'an incoming message without externalId',
      'POST',
      () => `/inboxes/${inbox.id}/incoming`,
      { contact: { externalId: 'c' }, text: 'x' },
    ],
    [
      'an incoming message without contact',
      'POST',
      () => `/inboxes/${inbox.id}/incoming`,
      { externalId: 'e', text: 'x' },
    ],
  ];

  it.each(bad)(
    'refuses %s with 400 validation_failed and changes nothing',
    async (_label, method, path, body) => {
      const before = await state();
      const res = await api().raw(method, path(), body, { 'x-inbox-token': inbox.token });
      expectError(res, 400, 'validation_failed');
      expect(await state()).toEqual(before);
    },
  );

  it('names the offending field in the message', async () => {
    const res = await api().post('/users', { ...user, email: 'not-an-email' });
    expect(res.body.error.message).toMatch(/email/);
  });

  it('refuses a second user with the same e-mail, in any case, with 409 email_taken', async () => {
    const first = await api().post('/users', { ...user, email: 'twice@example.test' });
    expect(first.status).toBe(201);
    expectError(await api().post('/users', { ...user, email: 'Twice@Example.TEST' }), 409, 'email_taken');
    const users = (await api().get('/users')).body.data.filter((u: any) => u.email === 'twice@example.test');
    expect(users).toHaveLength(1);
  });

  it('creates one user when the same e-mail is sent many times at once; the others get 409 email_taken', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () => api().post('/users', { ...user, email: 'racer@example.test' })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 201)) expectError(r, 409, 'email_taken');
    const users = (await api().get('/users')).body.data.filter((u: any) => u.email === 'racer@example.test');
    expect(users).toHaveLength(1);
  });

  it('refuses a contact merged into itself with 400', async () => {
    expectError(
      await api().post(`/contacts/${contactId}/merge`, { sourceContactId: contactId }),
      400,
      'bad_request',
    );
    expect((await api().get(`/contacts/${contactId}`)).body.data.name).toBe('Vera');
  });

  it('refuses a team name the account already has with 409', async () => {
    expect((await api().post('/teams', { name: 'Twins' })).status).toBe(201);
    expectError(await api().post('/teams', { name: 'Twins' }), 409, 'conflict');
  });
});

/** What a refused request must not have changed. */
async function state() {
  const get = async (path: string) => (await api().get(path)).body;
  return {
    users: await get('/users'),
    teams: await get('/teams'),
    inboxes: await get('/inboxes'),
    conversation: await get(`/conversations/${conversationId}`),
    messages: await get(`/conversations/${conversationId}/messages`),
  };
}

describe('inbox channels and config', () => {
  it('refuses a channel kind that does not exist with 400 validation_failed', async () => {
    expectError(await api().post('/inboxes', { name: 'Fax', channel: 'fax' }), 400, 'validation_failed');
  });

  // Kinds that have a place in the model but no adapter in channels/registry.ts yet (e-mail, WhatsApp ...).
  const unavailable = channelKinds.filter((k) => !channelRegistry[k]);

  it.each(unavailable)(
    'refuses %s, a kind this hub does not run yet, with 422 channel_unavailable',
    async (channel) => {
      expectError(await api().post('/inboxes', { name: channel, channel }), 422, 'channel_unavailable');
      const inboxes = (await api().get('/inboxes')).body.data;
      expect(inboxes.map((i: any) => i.channel)).not.toContain(channel);
    },
  );

  it.each([
    ['not a URL', 'not a url'],
    ['an ftp URL', 'ftp://example.test/hook'],
    ['a number', 42],
  ])('refuses an api inbox whose webhookUrl is %s with 422 invalid_config', async (_label, webhookUrl) => {
    const name = `bad config ${String(webhookUrl)}`;
    const res = await api().post('/inboxes', { name, channel: 'api', config: { webhookUrl } });
    expectError(res, 422, 'invalid_config');
    expect(res.body.error.message).toMatch(/webhookUrl/);
    expect((await api().get('/inboxes')).body.data.map((i: any) => i.name)).not.toContain(name);
  });

  it('keeps the saved config when a change to it is invalid', async () => {
    const ok = await api().patch(`/inboxes/${inbox.id}`, {
      config: { webhookUrl: 'https://example.test/hook' },
    });
    expect(ok.status).toBe(200);
    expectError(
      await api().patch(`/inboxes/${inbox.id}`, { name: 'renamed', config: { webhookUrl: 'nope' } }),
      422,
      'invalid_config',
    );
    const saved = (await api().get(`/inboxes/${inbox.id}`)).body.data;
    expect(saved).toMatchObject({ name: 'API', config: { webhookUrl: 'https://example.test/hook' } });
  });
});

describe('malformed requests', () => {
  it.each([
    ['POST', '/auth/login'],
    ['POST', '/users'],
    ['PATCH', '/inboxes/1'],
    ['POST', '/conversations/1/messages'],
  ] as const)('answers invalid JSON on %s %s with 400 invalid_json', async (method, path) => {
    const res = await api().raw(method, path, '{"text": "unterminated', {
      'content-type': 'application/json',
    });
    expectError(res, 400, 'invalid_json');
  });

  it('answers a JSON body that is not an object or array with 400 invalid_json', async () => {
    const res = await api().raw('POST', '/auth/login', '"just a string"', {
      'content-type': 'application/json',
    });
    expectError(res, 400, 'invalid_json');
  });

  it('answers a body over the limit with 413 payload_too_large', async () => {
    const res = await api().post(`/conversations/${conversationId}/messages`, {
      text: 'x'.repeat(3 * 1024 * 1024),
    });
    expectError(res, 413, 'payload_too_large');
  });

  it.each([
    '/conversations/abc',
    '/conversations/1.5',
    '/conversations/-1',
    '/conversations/1e3',
    '/conversations/0x10',
    '/conversations/1234567890123456',
    '/conversations/abc/messages',
    '/contacts/abc',
    '/inboxes/abc',
    '/users/abc',
    '/attachments/abc',
  ])('answers a non-numeric id in GET %s with 404 not_found', async (path) => {
    expectError(await api().get(path), 404, 'not_found');
  });

  it.each([
    ['POST', '/conversations/abc/status', { status: 'open' }],
    ['POST', `/conversations/1/messages/x/retry`, {}],
    ['PATCH', '/users/me', { name: 'x' }],
    ['PATCH', '/teams/abc', { name: 'x' }],
    ['POST', '/contacts/abc/merge', { sourceContactId: '1' }],
  ] as const)('answers a non-numeric id in %s %s with 404 not_found', async (method, path, body) => {
    expectError(await api().raw(method, path, body), 404, 'not_found');
  });

  it('answers ids that name nothing with 404 not_found', async () => {
    expectError(await api().get('/conversations/999999999'), 404, 'not_found');
    expectError(await api().get('/contacts/999999999'), 404, 'not_found');
    expectError(
      await api().post(`/contacts/${contactId}/merge`, { sourceContactId: '999999999' }),
      404,
      'not_found',
    );
    expectError(
      await api().post(`/conversations/${conversationId}/messages/999999999/retry`),
      404,
      'not_found',
    );
  });

  it.each([
    ['GET', '/api/v1/nothing-here'],
    ['GET', '/api/v1/conversations/1/nothing'],
    ['DELETE', '/api/v1/conversations/1'],
    ['PUT', '/api/v1/users'],
    ['GET', '/api/v2/conversations'],
  ])('answers an unknown API route %s %s with 404 not_found', async (method, path) => {
    const res = await fetch(`${t.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${acct.adminToken}` },
    });
    const body = await res.json();
    expectError({ status: res.status, body, headers: res.headers }, 404, 'not_found');
  });
});

describe('query strings', () => {
  it.each([
    ['a cursor this API never gave out', '/conversations?cursor=garbage'],
    ['a cursor of valid base64 but no list', `/conversations?cursor=${b64('{"a":1}')}`],
    ['a cursor with a bad date', `/conversations?cursor=${b64('["yesterday",5]')}`],
    ['a cursor with a non-integer id', `/conversations?cursor=${b64('["2024-01-01T00:00:00.000Z",1.5]')}`],
    ['a contacts cursor that is not an id', '/contacts?cursor=garbage'],
    ['a limit of 0', '/conversations?limit=0'],
    ['a limit over the maximum', '/conversations?limit=100000'],
    ['a limit that is not a number', '/conversations?limit=ten'],
    ['an unknown status filter', '/conversations?status=closed'],
    ['a non-numeric inbox filter', '/conversations?inboxId=web'],
    ['an assignee filter that is neither an id, me nor none', '/conversations?assigneeId=bob'],
    ['a status filter given twice', '/conversations?status=open&status=resolved'],
    ['a non-numeric after', `/conversations/${'{id}'}/messages?after=abc`],
    ['a negative message limit', `/conversations/${'{id}'}/messages?limit=-1`],
    ['a contacts limit over the maximum', '/contacts?limit=201'],
  ])('refuses %s with 400', async (_label, path) => {
    const res = await api().get(path.replace('{id}', conversationId));
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(['validation_failed', 'bad_request']).toContain(res.body.error.code);
    expect(errorBody.safeParse(res.body).success).toBe(true);
  });
});

function b64(s: string): string {
  return Buffer.from(s).toString('base64url');
}
