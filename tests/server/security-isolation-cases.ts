// The sign-in and security routes' cases for tests/server/isolation.test.ts: account A's admin cannot
// read or end B's sessions, read B's security log, or touch B's password through their own.
import { expect } from 'vitest';
import { client, type SeededAccount, type TestHub } from '#tests/helpers/hub.ts';

type World = { t: TestHub; A: SeededAccount; B: SeededAccount; password: string };

export function securityIsolationCases(world: () => World): { route: string; run: () => Promise<void> }[] {
  /** B's admin signs in (a session and a security event of B's), and `check` runs against them. */
  const withBSession = async (check: (b: { token: string; sessionId: string }) => Promise<void>) => {
    const { t, B, password } = world();
    const login = await client(t.url).post('/auth/login', { email: B.admin.email, password });
    expect(login.status).toBe(200);
    const token = login.body.token as string;
    const sessionId = (await client(t.url, token).get('/me/sessions')).body.data[0].id as string;
    try {
      await check({ token, sessionId });
      expect((await client(t.url, token).get('/me')).status).toBe(200);
    } finally {
      await client(t.url, token).post('/auth/logout', {});
    }
  };
  const a = () => client(world().t.url, world().A.adminToken);
  return [
    {
      route: 'GET /me/sessions',
      run: () =>
        withBSession(async ({ sessionId }) => {
          const mine = await a().get('/me/sessions');
          expect(mine.status).toBe(200);
          expect(mine.body.data.map((s: { id: string }) => s.id)).not.toContain(sessionId);
        }),
    },
    {
      route: 'DELETE /me/sessions/{id}',
      run: () =>
        withBSession(async ({ sessionId }) => {
          const r = await a().raw('DELETE', `/me/sessions/${sessionId}`);
          expect({ status: r.status, code: (r.body as any)?.error?.code }).toEqual({
            status: 404,
            code: 'not_found',
          });
        }),
    },
    {
      route: 'POST /auth/logout',
      run: () =>
        withBSession(async () => {
          // A's admin signs out everywhere (a session of their own first): B's session lives on.
          const { t, A, password } = world();
          const own = await client(t.url).post('/auth/login', { email: A.admin.email, password });
          const r = await client(t.url, own.body.token).post('/auth/logout', { everywhere: true });
          expect(r.status).toBe(200);
        }),
    },
    {
      route: 'POST /me/password',
      run: () =>
        withBSession(async () => {
          // Changing one's password only ever touches one's own: A's sessions end, B's do not.
          const { password } = world();
          const r = await a().post('/me/password', { currentPassword: password, newPassword: password });
          expect(r.status).toBe(200);
        }),
    },
    {
      route: 'GET /security/events',
      run: () =>
        withBSession(async () => {
          const r = await a().get('/security/events');
          expect(r.status).toBe(200);
          expect(JSON.stringify(r.body)).not.toContain(world().B.admin.email);
        }),
    },
  ];
}
