// The live floor's case for tests/server/isolation.test.ts: A's admin and A's supervisor see A's floor
// only (none of B's teams, agents or waiting conversations), and an agent of A's gets 403.
import { expect } from 'vitest';
import { client, type SeededAccount, type TestHub } from '#tests/helpers/hub.ts';

type World = { t: TestHub; A: SeededAccount; aTeam: string; bAgent: string; bTeam: string };

export function floorIsolationCases(world: () => World): { route: string; run: () => Promise<void> }[] {
  return [
    {
      route: 'GET /floor',
      run: async () => {
        const { t, A, aTeam, bAgent, bTeam } = world();
        const supervisor = await A.user('supervisor', 'A floor supervisor');
        for (const token of [A.adminToken, supervisor.token]) {
          const floor = await client(t.url, token).get('/floor');
          expect(floor.status).toBe(200);
          const teams = floor.body.data.teams.map((x: { id: string | null }) => x.id);
          expect(teams).toContain(aTeam);
          expect(teams).not.toContain(bTeam);
          expect(floor.body.data.agents.map((x: { id: string }) => x.id)).not.toContain(bAgent);
          const text = JSON.stringify(floor.body);
          for (const marker of ['B team', 'B agent']) expect(text).not.toContain(marker);
        }
        const agent = await client(t.url, (await A.user('agent', 'A floor agent')).token).get('/floor');
        expect({ status: agent.status, code: agent.body.error?.code }).toEqual({
          status: 403,
          code: 'forbidden',
        });
      },
    },
  ];
}
