// The closure-check hold's case for tests/server/isolation.test.ts: account A's admin cannot hold, or
// release, the closure check of B's conversation (404, never a hint that it exists), and B's conversation
// is left as it was.
import { expect } from 'vitest';
import { client, type SeededAccount, type TestHub } from '#tests/helpers/hub.ts';

type World = { t: TestHub; A: SeededAccount; B: SeededAccount; bConversation: string };

export function closureIsolationCases(world: () => World): { route: string; run: () => Promise<void> }[] {
  return [
    {
      route: 'POST /conversations/{id}/closure-check',
      run: async () => {
        const { t, A, B, bConversation } = world();
        const a = client(t.url, A.adminToken);
        const until = new Date(t.hub.ctx.clock.now().getTime() + 3_600_000).toISOString();
        for (const body of [{ hold: 'waiting_on_us' }, { hold: 'until', until }, { hold: null }]) {
          const res = await a.post(`/conversations/${bConversation}/closure-check`, body);
          expect({ status: res.status, code: res.body.error?.code }).toEqual({
            status: 404,
            code: 'not_found',
          });
        }
        const seen = await client(t.url, B.adminToken).get(`/conversations/${bConversation}`);
        expect(seen.status).toBe(200);
        expect(seen.body.data.closureHold ?? null).toBeNull();
      },
    },
  ];
}
