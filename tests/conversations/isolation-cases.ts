// The read-state route's case for tests/server/isolation.test.ts: A's admin cannot mark B's conversation.
import { expect } from 'vitest';
import { client, type SeededAccount, type TestHub } from '#tests/helpers/hub.ts';

type World = { t: TestHub; A: SeededAccount; bConversation: string };

export function readStateIsolationCases(world: () => World): { route: string; run: () => Promise<void> }[] {
  return [
    {
      route: 'POST /conversations/{id}/read',
      run: async () => {
        const { t, A, bConversation } = world();
        const res = await client(t.url, A.adminToken).post(`/conversations/${bConversation}/read`, {});
        expect({ status: res.status, code: res.body?.error?.code }).toEqual({
          status: 404,
          code: 'not_found',
        });
      },
    },
  ];
}
