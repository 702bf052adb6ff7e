// Issue 14, points 2, 3, 4, 6 and 10, as an attacker and a careful user meet them: password guessing is
// throttled by address and by network address with growing waits, weak passwords are refused, every
// sign-in lands in a security log only the account's admins read; sessions can be listed, signed out
// one by one or everywhere, and end (with their sockets) when the password changes; a user's live rooms
// follow their role; QA reads and notes but does not act on customers; and an address used in another
// account is not revealed by creating a user.
import { sql } from 'drizzle-orm';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, type SeededAccount, seedAccount, startTestHub, type TestHub } from '#tests/helpers/hub.ts';
import { arrive, inboxForTeam, makeTeam } from '#tests/helpers/routing.ts';

let t: TestHub;
const PASSWORD = 'correct horse battery';

beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => {
  await t.destroy();
});

function expectError(r: { status: number; body: any }, status: number, code: string) {
  expect({ status: r.status, code: r.body?.error?.code }).toEqual({ status, code });
}

/** A login from a given client address (the hub trusts X-Forwarded-For from its loopback proxy). */
function login(
  email: string,
  password = PASSWORD,
  from = '198.51.100.1',
  extra: Record<string, unknown> = {},
) {
  return client(t.url).post(
    '/auth/login',
    { email, password, ...extra },
    { 'x-forwarded-for': from, 'user-agent': `spec-browser/${from}` },
  );
}

/** As if `ms` had passed for the login throttle: its failures are moved back in time. */
async function ageSecurityLog(ms: number) {
  await t.hub.ctx.db.execute(
    sql`update security_events set created_at = created_at - make_interval(secs => ${ms / 1000})`,
  );
}

async function agentSocket(token: string): Promise<Socket> {
  const socket = connect(`${t.url}/agent`, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

const closed = (socket: Socket) =>
  new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));

describe('password guessing', () => {
  it('slows an address down after five failures, says how long, and doubles the wait as it goes on', async () => {
    const account = await seedAccount(t);
    const { user } = await account.user('agent', 'Guessed');
    for (let i = 0; i < 5; i++)
      expectError(await login(user.email, `wrong ${i}`), 401, 'invalid_credentials');
    // Even the right password waits: the throttle is checked before the password.
    const blocked = await login(user.email);
    expectError(blocked, 429, 'login_throttled');
    expect(blocked.body.error.message).toMatch(/try again in 30 seconds/);
    expect(blocked.headers.get('retry-after')).toBe('30');
    expect(blocked.body.error.details).toMatchObject({ scope: 'email' });

    await ageSecurityLog(31_000);
    expectError(await login(user.email, 'wrong 6'), 401, 'invalid_credentials');
    const longer = await login(user.email);
    expectError(longer, 429, 'login_throttled');
    expect(Number(longer.headers.get('retry-after'))).toBeGreaterThan(30);
    expect(Number(longer.headers.get('retry-after'))).toBeLessThanOrEqual(60);

    // Once the wait is over, the owner gets in, and that clears the address's count.
    await ageSecurityLog(61_000);
    expect((await login(user.email)).status).toBe(200);
    expectError(await login(user.email, 'one typo'), 401, 'invalid_credentials');
    expect((await login(user.email)).status).toBe(200);
  });

  it('lets a burst of 50 guesses reach the password check only five times', async () => {
    const account = await seedAccount(t);
    const { user } = await account.user('agent', 'Burst');
    const statuses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => login(user.email, `guess ${i}`, '198.51.100.2')),
    );
    const counted = (s: number) => statuses.filter((r) => r.status === s).length;
    // Attempts in flight together queue on the address: each sees the failures before it, so exactly
    // the free five reach the password, however the requests interleave.
    expect(counted(401)).toBe(5);
    expect(counted(429)).toBe(50 - counted(401));
    expect(counted(200)).toBe(0);
  });

  it('slows down one network address guessing across many addresses, not the others', async () => {
    const account = await seedAccount(t);
    const { user } = await account.user('agent', 'Bystander');
    for (let i = 0; i < 20; i++) {
      expectError(await login(`nobody-${i}@example.test`, 'x', '203.0.113.9'), 401, 'invalid_credentials');
    }
    const fromThere = await login(user.email, PASSWORD, '203.0.113.9');
    expectError(fromThere, 429, 'login_throttled');
    expect(fromThere.body.error.details).toMatchObject({ scope: 'ip' });
    expect(fromThere.body.error.message).toMatch(/network address/);
    // The same user from their own network signs in at once.
    expect((await login(user.email, PASSWORD, '198.51.100.77')).status).toBe(200);
  });
});

describe('weak passwords', () => {
  it('refuses common and trivial passwords with the reason, for new users, resets and own changes', async () => {
    const account = await seedAccount(t);
    const admin = client(t.url, account.adminToken);
    for (const password of ['12345678', '        ', 'P@ssw0rd2024', 'qwertyuiop', 'password1']) {
      const r = await admin.post('/users', {
        name: 'Weak',
        email: `weak-${Date.now()}@example.test`,
        password,
        role: 'agent',
      });
      expectError(r, 422, 'weak_password');
      expect(r.body.error.message).toMatch(/too easy to guess/);
    }
    // The user's own name and address count as guessable.
    expectError(
      await admin.post('/users', {
        name: 'Mariela Quisbert',
        email: 'mariela.quisbert@example.test',
        password: 'mariela quisbert',
        role: 'agent',
      }),
      422,
      'weak_password',
    );
    const { user, token } = await account.user('agent', 'Changer');
    expectError(await admin.patch(`/users/${user.id}`, { password: '12345678' }), 422, 'weak_password');
    expectError(
      await client(t.url, token).post('/me/password', { currentPassword: PASSWORD, newPassword: 'abcdefgh' }),
      422,
      'weak_password',
    );
    // Nothing changed: the old password still works.
    expect((await login(user.email, PASSWORD, '198.51.100.3')).status).toBe(200);
  });
});

describe('the security log', () => {
  it("shows an account's admins its sign-ins, failed, throttled and successful, with where from", async () => {
    const account = await seedAccount(t);
    const other = await seedAccount(t, 'Elsewhere');
    const { user } = await account.user('supervisor', 'Audited');
    await login(user.email, 'not it', '198.51.100.4');
    await login(user.email, PASSWORD, '198.51.100.4');
    const r = await client(t.url, account.adminToken).get('/security/events');
    expect(r.status).toBe(200);
    const mine = (r.body.data as any[]).filter((e) => e.userId === String(user.id));
    expect(mine.map((e) => e.type)).toEqual(['login_succeeded', 'login_failed']);
    expect(mine[1]).toMatchObject({
      email: user.email,
      ip: '198.51.100.4',
      userAgent: 'spec-browser/198.51.100.4',
    });
    const failedOnly = await client(t.url, account.adminToken).get('/security/events?type=login_failed');
    expect((failedOnly.body.data as any[]).every((e) => e.type === 'login_failed')).toBe(true);
    // Another account's admin sees none of it; a supervisor cannot read the log.
    const theirs = await client(t.url, other.adminToken).get('/security/events');
    expect(JSON.stringify(theirs.body)).not.toContain(user.email);
    expectError(
      await client(t.url, (await account.user('supervisor')).token).get('/security/events'),
      403,
      'forbidden',
    );
  });
});

describe('sessions', () => {
  it('lists my sessions, ends one from another device, and signs out here and everywhere', async () => {
    const account = await seedAccount(t);
    const { user } = await account.user('agent', 'Traveller');
    const laptop = (await login(user.email, PASSWORD, '198.51.100.10')).body.token as string;
    const phone = (await login(user.email, PASSWORD, '198.51.100.11')).body.token as string;
    const tablet = (await login(user.email, PASSWORD, '198.51.100.12')).body.token as string;

    const list = await client(t.url, laptop).get('/me/sessions');
    expect(list.status).toBe(200);
    expect(list.body.data).toHaveLength(3);
    const current = (list.body.data as any[]).filter((s) => s.current);
    expect(current).toHaveLength(1);
    expect(current[0]).toMatchObject({ ip: '198.51.100.10', userAgent: 'spec-browser/198.51.100.10' });
    const phoneSession = (list.body.data as any[]).find((s) => s.ip === '198.51.100.11');

    // The phone was lost: ended from the laptop; its socket closes and its token stops.
    const phoneSocket = await agentSocket(phone);
    const phoneClosed = closed(phoneSocket);
    expect((await client(t.url, laptop).raw('DELETE', `/me/sessions/${phoneSession.id}`)).status).toBe(200);
    expect(await phoneClosed).toBe('io server disconnect');
    expectError(await client(t.url, phone).get('/me'), 401, 'unauthenticated');
    // Someone else's session is not mine to end.
    const stranger = await account.user('agent', 'Stranger');
    const strangerSession = (await login(stranger.user.email, PASSWORD, '198.51.100.13')).body.token;
    const theirs = (await client(t.url, strangerSession).get('/me/sessions')).body.data[0].id;
    expectError(await client(t.url, laptop).raw('DELETE', `/me/sessions/${theirs}`), 404, 'not_found');

    // Log out here: this token and its socket end, the tablet goes on.
    const laptopSocket = await agentSocket(laptop);
    const laptopClosed = closed(laptopSocket);
    expect((await client(t.url, laptop).post('/auth/logout', {})).body.data).toEqual({ ended: 1 });
    expect(await laptopClosed).toBe('io server disconnect');
    expectError(await client(t.url, laptop).get('/me'), 401, 'unauthenticated');
    expect((await client(t.url, tablet).get('/me')).status).toBe(200);

    // Everywhere: every session ends, whichever device asks.
    const again = (await login(user.email, PASSWORD, '198.51.100.14')).body.token as string;
    const tabletSocket = await agentSocket(tablet);
    const tabletClosed = closed(tabletSocket);
    expect((await client(t.url, again).post('/auth/logout', { everywhere: true })).body.data).toEqual({
      ended: 2,
    });
    expect(await tabletClosed).toBe('io server disconnect');
    for (const token of [tablet, again])
      expectError(await client(t.url, token).get('/me'), 401, 'unauthenticated');
    const log = await client(t.url, account.adminToken).get(`/security/events?userId=${user.id}`);
    expect((log.body.data as any[]).map((e) => e.type).slice(0, 3)).toEqual([
      'sessions_revoked',
      'login_succeeded',
      'logout',
    ]);
  });

  it('changing my password ends my other sessions and their sockets, and keeps this one', async () => {
    const account = await seedAccount(t);
    const { user } = await account.user('agent', 'Careful');
    const here = (await login(user.email, PASSWORD, '198.51.100.20')).body.token as string;
    const there = (await login(user.email, PASSWORD, '198.51.100.21')).body.token as string;
    const thereSocket = await agentSocket(there);
    const thereClosed = closed(thereSocket);

    expectError(
      await client(t.url, here).post('/me/password', {
        currentPassword: 'not my password',
        newPassword: 'granite lantern orchard',
      }),
      403,
      'wrong_password',
    );
    const changed = await client(t.url, here).post('/me/password', {
      currentPassword: PASSWORD,
      newPassword: 'granite lantern orchard',
    });
    expect(changed.status).toBe(200);
    expect(changed.body.data).toEqual({ endedSessions: 1 });
    expect(await thereClosed).toBe('io server disconnect');
    expectError(await client(t.url, there).get('/me'), 401, 'unauthenticated');
    expect((await client(t.url, here).get('/me')).status).toBe(200);
    expectError(await login(user.email, PASSWORD, '198.51.100.22'), 401, 'invalid_credentials');
    expect((await login(user.email, 'granite lantern orchard', '198.51.100.22')).status).toBe(200);
  });

  it("an admin's reset closes the user's open sockets too; an admin changing their own keeps their session", async () => {
    const account = await seedAccount(t);
    const admin = client(t.url, account.adminToken);
    const { user } = await account.user('agent', 'Reset');
    const session = (await login(user.email, PASSWORD, '198.51.100.30')).body.token as string;
    const socket = await agentSocket(session);
    const socketClosed = closed(socket);
    expect((await admin.patch(`/users/${user.id}`, { password: 'velvet harbour compass' })).status).toBe(200);
    expect(await socketClosed).toBe('io server disconnect');

    const adminHere = (await login(account.admin.email, PASSWORD, '198.51.100.31')).body.token as string;
    const adminThere = (await login(account.admin.email, PASSWORD, '198.51.100.32')).body.token as string;
    const own = await client(t.url, adminHere).patch(`/users/${account.admin.id}`, {
      password: 'quiet meadow lighthouse',
    });
    expect(own.status).toBe(200);
    expect((await client(t.url, adminHere).get('/me')).status).toBe(200);
    expectError(await client(t.url, adminThere).get('/me'), 401, 'unauthenticated');
  });
});

describe('live rooms follow the role', () => {
  it('a demoted supervisor stops hearing other teams at once; promoted back, hears them again', async () => {
    const account = await seedAccount(t);
    const admin = client(t.url, account.adminToken);
    const sup = await account.user('supervisor', 'Floor lead');
    const elsewhere = await makeTeam(t, account, { name: 'Elsewhere', strategy: 'manual', memberIds: [] });
    const theirInbox = await inboxForTeam(t, account, elsewhere);
    const mine = await account.apiInbox();
    const socket = await agentSocket(sup.token);
    const heard: string[] = [];
    socket.on('message:new', ({ message }: { message: { text: string } }) => heard.push(message.text));
    const hear = (text: string) =>
      new Promise<void>((resolve) => {
        const check = ({ message }: { message: { text: string } }) => {
          if (message.text !== text) return;
          socket.off('message:new', check);
          resolve();
        };
        socket.on('message:new', check);
      });

    let next = hear('before');
    await arrive(t, theirInbox, 'before');
    await next;

    // A conversation of theirs, to tell "still connected" from "hears nothing".
    const ownConversation = await arrive(t, mine, 'own-1');
    expect(
      (await admin.post(`/conversations/${ownConversation}/assign`, { assigneeId: String(sup.user.id) }))
        .status,
    ).toBe(200);

    expect((await admin.patch(`/users/${sup.user.id}`, { role: 'agent' })).status).toBe(200);
    const other = await arrive(t, theirInbox, 'after demotion');
    next = hear('own-2');
    await client(t.url, account.adminToken).post(`/conversations/${ownConversation}/messages`, {
      text: 'own-2',
      private: true,
    });
    await next;
    // Published in order to the same socket: had it still been in the room, it would have come first.
    expect(heard).not.toContain('after demotion');

    expect((await admin.patch(`/users/${sup.user.id}`, { role: 'supervisor' })).status).toBe(200);
    next = hear('promoted again');
    await admin.post(`/conversations/${other}/messages`, { text: 'promoted again', private: true });
    await next;
    socket.close();
  });
});

describe('what each role may do', () => {
  let account: SeededAccount;
  let conversation: string;
  beforeAll(async () => {
    account = await seedAccount(t);
    conversation = await arrive(t, await account.apiInbox(), 'a customer asks');
  });

  it('QA reads and leaves notes, but does not write to customers, take, move or close conversations', async () => {
    const qa = await account.user('qa', 'Quality');
    const api = client(t.url, qa.token);
    expect((await api.get(`/conversations/${conversation}`)).status).toBe(200);
    expect(
      (await api.post(`/conversations/${conversation}/messages`, { text: 'note', private: true })).status,
    ).toBe(201);
    expectError(
      await api.post(`/conversations/${conversation}/messages`, { text: 'hello customer' }),
      403,
      'forbidden',
    );
    expectError(
      await api.post(`/conversations/${conversation}/assign`, { assigneeId: String(qa.user.id) }),
      403,
      'forbidden',
    );
    expectError(
      await api.post(`/conversations/${conversation}/status`, { status: 'resolved' }),
      403,
      'forbidden',
    );
    expectError(
      await api.post(`/conversations/${conversation}/priority`, { priority: 'high' }),
      403,
      'forbidden',
    );
    expectError(await api.post(`/conversations/${conversation}/claim`), 403, 'forbidden');
    const socket = await agentSocket(qa.token);
    const ack = await socket.emitWithAck('typing', { conversationId: conversation, on: true });
    expect(ack).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    socket.close();
    const after = await client(t.url, account.adminToken).get(`/conversations/${conversation}`);
    expect(after.body.data).toMatchObject({ status: 'open', assigneeId: null, priority: 'normal' });
  });

  it('nobody can hand a conversation to someone who does not answer customers', async () => {
    const agent = await account.user('agent', 'Agent');
    const api = client(t.url, agent.token);
    await client(t.url, account.adminToken).post(`/conversations/${conversation}/assign`, {
      assigneeId: String(agent.user.id),
    });
    for (const role of ['marketing', 'qa', 'finance'] as const) {
      const target = await account.user(role);
      const r = await api.post(`/conversations/${conversation}/assign`, {
        assigneeId: String(target.user.id),
      });
      expectError(r, 400, 'bad_request');
      expect(r.body.error.message).toMatch(new RegExp(`a ${role} does not answer conversations`));
      expectError(
        await api.post(`/conversations/${conversation}/transfer`, { assigneeId: String(target.user.id) }),
        400,
        'bad_request',
      );
    }
    const colleague = await account.user('agent', 'Colleague');
    expect(
      (await api.post(`/conversations/${conversation}/assign`, { assigneeId: String(colleague.user.id) }))
        .status,
    ).toBe(200);
  });

  it('routing settings: every signed-in user reads them (presence reasons, targets), only admins change them', async () => {
    const agent = await account.user('agent');
    const read = await client(t.url, agent.token).get('/routing/settings');
    expect(read.status).toBe(200);
    expect(Array.isArray(read.body.data.auxiliaryReasons)).toBe(true);
    expectError(
      await client(t.url, agent.token).patch('/routing/settings', { auxiliaryReasons: ['Nap'] }),
      403,
      'forbidden',
    );
    expectError(await client(t.url).get('/routing/settings'), 401, 'unauthenticated');
  });
});

describe('addresses across accounts', () => {
  it('creating a user never tells whether another account uses the address; login asks which account', async () => {
    const first = await seedAccount(t, 'First');
    const second = await seedAccount(t, 'Second');
    const email = `shared-${Date.now()}@example.test`;
    for (const account of [first, second]) {
      const r = await client(t.url, account.adminToken).post('/users', {
        name: 'Shared',
        email,
        password: PASSWORD,
        role: 'agent',
      });
      expect(r.status).toBe(201);
    }
    const ambiguous = await login(email, PASSWORD, '198.51.100.40');
    expectError(ambiguous, 409, 'account_required');
    expect(ambiguous.body.error.details.accounts.map((a: { name: string }) => a.name).sort()).toEqual([
      'First',
      'Second',
    ]);
    expect(ambiguous.body).not.toHaveProperty('token');
    const chosen = await login(email, PASSWORD, '198.51.100.40', { accountId: String(second.accountId) });
    expect(chosen.status).toBe(200);
    expect(chosen.body.user.accountId).toBe(String(second.accountId));
    // A wrong password learns nothing about the accounts.
    const wrong = await login(email, 'not it at all', '198.51.100.41');
    expectError(wrong, 401, 'invalid_credentials');
    expect(JSON.stringify(wrong.body)).not.toMatch(/First|Second/);
  });
});
