// Users and roles as an admin manages them over REST, and what the hub refuses: a duplicate e-mail in
// the same account (409 email_taken; another account may use it), the last active admin demoted or disabled (409 last_admin, also when two admins
// demote each other at once), an admin locking themselves out (409 self_lockout). A disabled user is
// shut out at once: tokens, sessions, sockets, presence; their correct password is told why (403
// account_disabled), a wrong one is not. A password reset ends the user's sessions.
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, type SeededAccount, seedAccount, startTestHub, type TestHub } from '#tests/helpers/hub.ts';

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

async function login(email: string, password = PASSWORD) {
  return client(t.url).post('/auth/login', { email, password });
}

async function activeAdmins(account: SeededAccount) {
  const r = await client(t.url, account.adminToken).get('/users');
  return (r.body.data as { role: string; disabled: boolean; id: string }[])
    .filter((u) => u.role === 'admin' && !u.disabled)
    .map((u) => u.id);
}

describe('creating users', () => {
  it('creates a user who can log in with the password given, and refuses a taken e-mail in any case', async () => {
    const account = await seedAccount(t);
    const admin = client(t.url, account.adminToken);
    const email = `sofia.${Date.now()}@example.test`;
    const created = await admin.post('/users', {
      name: 'Sofía',
      email,
      password: PASSWORD,
      role: 'supervisor',
    });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ name: 'Sofía', email, role: 'supervisor', disabled: false });
    expect(created.body.data).not.toHaveProperty('passwordHash');
    const session = await login(email);
    expect(session.status).toBe(200);
    expect(session.body.user).toMatchObject({ role: 'supervisor' });

    expectError(
      await admin.post('/users', { name: 'Other', email, password: PASSWORD, role: 'agent' }),
      409,
      'email_taken',
    );
    expectError(
      await admin.post('/users', {
        name: 'Other',
        email: email.toUpperCase(),
        password: PASSWORD,
        role: 'agent',
      }),
      409,
      'email_taken',
    );
    // Another account may have its own user with this address: refusing it would tell that account's
    // admin which addresses other tenants use (issue 14, point 10). The password tells the two apart.
    const other = await seedAccount(t, 'Other');
    const second = await client(t.url, other.adminToken).post('/users', {
      name: 'X',
      email,
      password: 'a different strong passphrase',
      role: 'agent',
    });
    expect(second.status).toBe(201);
    expect((await login(email)).body.user).toMatchObject({
      role: 'supervisor',
      accountId: String(account.accountId),
    });
    expect((await login(email, 'a different strong passphrase')).body.user).toMatchObject({
      role: 'agent',
      accountId: String(other.accountId),
    });
    expectError(
      await admin.post('/users', { name: 'Y', email: 'y@example.test', password: 'short', role: 'agent' }),
      400,
      'validation_failed',
    );
    expectError(
      await admin.post('/users', { name: 'Y', email: 'y@example.test', password: PASSWORD, role: 'owner' }),
      400,
      'validation_failed',
    );
  });

  it('only an admin creates or changes users', async () => {
    const account = await seedAccount(t);
    const sup = await account.user('supervisor');
    const agent = await account.user('agent');
    const api = client(t.url, sup.token);
    expectError(
      await api.post('/users', { name: 'Z', email: 'z@example.test', password: PASSWORD, role: 'admin' }),
      403,
      'forbidden',
    );
    expectError(await api.patch(`/users/${agent.user.id}`, { role: 'admin' }), 403, 'forbidden');
    expectError(await api.patch(`/users/${sup.user.id}`, { role: 'admin' }), 403, 'forbidden');
  });
});

describe('never without an admin', () => {
  it('refuses to demote or disable the last active admin: 409 last_admin', async () => {
    const account = await seedAccount(t);
    const admin = client(t.url, account.adminToken);
    expectError(await admin.patch(`/users/${account.admin.id}`, { role: 'supervisor' }), 409, 'last_admin');
    expectError(await admin.patch(`/users/${account.admin.id}`, { disabled: true }), 409, 'last_admin');
    expect(await activeAdmins(account)).toEqual([String(account.admin.id)]);
    // What does not take admin rights away is fine.
    expect((await admin.patch(`/users/${account.admin.id}`, { name: 'Boss', role: 'admin' })).status).toBe(
      200,
    );
  });

  it('an admin cannot lock themselves out, even with another admin there: 409 self_lockout', async () => {
    const account = await seedAccount(t);
    const second = await account.user('admin', 'Second');
    const admin = client(t.url, account.adminToken);
    expectError(await admin.patch(`/users/${account.admin.id}`, { role: 'agent' }), 409, 'self_lockout');
    expectError(await admin.patch(`/users/${account.admin.id}`, { disabled: true }), 409, 'self_lockout');
    expect((await admin.get('/me')).body.data).toMatchObject({ role: 'admin', disabled: false });
    // Another admin may do it, and the demoted one loses admin powers at once.
    const byOther = await client(t.url, second.token).patch(`/users/${account.admin.id}`, {
      role: 'supervisor',
    });
    expect(byOther.status).toBe(200);
    expectError(
      await admin.post('/users', {
        name: 'N',
        email: `n.${Date.now()}@example.test`,
        password: PASSWORD,
        role: 'agent',
      }),
      403,
      'forbidden',
    );
    expect(await activeAdmins(account)).toEqual([String(second.user.id)]);
  });

  it('a disabled admin does not count; enabling them again restores the choice', async () => {
    const account = await seedAccount(t);
    const second = await account.user('admin', 'Second');
    const admin = client(t.url, account.adminToken);
    expect((await admin.patch(`/users/${second.user.id}`, { disabled: true })).status).toBe(200);
    expectError(await admin.patch(`/users/${account.admin.id}`, { role: 'agent' }), 409, 'last_admin');
    expect((await admin.patch(`/users/${second.user.id}`, { disabled: false })).status).toBe(200);
    expect(await activeAdmins(account)).toHaveLength(2);
  });

  it('two admins demoting each other at the same moment: one wins, the other gets last_admin', async () => {
    const account = await seedAccount(t);
    const second = await account.user('admin', 'Second');
    const [a, b] = await Promise.all([
      client(t.url, account.adminToken).patch(`/users/${second.user.id}`, { role: 'agent' }),
      client(t.url, second.token).patch(`/users/${account.admin.id}`, { role: 'agent' }),
    ]);
    const outcomes = [a, b].map((r) => (r.status === 200 ? 'ok' : `${r.status} ${r.body.error.code}`)).sort();
    // The loser either lost the race (last_admin) or was no longer admin when its request was checked.
    expect(outcomes[1]).toBe('ok');
    expect(['409 last_admin', '403 forbidden']).toContain(outcomes[0]);
    const left = await client(t.url, a.status === 200 ? account.adminToken : second.token).get('/users');
    expect(left.body.data.filter((u: { role: string }) => u.role === 'admin')).toHaveLength(1);
  });
});

describe('a disabled user is shut out', () => {
  it('their API token, their sessions and their sockets stop working at once', async () => {
    const account = await seedAccount(t);
    const admin = client(t.url, account.adminToken);
    const u = await account.user('agent', 'Leaver');
    const session = await login(u.user.email);
    expect(session.status).toBe(200);
    expect((await client(t.url, u.token).post('/me/presence', { status: 'online' })).status).toBe(200);
    const socket = connect(`${t.url}/agent`, {
      auth: { token: session.body.token },
      transports: ['websocket'],
      reconnection: false,
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const closed = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));

    const r = await admin.patch(`/users/${u.user.id}`, { disabled: true });
    expect(r.status).toBe(200);
    expect(r.body.data).toMatchObject({ disabled: true, presence: { status: 'offline' } });
    expect(await closed).toBe('io server disconnect');
    expectError(await client(t.url, u.token).get('/me'), 401, 'unauthenticated');
    expectError(await client(t.url, session.body.token).get('/conversations'), 401, 'unauthenticated');
    const refused = await new Promise<{ data?: { code?: string } }>((resolve) => {
      const again = connect(`${t.url}/agent`, {
        auth: { token: u.token },
        transports: ['websocket'],
        reconnection: false,
      });
      again.once('connect_error', (err) => {
        again.close();
        resolve(err as { data?: { code?: string } });
      });
      again.once('connect', () => {
        again.close();
        resolve({});
      });
    });
    expect(refused.data?.code).toBe('unauthenticated');

    // Logging in: the right password hears why, a wrong one hears nothing more than usual.
    const denied = await login(u.user.email);
    expectError(denied, 403, 'account_disabled');
    expect(denied.body.error.message).toMatch(/disabled/);
    expect(denied.body).not.toHaveProperty('token');
    expectError(await login(u.user.email, 'not the password'), 401, 'invalid_credentials');

    // Enabled again: the API token works again, the old session does not (it was ended), login works.
    expect((await admin.patch(`/users/${u.user.id}`, { disabled: false })).status).toBe(200);
    expect((await client(t.url, u.token).get('/me')).status).toBe(200);
    expectError(await client(t.url, session.body.token).get('/me'), 401, 'unauthenticated');
    expect((await login(u.user.email)).status).toBe(200);
  });

  it('a password reset by an admin: the old password and the old sessions stop, the new one works', async () => {
    const account = await seedAccount(t);
    const admin = client(t.url, account.adminToken);
    const u = await account.user('qa', 'Reviewer');
    const session = await login(u.user.email);
    const reset = await admin.patch(`/users/${u.user.id}`, { password: 'a brand new secret' });
    expect(reset.status).toBe(200);
    expectError(await login(u.user.email), 401, 'invalid_credentials');
    expectError(await client(t.url, session.body.token).get('/me'), 401, 'unauthenticated');
    expect((await login(u.user.email, 'a brand new secret')).status).toBe(200);
    // An admin changing their own password keeps the session they are using.
    const mine = await login(account.admin.email);
    const me = client(t.url, mine.body.token);
    expect((await me.patch(`/users/${account.admin.id}`, { password: 'my own new secret' })).status).toBe(
      200,
    );
    expect((await me.get('/me')).status).toBe(200);
  });

  it('users of another account are out of reach', async () => {
    const a = await seedAccount(t);
    const b = await seedAccount(t, 'B');
    expectError(
      await client(t.url, a.adminToken).patch(`/users/${b.admin.id}`, { disabled: true }),
      404,
      'not_found',
    );
    expect((await client(t.url, b.adminToken).get('/me')).status).toBe(200);
  });
});
