// The routing routes' cases for tests/server/isolation.test.ts: account A's admin cannot see or change
// B's presence, queues, settings, rules or reports, nor transfer or claim B's conversations.
import { expect } from 'vitest';
import { client, type SeededAccount, type TestHub } from '#tests/helpers/hub.ts';

type World = {
  t: TestHub;
  A: SeededAccount;
  B: SeededAccount;
  bConversation: string;
  bAgent: string;
  bTeam: string;
};

export function routingIsolationCases(world: () => World): { route: string; run: () => Promise<void> }[] {
  const apis = () => {
    const { t, A, B } = world();
    return { a: client(t.url, A.adminToken), b: client(t.url, B.adminToken) };
  };
  const notFound = (res: { status: number; body: any }) =>
    expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status: 404, code: 'not_found' });
  /** B has a rule for the duration of `check`. */
  const withBRule = async (check: (id: string) => Promise<void>) => {
    const { b } = apis();
    const made = await b.post('/routing/rules', {
      name: 'B secret rule',
      conditions: { keywords: ['b-only'] },
      actions: { priority: 'high' },
    });
    expect(made.status).toBe(201);
    try {
      await check(made.body.data.id);
      expect((await b.get('/routing/rules')).body.data.map((r: { name: string }) => r.name)).toContain(
        'B secret rule',
      );
    } finally {
      await b.raw('DELETE', `/routing/rules/${made.body.data.id}`);
    }
  };
  return [
    {
      route: 'GET /me/presence',
      run: async () => expect((await apis().a.get('/me/presence')).status).toBe(200),
    },
    {
      route: 'POST /me/presence',
      run: async () => {
        expect((await apis().a.post('/me/presence', { status: 'away' })).status).toBe(200);
        await apis().a.post('/me/presence', { status: 'offline' });
      },
    },
    {
      // Restores only the caller's own presence (A's last choice above was Offline, so it stays so); the
      // harness checks that B's presence, like the rest of B's data, is untouched.
      route: 'POST /me/presence/restore',
      run: async () => {
        const r = await apis().a.post('/me/presence/restore', {});
        expect({ status: r.status, presence: r.body.data.status }).toEqual({
          status: 200,
          presence: 'offline',
        });
      },
    },
    {
      route: 'GET /presence',
      run: async () => {
        const res = await apis().a.get('/presence');
        expect(res.body.data.map((p: { id: string }) => p.id)).not.toContain(world().bAgent);
      },
    },
    {
      route: 'GET /routing/queues',
      run: async () => {
        const res = await apis().a.get('/routing/queues');
        expect(res.body.data.map((q: { id: string }) => q.id)).not.toContain(world().bTeam);
      },
    },
    {
      route: 'GET /routing/settings',
      run: async () => expect((await apis().a.get('/routing/settings')).status).toBe(200),
    },
    {
      route: 'PATCH /routing/settings',
      run: async () => {
        const { a, b } = apis();
        expect((await a.patch('/routing/settings', { unansweredSeconds: 999 })).status).toBe(200);
        expect((await b.get('/routing/settings')).body.data.unansweredSeconds).not.toBe(999);
      },
    },
    {
      route: 'GET /routing/rules',
      run: () =>
        withBRule(async () => {
          expect(JSON.stringify((await apis().a.get('/routing/rules')).body)).not.toContain('B secret rule');
        }),
    },
    {
      route: 'POST /routing/rules',
      run: async () => {
        const res = await apis().a.post('/routing/rules', {
          name: 'x',
          conditions: {},
          actions: { teamId: world().bTeam },
        });
        expect({ status: res.status, code: res.body.error?.code }).toEqual({
          status: 400,
          code: 'bad_request',
        });
      },
    },
    {
      route: 'PATCH /routing/rules/{id}',
      run: () =>
        withBRule(async (id) => notFound(await apis().a.patch(`/routing/rules/${id}`, { enabled: false }))),
    },
    {
      route: 'DELETE /routing/rules/{id}',
      run: () => withBRule(async (id) => notFound(await apis().a.raw('DELETE', `/routing/rules/${id}`))),
    },
    {
      route: 'POST /conversations/{id}/transfer',
      run: async () =>
        notFound(
          await apis().a.post(`/conversations/${world().bConversation}/transfer`, {
            note: 'x',
            teamId: world().bTeam,
          }),
        ),
    },
    {
      route: 'POST /conversations/{id}/claim',
      run: async () => notFound(await apis().a.post(`/conversations/${world().bConversation}/claim`)),
    },
    {
      route: 'GET /reports/{name}',
      run: async () => {
        const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
        const q = `from=${day(Date.now() - 86_400_000)}&to=${day(Date.now() + 86_400_000)}`;
        const res = await apis().a.get(`/reports/service-level?${q}`);
        // A's own traffic only: one API conversation.
        const byChannel = res.body.data.tables.find((x: { key: string }) => x.key === 'byChannel');
        expect(byChannel.totals.cells.registered).toBe(1);
      },
    },
    {
      route: 'GET /reports/filters',
      run: async () => {
        const res = await apis().a.get('/reports/filters');
        expect(res.status).toBe(200);
        expect(res.body.data.teams.map((x: { id: string }) => x.id)).not.toContain(world().bTeam);
        expect(res.body.data.agents.map((x: { id: string }) => x.id)).not.toContain(world().bAgent);
      },
    },
    {
      route: 'GET /reports/conversations',
      run: async () => {
        const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
        const q = `from=${day(Date.now() - 86_400_000)}&to=${day(Date.now() + 86_400_000)}`;
        const res = await apis().a.get(`/reports/conversations?metric=registered&${q}`);
        expect(res.status).toBe(200);
        // A's one API conversation, never B's.
        expect(res.body.data.map((c: { id: string }) => c.id)).not.toContain(world().bConversation);
        expect(res.body.data).toHaveLength(1);
      },
    },
  ];
}
