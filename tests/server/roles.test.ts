// Roles and authentication: who may administer the account, which conversations each role sees (the rule
// of server/conversations/visibility.ts and realtime/rooms.ts), and how a missing or wrong credential is
// answered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBody } from '#shared/api.schema.ts';
import {
  type ApiResponse,
  client,
  incoming,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';

const PASSWORD = 'correct horse battery';
type Role = 'admin' | 'supervisor' | 'agent' | 'qa' | 'marketing' | 'finance';

let t: TestHub;
let acct: SeededAccount;
let inbox: { id: string; token: string; secret: string };
const tokens = {} as Record<Role | 'other', string>;
const ids = {} as Record<Role | 'other', string>;
const emails = {} as Record<Role | 'other', string>;
let myTeam: string;
let otherTeam: string;
/** Conversation ids by how they relate to the agent. */
const conv = {} as Record<
  | 'pool'
  | 'mine'
  | 'myTeam'
  | 'myTeamOthers'
  | 'mineInOtherTeam'
  | 'others'
  | 'otherTeam'
  | 'otherTeamOthers'
  | 'laterTeam',
  string
>;

function expectError(res: ApiResponse<any>, status: number, code: string) {
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
  expect(errorBody.safeParse(res.body).success).toBe(true);
}

const admin = () => client(t.url, tokens.admin);

/** The visibility rule in words: assigned to the agent, in one of their teams, or unassigned and team-less. */
function agentMaySee(
  c: { assigneeId: string | null; teamId: string | null },
  agentId: string,
  teams: string[],
) {
  if (c.assigneeId === agentId) return true;
  if (c.teamId !== null && teams.includes(c.teamId)) return true;
  return c.assigneeId === null && c.teamId === null;
}

beforeAll(async () => {
  t = await startTestHub();
  acct = await seedAccount(t);
  inbox = await acct.apiInbox();
  tokens.admin = acct.adminToken;
  ids.admin = String(acct.admin.id);
  emails.admin = acct.admin.email;
  for (const role of ['supervisor', 'agent', 'qa', 'marketing', 'finance'] as const) {
    const u = await acct.user(role);
    tokens[role] = u.token;
    ids[role] = String(u.user.id);
    emails[role] = u.user.email;
  }
  const other = await acct.user('agent', 'Other agent');
  tokens.other = other.token;
  ids.other = String(other.user.id);
  emails.other = other.user.email;

  myTeam = (await admin().post('/teams', { name: 'Mine', memberIds: [ids.agent] })).body.data.id;
  otherTeam = (await admin().post('/teams', { name: 'Others', memberIds: [ids.other] })).body.data.id;

  const setups: [keyof typeof conv, { assigneeId?: string; teamId?: string }][] = [
    ['pool', {}],
    ['mine', { assigneeId: ids.agent }],
    ['myTeam', { teamId: myTeam }],
    ['myTeamOthers', { teamId: myTeam, assigneeId: ids.other }],
    ['mineInOtherTeam', { teamId: otherTeam, assigneeId: ids.agent }],
    ['others', { assigneeId: ids.other }],
    ['otherTeam', { teamId: otherTeam }],
    ['otherTeamOthers', { teamId: otherTeam, assigneeId: ids.other }],
    ['laterTeam', {}],
  ];
  for (const [name, assign] of setups) {
    const r = await incoming(t.url, inbox, {
      externalId: `m-${name}`,
      contact: { externalId: `cust-${name}` },
      text: `conversation ${name}`,
    });
    conv[name] = r.body.data.conversation.id;
    if (Object.keys(assign).length) {
      const a = await admin().post(`/conversations/${conv[name]}/assign`, assign);
      expect(a.status).toBe(200);
    }
  }
  // A team nobody is in yet, used to show that joining a team opens its conversations at once.
  const later = (await admin().post('/teams', { name: 'Later' })).body.data.id;
  await admin().post(`/conversations/${conv.laterTeam}/assign`, { teamId: later });
});
afterAll(() => t?.destroy());

describe('administration is for admins', () => {
  const newInbox = { name: 'Sneaky inbox', channel: 'api' };
  const newUser = (role: string) => ({
    name: `made by ${role}`,
    email: `made-by-${role}@example.test`,
    password: 'long enough password',
    role: 'admin',
  });
  const newTeam = (role: string) => ({ name: `team by ${role}` });

  it.each(['supervisor', 'agent', 'qa', 'marketing', 'finance'] as const)(
    '%s cannot create inboxes, users or teams (403 forbidden) and nothing is created',
    async (role) => {
      const api = client(t.url, tokens[role]);
      expectError(await api.post('/inboxes', newInbox), 403, 'forbidden');
      expectError(await api.post('/users', newUser(role)), 403, 'forbidden');
      expectError(await api.post('/teams', newTeam(role)), 403, 'forbidden');
      expectError(await api.patch(`/users/${ids[role]}`, { role: 'admin' }), 403, 'forbidden');
      expectError(await api.patch(`/teams/${myTeam}`, { name: 'renamed' }), 403, 'forbidden');
      expectError(await api.patch(`/inboxes/${inbox.id}`, { name: 'renamed' }), 403, 'forbidden');

      const inboxes = await admin().get('/inboxes');
      expect(inboxes.body.data.map((i: any) => i.name)).not.toContain('Sneaky inbox');
      const users = await admin().get('/users');
      expect(users.body.data.map((u: any) => u.email)).not.toContain(`made-by-${role}@example.test`);
      expect(users.body.data.find((u: any) => u.id === ids[role]).role).toBe(role);
      const teams = await admin().get('/teams');
      expect(teams.body.data.map((x: any) => x.name)).toEqual(['Mine', 'Others', 'Later']);
      expect((await admin().get(`/inboxes/${inbox.id}`)).body.data.name).toBe('API');
    },
  );

  it.each(['agent', 'qa', 'marketing', 'finance'] as const)(
    '%s cannot read the users, teams or inboxes of the account',
    async (role) => {
      const api = client(t.url, tokens[role]);
      expectError(await api.get('/users'), 403, 'forbidden');
      expectError(await api.get(`/users/${ids.admin}`), 403, 'forbidden');
      expectError(await api.get('/teams'), 403, 'forbidden');
      expectError(await api.get('/inboxes'), 403, 'forbidden');
    },
  );

  it('lets a supervisor list users and teams but not inboxes', async () => {
    const api = client(t.url, tokens.supervisor);
    const users = await api.get('/users');
    expect(users.status).toBe(200);
    expect(users.body.data.map((u: any) => u.id).sort()).toEqual(Object.values(ids).sort());
    const one = await api.get(`/users/${ids.agent}`);
    expect(one.body.data).toMatchObject({ id: ids.agent, role: 'agent', teamIds: [myTeam] });
    expect((await api.get('/teams')).body.data.map((x: any) => x.name)).toEqual(['Mine', 'Others', 'Later']);
    expectError(await api.get('/inboxes'), 403, 'forbidden');
  });

  it('lets an admin create a user who can then log in with the given role', async () => {
    const created = await admin().post('/users', {
      name: 'New supervisor',
      email: 'new-supervisor@example.test',
      password: 'long enough password',
      role: 'supervisor',
    });
    expect(created.status).toBe(201);
    const login = await client(t.url).post('/auth/login', {
      email: 'new-supervisor@example.test',
      password: 'long enough password',
    });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ id: created.body.data.id, role: 'supervisor' });
    expect(login.body.user).not.toHaveProperty('passwordHash');
  });

  it('keeps finance out of contacts and lets only admins, supervisors and agents edit them', async () => {
    const contactId = (await admin().get(`/conversations/${conv.pool}`)).body.data.contactId;
    expectError(await client(t.url, tokens.finance).get('/contacts'), 403, 'forbidden');
    expectError(await client(t.url, tokens.finance).get(`/contacts/${contactId}`), 403, 'forbidden');
    for (const role of ['qa', 'marketing'] as const) {
      const api = client(t.url, tokens[role]);
      expect((await api.get(`/contacts/${contactId}`)).status).toBe(200);
      expectError(
        await api.patch(`/contacts/${contactId}`, { name: `renamed by ${role}` }),
        403,
        'forbidden',
      );
    }
    expect((await admin().get(`/contacts/${contactId}`)).body.data.name).toBeNull();
    const edited = await client(t.url, tokens.agent).patch(`/contacts/${contactId}`, {
      name: 'Named by agent',
    });
    expect(edited.status).toBe(200);
    expect((await admin().get(`/contacts/${contactId}`)).body.data.name).toBe('Named by agent');
  });
});

describe('which conversations each role sees', () => {
  it('shows an agent exactly what is assigned to them, their teams, and the unassigned team-less pool', async () => {
    const all = (await admin().get('/conversations')).body.data as any[];
    expect(all).toHaveLength(Object.keys(conv).length);
    const expected = all
      .filter((c) => agentMaySee(c, ids.agent, [myTeam]))
      .map((c) => c.id)
      .sort();
    expect(expected).toEqual(
      [conv.pool, conv.mine, conv.myTeam, conv.myTeamOthers, conv.mineInOtherTeam].sort(),
    );
    const seen = await client(t.url, tokens.agent).get('/conversations');
    expect(seen.body.data.map((c: any) => c.id).sort()).toEqual(expected);
    for (const id of expected) {
      expect((await client(t.url, tokens.agent).get(`/conversations/${id}`)).status).toBe(200);
    }
  });

  it('answers 404 to an agent for every other conversation, and changes nothing', async () => {
    const api = client(t.url, tokens.agent);
    for (const name of ['others', 'otherTeam', 'otherTeamOthers', 'laterTeam'] as const) {
      const id = conv[name];
      const before = (await admin().get(`/conversations/${id}`)).body.data;
      const beforeMessages = (await admin().get(`/conversations/${id}/messages`)).body.data;
      expectError(await api.get(`/conversations/${id}`), 404, 'not_found');
      expectError(await api.get(`/conversations/${id}/messages`), 404, 'not_found');
      expectError(await api.get(`/conversations/${id}/events`), 404, 'not_found');
      expectError(await api.post(`/conversations/${id}/messages`, { text: 'peek' }), 404, 'not_found');
      // Taking a hidden conversation by assigning it to oneself is refused too.
      expectError(await api.post(`/conversations/${id}/assign`, { assigneeId: ids.agent }), 404, 'not_found');
      expectError(await api.post(`/conversations/${id}/status`, { status: 'resolved' }), 404, 'not_found');
      expectError(await api.post(`/conversations/${id}/priority`, { priority: 'urgent' }), 404, 'not_found');
      expect((await admin().get(`/conversations/${id}`)).body.data).toEqual(before);
      expect((await admin().get(`/conversations/${id}/messages`)).body.data).toEqual(beforeMessages);
    }
  });

  it('opens a team’s conversations to an agent the moment they join it, and closes them when they leave', async () => {
    const api = client(t.url, tokens.agent);
    const teams = (await admin().get('/teams')).body.data as any[];
    const later = teams.find((x) => x.name === 'Later');
    expectError(await api.get(`/conversations/${conv.laterTeam}`), 404, 'not_found');
    await admin().patch(`/teams/${later.id}`, { memberIds: [ids.agent] });
    expect((await api.get(`/conversations/${conv.laterTeam}`)).status).toBe(200);
    expect((await api.get('/me')).body.data.teamIds.sort()).toEqual([myTeam, later.id].sort());
    await admin().patch(`/teams/${later.id}`, { memberIds: [] });
    expectError(await api.get(`/conversations/${conv.laterTeam}`), 404, 'not_found');
  });

  it('takes a conversation out of an agent’s sight when it is reassigned away', async () => {
    const r = await incoming(t.url, inbox, {
      externalId: 'm-moved',
      contact: { externalId: 'cust-moved' },
      text: 'moving',
    });
    const id = r.body.data.conversation.id;
    await admin().post(`/conversations/${id}/assign`, { assigneeId: ids.agent });
    const api = client(t.url, tokens.agent);
    expect((await api.get(`/conversations/${id}`)).status).toBe(200);
    await admin().post(`/conversations/${id}/assign`, { assigneeId: ids.other });
    expectError(await api.get(`/conversations/${id}`), 404, 'not_found');
    expect((await api.get('/conversations')).body.data.map((c: any) => c.id)).not.toContain(id);
    expect((await client(t.url, tokens.other).get(`/conversations/${id}`)).status).toBe(200);
    await admin().post(`/conversations/${id}/status`, { status: 'resolved' });
  });

  it.each(['admin', 'supervisor', 'qa'] as const)(
    'shows %s every conversation of the account',
    async (role) => {
      const seen = await client(t.url, tokens[role]).get('/conversations?status=open');
      expect(seen.body.data.map((c: any) => c.id).sort()).toEqual(Object.values(conv).sort());
    },
  );

  it.each(['marketing', 'finance'] as const)('gives %s an empty conversation list and 404s', async (role) => {
    const api = client(t.url, tokens[role]);
    const list = await api.get('/conversations');
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ data: [], nextCursor: null });
    expectError(await api.get(`/conversations/${conv.pool}`), 404, 'not_found');
    expectError(await api.post(`/conversations/${conv.pool}/messages`, { text: 'hi' }), 404, 'not_found');
  });
});

describe('authentication', () => {
  it.each([
    ['no Authorization header', undefined],
    ['an unknown bearer token', 'Bearer hub_not-a-real-token'],
    ['an empty bearer token', 'Bearer '],
    ['another scheme', `Basic ${Buffer.from('a:b').toString('base64')}`],
  ])('answers 401 unauthenticated to %s', async (_label, header) => {
    for (const path of ['/me', '/conversations', '/users', `/conversations/${conv.pool}`]) {
      const res = await client(t.url).raw('GET', path, undefined, header ? { authorization: header } : {});
      expectError(res, 401, 'unauthenticated');
    }
    const reply = await client(t.url).raw(
      'POST',
      `/conversations/${conv.pool}/messages`,
      { text: 'anonymous' },
      header ? { authorization: header } : {},
    );
    expectError(reply, 401, 'unauthenticated');
    const messages = (await admin().get(`/conversations/${conv.pool}/messages`)).body.data;
    expect(messages.map((m: any) => m.text)).not.toContain('anonymous');
  });

  it('accepts a bearer token from the login, whatever the case of the e-mail', async () => {
    const login = await client(t.url).post('/auth/login', {
      email: emails.agent.toUpperCase(),
      password: PASSWORD,
    });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ id: ids.agent, email: emails.agent, role: 'agent' });
    const me = await client(t.url, login.body.token).get('/me');
    expect(me.body.data.id).toBe(ids.agent);
  });

  it('answers a wrong password and an unknown e-mail alike: 401 invalid_credentials', async () => {
    const wrong = await client(t.url).post('/auth/login', {
      email: emails.agent,
      password: 'not the password',
    });
    const unknown = await client(t.url).post('/auth/login', {
      email: 'nobody@example.test',
      password: PASSWORD,
    });
    expectError(wrong, 401, 'invalid_credentials');
    expectError(unknown, 401, 'invalid_credentials');
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
    expect(wrong.body).not.toHaveProperty('token');
  });

  it('returns the caller from GET /me, with their teams', async () => {
    const me = await client(t.url, tokens.agent).get('/me');
    expect(me.status).toBe(200);
    expect(me.body.data).toMatchObject({
      id: ids.agent,
      accountId: String(acct.accountId),
      email: emails.agent,
      role: 'agent',
      disabled: false,
      teamIds: [myTeam],
    });
    expect(me.body.data).not.toHaveProperty('passwordHash');
    const adminMe = await admin().get('/me');
    expect(adminMe.body.data).toMatchObject({ id: ids.admin, role: 'admin', teamIds: [] });
  });

  it('shuts out a disabled user at once: their token and their password stop working', async () => {
    const u = await acct.user('agent', 'Leaver');
    const api = client(t.url, u.token);
    expect((await api.get('/me')).status).toBe(200);
    const disabled = await admin().patch(`/users/${u.user.id}`, { disabled: true });
    expect(disabled.body.data.disabled).toBe(true);
    expectError(await api.get('/me'), 401, 'unauthenticated');
    expectError(await api.get('/conversations'), 401, 'unauthenticated');
    // The right password is told why (and only then): the account is disabled.
    expectError(
      await client(t.url).post('/auth/login', { email: u.user.email, password: PASSWORD }),
      403,
      'account_disabled',
    );
  });
});
