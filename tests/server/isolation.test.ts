// Tenant isolation: two accounts on one hub. Every route of the API is driven with account A's admin
// token against account B's ids; A gets 404 (or, for lists, none of B's data), and B — read back with
// B's own token — is exactly as it was. The route table is checked against the OpenAPI document, so a
// route added later without an isolation case fails here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBody } from '#shared/api.schema.ts';
import { cannedIsolationCases } from '#tests/canned/isolation-cases.ts';
import { channelIsolationCases } from '#tests/console-admin/isolation-cases.ts';
import { contactTimelineIsolationCases } from '#tests/contacts/isolation-cases.ts';
import { readStateIsolationCases } from '#tests/conversations/isolation-cases.ts';
import { directoryIsolationCases } from '#tests/directory/isolation-cases.ts';
import {
  type FollowUpsOfB,
  followUpIsolationCases,
  seedFollowUpsOfB,
} from '#tests/followups/isolation-cases.ts';
import { type FormsOfB, formsIsolationCases, seedFormsOfB } from '#tests/forms/isolation-cases.ts';
import {
  type ApiResponse,
  client,
  eventually,
  incoming,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';
import { labelIsolationCases } from '#tests/labels/isolation-cases.ts';
import { closureIsolationCases } from '#tests/protocol/closure-isolation-cases.ts';
import { protocolIsolationCases } from '#tests/protocol/isolation-cases.ts';
import { type QualityOfB, qualityIsolationCases, seedQualityOfB } from '#tests/quality/isolation-cases.ts';
import { floorIsolationCases } from '#tests/reports/floor-isolation-cases.ts';
import { routingIsolationCases } from '#tests/routing/isolation-cases.ts';
import { type SalesOfB, salesIsolationCases, seedSalesOfB } from '#tests/sales/isolation-cases.ts';
import { salesSettingsIsolationCases } from '#tests/sales/settings-isolation-cases.ts';
import { searchIsolationCases } from '#tests/search/isolation-cases.ts';
import { influenceIsolationCases } from '#tests/social/influence-isolation-cases.ts';
import { mentionsIsolationCases, seedMention } from '#tests/social/mentions-isolation-cases.ts';
import { securityIsolationCases } from './security-isolation-cases.ts';

let t: TestHub;
let A: SeededAccount;
let B: SeededAccount;

/** Ids of everything each account owns, filled in beforeAll. */
const a = { inbox: { id: '', token: '', secret: '' }, conversation: '', contact: '', team: '', user: '' };
const b = {
  inbox: { id: '', token: '', secret: '' },
  conversation: '',
  conversation2: '',
  contact: '',
  contact2: '',
  agent: '',
  team: '',
  failedMessage: '',
  attached: '',
  draft: '',
  mention: '',
};
const AGENT_PASSWORD = 'correct horse battery';

function expectError(res: ApiResponse<any>, status: number, code: string) {
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
  expect(errorBody.safeParse(res.body).success).toBe(true);
}

async function upload(token: string, text: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([text], { type: 'text/plain' }), 'note.txt');
  const res = await fetch(`${t.url}/api/v1/attachments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const body = (await res.json()) as any;
  expect(res.status, JSON.stringify(body)).toBe(201);
  return body.data.id;
}

async function download(token: string, id: string) {
  const res = await fetch(`${t.url}/api/v1/attachments/${id}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: res.status, text: await res.text() };
}

/** Everything of B's that A could have touched, as B sees it. */
async function snapshotB() {
  const api = client(t.url, B.adminToken);
  const get = async (path: string) => {
    const res = await api.get(path);
    expect(res.status, `B reading ${path}`).toBe(200);
    return res.body;
  };
  return {
    conversations: await get('/conversations'),
    conversation: await get(`/conversations/${b.conversation}`),
    conversation2: await get(`/conversations/${b.conversation2}`),
    messages: await get(`/conversations/${b.conversation}/messages`),
    events: await get(`/conversations/${b.conversation}/events`),
    contacts: await get('/contacts'),
    contact: await get(`/contacts/${b.contact}`),
    contact2: await get(`/contacts/${b.contact2}`),
    inboxes: await get('/inboxes'),
    inbox: await get(`/inboxes/${b.inbox.id}`),
    users: await get('/users'),
    agent: await get(`/users/${b.agent}`),
    admin: await get(`/users/${B.admin.id}`),
    teams: await get('/teams'),
    attached: await download(B.adminToken, b.attached),
    draft: await download(B.adminToken, b.draft),
  };
}
let before: Awaited<ReturnType<typeof snapshotB>>;
let salesOfB: SalesOfB;
let formsOfB: FormsOfB;
let qualityOfB: QualityOfB;
let followUpsOfB: FollowUpsOfB;

beforeAll(async () => {
  t = await startTestHub();
  A = await seedAccount(t, 'Account A');
  B = await seedAccount(t, 'Account B');
  const apiA = client(t.url, A.adminToken);
  const apiB = client(t.url, B.adminToken);

  a.inbox = await A.apiInbox();
  a.user = String((await A.user('agent', 'A agent')).user.id);
  a.team = (await apiA.post('/teams', { name: 'A team', memberIds: [a.user] })).body.data.id;
  // The same customer id in both accounts: contacts are per account, never shared.
  const inA = await incoming(t.url, a.inbox, {
    externalId: 'a-1',
    contact: { externalId: 'same-customer', name: 'Ann of A' },
    text: 'hello A',
  });
  a.conversation = inA.body.data.conversation.id;
  a.contact = inA.body.data.conversation.contactId;

  b.inbox = await B.apiInbox();
  const agent = await B.user('agent', 'B agent');
  b.agent = String(agent.user.id);
  b.team = (await apiB.post('/teams', { name: 'B team', memberIds: [b.agent] })).body.data.id;
  const inB = await incoming(t.url, b.inbox, {
    externalId: 'b-1',
    contact: { externalId: 'same-customer', name: 'Bea of B' },
    text: 'hello B',
  });
  b.conversation = inB.body.data.conversation.id;
  b.contact = inB.body.data.conversation.contactId;
  const inB2 = await incoming(t.url, b.inbox, {
    externalId: 'b-2',
    contact: { externalId: 'other-customer', name: 'Bob of B' },
    text: 'second',
  });
  b.conversation2 = inB2.body.data.conversation.id;
  b.contact2 = inB2.body.data.conversation.contactId;
  b.mention = await seedMention(t, B.accountId, b.conversation2);
  salesOfB = await seedSalesOfB(t, B);
  formsOfB = await seedFormsOfB(t, B, b.conversation);
  qualityOfB = await seedQualityOfB(t, B, b.conversation2);
  followUpsOfB = await seedFollowUpsOfB(t, B, b.conversation2);
  expect(b.contact).not.toBe(a.contact);

  await apiB.post(`/conversations/${b.conversation}/assign`, { assigneeId: b.agent, teamId: b.team });
  b.attached = await upload(B.adminToken, 'B attached file');
  b.draft = await upload(B.adminToken, 'B draft file');
  const note = await apiB.post(`/conversations/${b.conversation}/messages`, {
    text: 'note with file',
    private: true,
    attachmentIds: [b.attached],
  });
  expect(note.status).toBe(201);
  // The B inbox has no webhookUrl, so a public reply ends as failed: something A could try to retry.
  const reply = await apiB.post(`/conversations/${b.conversation}/messages`, { text: 'reply of B' });
  b.failedMessage = reply.body.data.id;
  before = await eventually(async () => {
    const snap = await snapshotB();
    const failed = snap.messages.data.find((m: any) => m.id === b.failedMessage)?.status === 'failed';
    return failed && snap.inbox.data.health === 'ready' ? snap : null;
  });
});
afterAll(() => t?.destroy());

type Probe = { method: 'GET' | 'POST' | 'PATCH'; path: string; body?: unknown };
type Case = { route: string; run: () => Promise<void> };

/** A's admin gets 404 not_found for each probe. */
const notFoundFor = (probes: () => Probe[]) => async () => {
  const apiA = client(t.url, A.adminToken);
  for (const p of probes()) {
    const res = await apiA.raw<any>(p.method, p.path, p.method === 'GET' ? undefined : (p.body ?? {}));
    expect.soft(res.status, `${p.method} ${p.path} ${JSON.stringify(res.body)}`).toBe(404);
    expect.soft(res.body?.error?.code, `${p.method} ${p.path}`).toBe('not_found');
  }
};

/** A's admin lists; the list carries A's own item and nothing of B's. */
const listWithoutB =
  (path: string, own: () => string, foreign: () => string[], markers: () => string[] = () => []) =>
  async () => {
    const res = await client(t.url, A.adminToken).get(path);
    expect(res.status).toBe(200);
    const ids = res.body.data.map((x: any) => x.id);
    expect(ids).toContain(own());
    for (const id of foreign()) expect(ids).not.toContain(id);
    const text = JSON.stringify(res.body);
    for (const m of markers()) expect(text).not.toContain(m);
  };

const cases: Case[] = [
  ...protocolIsolationCases(() => ({ t, A, B, bConversation: b.conversation })),
  ...closureIsolationCases(() => ({ t, A, B, bConversation: b.conversation })),
  ...cannedIsolationCases(() => ({ t, A, B, bTeam: b.team })),
  ...labelIsolationCases(() => ({
    t,
    A,
    B,
    aConversation: a.conversation,
    bConversation: b.conversation2,
  })),
  ...channelIsolationCases(() => ({ t, A, B, bInbox: b.inbox })),
  ...directoryIsolationCases(() => ({ t, A, B, bAgent: b.agent, bTeam: b.team })),
  ...readStateIsolationCases(() => ({ t, A, bConversation: b.conversation })),
  ...contactTimelineIsolationCases(() => ({
    t,
    A,
    aContact: a.contact,
    bContact: b.contact,
    bConversation: b.conversation,
  })),
  ...searchIsolationCases(() => ({
    t,
    A,
    aConversation: a.conversation,
    aContact: a.contact,
    bConversations: [b.conversation, b.conversation2],
  })),
  ...securityIsolationCases(() => ({ t, A, B, password: AGENT_PASSWORD })),
  ...influenceIsolationCases(() => ({ t, A, B })),
  ...salesIsolationCases(() => ({ t, A, B, b: salesOfB })),
  ...salesSettingsIsolationCases(() => ({ t, A, B, b: salesOfB })),
  ...qualityIsolationCases(() => ({ t, A, B, q: qualityOfB })),
  ...followUpIsolationCases(() => ({ t, A, B, b: followUpsOfB })),
  ...formsIsolationCases(() => ({
    t,
    A,
    B,
    b: formsOfB,
    aConversation: a.conversation,
    bConversation: b.conversation,
    bContact: b.contact,
  })),
  ...mentionsIsolationCases(() => ({ t, A, B, bItem: b.mention })),
  ...floorIsolationCases(() => ({ t, A, aTeam: a.team, bAgent: b.agent, bTeam: b.team })),
  ...routingIsolationCases(() => ({
    t,
    A,
    B,
    bConversation: b.conversation,
    bAgent: b.agent,
    bTeam: b.team,
  })),
  {
    route: 'POST /auth/login',
    run: async () => {
      // A token from logging in as A's admin reaches A's data and none of B's.
      const login = await client(t.url).post('/auth/login', {
        email: A.admin.email,
        password: AGENT_PASSWORD,
      });
      expect(login.status).toBe(200);
      const api = client(t.url, login.body.token);
      expect((await api.get(`/conversations/${a.conversation}`)).status).toBe(200);
      expectError(await api.get(`/conversations/${b.conversation}`), 404, 'not_found');
    },
  },
  {
    route: 'GET /me',
    run: async () => {
      const me = await client(t.url, A.adminToken).get('/me');
      expect(me.body.data).toMatchObject({ id: String(A.admin.id), accountId: String(A.accountId) });
    },
  },
  {
    route: 'GET /conversations',
    run: async () => {
      await listWithoutB(
        '/conversations',
        () => a.conversation,
        () => [b.conversation, b.conversation2],
      )();
      // Filters naming B's things find nothing instead of B's conversations.
      const apiA = client(t.url, A.adminToken);
      for (const q of [
        `inboxId=${b.inbox.id}`,
        `contactId=${b.contact}`,
        `assigneeId=${b.agent}`,
        `teamId=${b.team}`,
        `id=${b.conversation}`,
      ]) {
        const res = await apiA.get(`/conversations?${q}`);
        expect(res.status).toBe(200);
        expect(res.body.data, q).toEqual([]);
      }
    },
  },
  {
    route: 'GET /conversations/{id}',
    run: notFoundFor(() => [{ method: 'GET', path: `/conversations/${b.conversation}` }]),
  },
  {
    route: 'GET /conversations/{id}/messages',
    run: notFoundFor(() => [
      { method: 'GET', path: `/conversations/${b.conversation}/messages` },
      { method: 'GET', path: `/conversations/${b.conversation}/messages?after=0` },
    ]),
  },
  {
    route: 'POST /conversations/{id}/messages',
    run: notFoundFor(() => [
      { method: 'POST', path: `/conversations/${b.conversation}/messages`, body: { text: 'from A' } },
      {
        method: 'POST',
        path: `/conversations/${b.conversation}/messages`,
        body: { text: 'note from A', private: true },
      },
    ]),
  },
  {
    route: 'POST /conversations/{id}/messages/{messageId}/retry',
    run: notFoundFor(() => [
      { method: 'POST', path: `/conversations/${b.conversation}/messages/${b.failedMessage}/retry` },
      // A's own conversation with B's message id.
      { method: 'POST', path: `/conversations/${a.conversation}/messages/${b.failedMessage}/retry` },
    ]),
  },
  {
    route: 'POST /conversations/{id}/assign',
    run: notFoundFor(() => [
      {
        method: 'POST',
        path: `/conversations/${b.conversation}/assign`,
        body: { assigneeId: String(A.admin.id) },
      },
      { method: 'POST', path: `/conversations/${b.conversation}/assign`, body: { assigneeId: null } },
      { method: 'POST', path: `/conversations/${b.conversation}/assign`, body: { teamId: null } },
    ]),
  },
  {
    route: 'POST /conversations/{id}/status',
    run: notFoundFor(() => [
      { method: 'POST', path: `/conversations/${b.conversation}/status`, body: { status: 'resolved' } },
    ]),
  },
  {
    route: 'POST /conversations/{id}/priority',
    run: notFoundFor(() => [
      { method: 'POST', path: `/conversations/${b.conversation}/priority`, body: { priority: 'urgent' } },
    ]),
  },
  {
    route: 'POST /conversations/{id}/category',
    run: notFoundFor(() => [
      { method: 'POST', path: `/conversations/${b.conversation}/category`, body: { category: 'claim' } },
    ]),
  },
  {
    route: 'GET /conversations/{id}/events',
    run: notFoundFor(() => [{ method: 'GET', path: `/conversations/${b.conversation}/events` }]),
  },
  {
    route: 'GET /contacts',
    run: async () => {
      await listWithoutB(
        '/contacts',
        () => a.contact,
        () => [b.contact, b.contact2],
        () => ['Bea of B', 'Bob of B'],
      )();
      const apiA = client(t.url, A.adminToken);
      // The customer id both accounts share finds only A's contact.
      const shared = await apiA.get('/contacts?q=same-customer');
      expect(shared.body.data.map((c: any) => c.id)).toEqual([a.contact]);
      expect((await apiA.get('/contacts?q=Bob')).body.data).toEqual([]);
    },
  },
  {
    route: 'GET /contacts/{id}',
    run: notFoundFor(() => [{ method: 'GET', path: `/contacts/${b.contact}` }]),
  },
  {
    route: 'PATCH /contacts/{id}',
    run: notFoundFor(() => [
      { method: 'PATCH', path: `/contacts/${b.contact}`, body: { name: 'hijacked', attributes: { x: 1 } } },
    ]),
  },
  {
    route: 'POST /contacts/{id}/merge',
    run: notFoundFor(() => [
      // B's contacts into each other, B's contact into A's, and A's contact into B's.
      { method: 'POST', path: `/contacts/${b.contact}/merge`, body: { sourceContactId: b.contact2 } },
      { method: 'POST', path: `/contacts/${a.contact}/merge`, body: { sourceContactId: b.contact } },
      { method: 'POST', path: `/contacts/${b.contact}/merge`, body: { sourceContactId: a.contact } },
    ]),
  },
  {
    route: 'GET /inboxes',
    run: listWithoutB(
      '/inboxes',
      () => a.inbox.id,
      () => [b.inbox.id],
      () => [b.inbox.token],
    ),
  },
  {
    route: 'POST /inboxes',
    run: async () => {
      const apiA = client(t.url, A.adminToken);
      expectError(
        await apiA.post('/inboxes', { name: 'A inbox on B team', channel: 'api', teamId: b.team }),
        400,
        'bad_request',
      );
      const list = await apiA.get('/inboxes');
      expect(list.body.data.map((i: any) => i.name)).not.toContain('A inbox on B team');
    },
  },
  {
    route: 'POST /inboxes/test-connection',
    // A's admin cannot borrow the saved secrets of B's inbox to test a config.
    run: notFoundFor(() => [
      {
        method: 'POST',
        path: '/inboxes/test-connection',
        body: { channel: 'api', config: {}, inboxId: b.inbox.id },
      },
    ]),
  },
  {
    route: 'GET /inboxes/{id}',
    run: notFoundFor(() => [{ method: 'GET', path: `/inboxes/${b.inbox.id}` }]),
  },
  {
    route: 'PATCH /inboxes/{id}',
    run: async () => {
      await notFoundFor(() => [
        {
          method: 'PATCH',
          path: `/inboxes/${b.inbox.id}`,
          body: { name: 'hijacked', config: { webhookUrl: 'https://evil.example/hook' } },
        },
      ])();
      // A's own inbox cannot be routed to B's team.
      const apiA = client(t.url, A.adminToken);
      expectError(await apiA.patch(`/inboxes/${a.inbox.id}`, { teamId: b.team }), 400, 'bad_request');
      expect((await apiA.get(`/inboxes/${a.inbox.id}`)).body.data.teamId).toBeNull();
    },
  },
  {
    route: 'POST /inboxes/{id}/incoming',
    run: async () => {
      const apiA = client(t.url, A.adminToken);
      const aBefore = (await apiA.get('/conversations')).body.data.length;
      const body = {
        externalId: 'forged-1',
        contact: { externalId: 'forger' },
        text: 'forged into B',
      };
      // A's inbox token does not open B's inbox, and neither does A's admin token.
      const withInboxToken = await incoming(t.url, { id: b.inbox.id, token: a.inbox.token }, body);
      expectError(withInboxToken, 401, 'unauthenticated');
      const withBearer = await apiA.post(`/inboxes/${b.inbox.id}/incoming`, body);
      expectError(withBearer, 401, 'unauthenticated');
      // Nothing was stored in A either.
      expect((await apiA.get('/conversations')).body.data.length).toBe(aBefore);
      expect((await apiA.get('/contacts?q=forger')).body.data).toEqual([]);
    },
  },
  {
    route: 'GET /users',
    run: listWithoutB(
      '/users',
      () => String(A.admin.id),
      () => [String(B.admin.id), b.agent],
      () => [B.admin.email, 'B agent'],
    ),
  },
  {
    route: 'POST /users',
    run: async () => {
      // A new user of A's belongs to A, whatever the body says.
      const created = await client(t.url, A.adminToken).post('/users', {
        name: 'A newcomer',
        email: 'newcomer-a@example.test',
        password: 'long enough password',
        role: 'agent',
        accountId: String(B.accountId),
      });
      expect(created.status).toBe(201);
      expect(created.body.data.accountId).toBe(String(A.accountId));
    },
  },
  {
    route: 'GET /users/{id}',
    run: notFoundFor(() => [
      { method: 'GET', path: `/users/${b.agent}` },
      { method: 'GET', path: `/users/${B.admin.id}` },
    ]),
  },
  {
    route: 'PATCH /users/{id}',
    run: async () => {
      await notFoundFor(() => [
        {
          method: 'PATCH',
          path: `/users/${b.agent}`,
          body: { role: 'admin', password: 'hijacked-password' },
        },
        { method: 'PATCH', path: `/users/${B.admin.id}`, body: { disabled: true } },
      ])();
      // B's agent still logs in with their own password, not with the one A tried to set.
      const agentEmail = before.agent.data.email;
      const anon = client(t.url);
      expect((await anon.post('/auth/login', { email: agentEmail, password: AGENT_PASSWORD })).status).toBe(
        200,
      );
      expectError(
        await anon.post('/auth/login', { email: agentEmail, password: 'hijacked-password' }),
        401,
        'invalid_credentials',
      );
    },
  },
  {
    route: 'GET /teams',
    run: listWithoutB(
      '/teams',
      () => a.team,
      () => [b.team],
      () => ['B team'],
    ),
  },
  {
    route: 'POST /teams',
    run: async () => {
      const apiA = client(t.url, A.adminToken);
      expectError(
        await apiA.post('/teams', { name: 'A team with B agent', memberIds: [b.agent] }),
        400,
        'bad_request',
      );
      const teams = await apiA.get('/teams');
      expect(teams.body.data.map((x: any) => x.name)).not.toContain('A team with B agent');
    },
  },
  {
    route: 'PATCH /teams/{id}',
    run: async () => {
      await notFoundFor(() => [
        { method: 'PATCH', path: `/teams/${b.team}`, body: { name: 'hijacked', memberIds: [a.user] } },
      ])();
      // A's own team cannot take in B's agent.
      const apiA = client(t.url, A.adminToken);
      expectError(await apiA.patch(`/teams/${a.team}`, { memberIds: [a.user, b.agent] }), 400, 'bad_request');
      const team = (await apiA.get('/teams')).body.data.find((x: any) => x.id === a.team);
      expect(team.memberIds).toEqual([a.user]);
    },
  },
  {
    route: 'POST /attachments',
    run: async () => {
      // A's upload is A's: B cannot fetch it.
      const id = await upload(A.adminToken, 'A private file');
      expect((await download(A.adminToken, id)).status).toBe(200);
      expect((await download(B.adminToken, id)).status).toBe(404);
    },
  },
  {
    route: 'GET /attachments/{id}',
    run: async () => {
      await notFoundFor(() => [
        { method: 'GET', path: `/attachments/${b.attached}` },
        { method: 'GET', path: `/attachments/${b.draft}` },
      ])();
      // Nor can A send B's draft file in a reply of A's.
      const apiA = client(t.url, A.adminToken);
      const count = (await apiA.get(`/conversations/${a.conversation}/messages`)).body.data.length;
      expectError(
        await apiA.post(`/conversations/${a.conversation}/messages`, {
          text: 'stolen file',
          attachmentIds: [b.draft],
        }),
        400,
        'bad_request',
      );
      expect((await apiA.get(`/conversations/${a.conversation}/messages`)).body.data).toHaveLength(count);
    },
  },
  // Ratings are the account's own; the widget routes go by inbox and visitor token, never by A's login.
  {
    route: 'GET /ratings',
    run: async () => {
      const res = await client(t.url, A.adminToken).get(`/ratings?agentId=${b.agent}`);
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual([]);
    },
  },
  {
    route: 'GET /widget/config',
    run: async () => {
      // B's API inbox token names no web-chat inbox.
      expectError(
        await client(t.url, A.adminToken).get(`/widget/config?inbox=${b.inbox.token}`),
        404,
        'not_found',
      );
    },
  },
  {
    route: 'POST /widget/attachments',
    run: async () => {
      const form = new FormData();
      form.append('file', new Blob(['x'], { type: 'text/plain' }), 'x.txt');
      const res = await fetch(`${t.url}/api/v1/widget/attachments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${A.adminToken}`, 'x-inbox-token': b.inbox.token },
        body: form,
      });
      expect(res.status).toBe(401);
    },
  },
  {
    route: 'GET /widget/attachments/{id}',
    run: async () => {
      const res = await fetch(`${t.url}/api/v1/widget/attachments/${b.attached}`, {
        headers: { authorization: `Bearer ${A.adminToken}`, 'x-inbox-token': b.inbox.token },
      });
      expect(res.status).toBe(401);
    },
  },
  {
    route: 'POST /widget/offline',
    run: async () => {
      const res = await client(t.url, A.adminToken).post(
        '/widget/offline',
        { name: 'A', email: 'a@example.test', message: 'into B?' },
        { 'x-inbox-token': b.inbox.token },
      );
      expectError(res, 401, 'unauthenticated');
    },
  },
];

describe('isolation between accounts', () => {
  it('has an isolation case for every route of the API', async () => {
    const doc = (await (await fetch(`${t.url}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/^\/api\/v1/, '')}`),
    );
    expect(routes.length).toBeGreaterThan(20);
    expect(cases.map((c) => c.route).sort()).toEqual(routes.sort());
  });

  it('shows B its own data intact before A tries anything', () => {
    expect(before.conversations.data.map((c: any) => c.id).sort()).toEqual(
      [b.conversation, b.conversation2].sort(),
    );
    expect(before.conversation.data).toMatchObject({ assigneeId: b.agent, teamId: b.team, status: 'open' });
    expect(before.attached).toEqual({ status: 200, text: 'B attached file' });
    expect(before.draft).toEqual({ status: 200, text: 'B draft file' });
  });

  it.each(cases)("$route: A's admin cannot reach or change B's data", async ({ run }) => {
    await run();
    expect(await snapshotB()).toEqual(before);
  });

  it("refuses to assign A's conversation to B's user or B's team", async () => {
    const apiA = client(t.url, A.adminToken);
    expectError(
      await apiA.post(`/conversations/${a.conversation}/assign`, { assigneeId: b.agent }),
      400,
      'bad_request',
    );
    expectError(
      await apiA.post(`/conversations/${a.conversation}/assign`, { teamId: b.team }),
      400,
      'bad_request',
    );
    expectError(
      await apiA.post(`/conversations/${a.conversation}/assign`, { assigneeId: a.user, teamId: b.team }),
      400,
      'bad_request',
    );
    const conversation = (await apiA.get(`/conversations/${a.conversation}`)).body.data;
    expect(conversation).toMatchObject({ assigneeId: null, teamId: null });
    const events = (await apiA.get(`/conversations/${a.conversation}/events`)).body.data;
    expect(events.map((e: any) => e.type)).not.toContain('conversation.assigned');
    // B's agent's console would not see it either.
    const bAgentToken = await client(t.url).post('/auth/login', {
      email: before.agent.data.email,
      password: AGENT_PASSWORD,
    });
    const seen = await client(t.url, bAgentToken.body.token).get('/conversations');
    expect(seen.body.data.map((c: any) => c.id)).not.toContain(a.conversation);
    expect(await snapshotB()).toEqual(before);
  });
});
