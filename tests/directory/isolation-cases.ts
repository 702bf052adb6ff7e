// The directory's case for tests/server/isolation.test.ts: A's staff see A's colleagues and teams only.
import { expect } from 'vitest';
import { client, type SeededAccount, type TestHub } from '#tests/helpers/hub.ts';

type World = { t: TestHub; A: SeededAccount; B: SeededAccount; bAgent: string; bTeam: string };

export function directoryIsolationCases(world: () => World): { route: string; run: () => Promise<void> }[] {
  return [
    {
      route: 'GET /directory',
      run: async () => {
        const { t, A, bAgent, bTeam } = world();
        const res = await client(t.url, A.adminToken).get('/directory');
        expect(res.status).toBe(200);
        const userIds = res.body.data.users.map((u: { id: string }) => u.id);
        expect(userIds).toContain(String(A.admin.id));
        expect(userIds).not.toContain(bAgent);
        expect(res.body.data.teams.map((tm: { id: string }) => tm.id)).not.toContain(bTeam);
      },
    },
  ];
}
