// The contact timeline's case for tests/server/isolation.test.ts: A's admin cannot read B's contact's
// history, and A's own contact's history holds nothing of B's.
import { expect } from 'vitest';
import { client, type SeededAccount, type TestHub } from '#tests/helpers/hub.ts';

type World = { t: TestHub; A: SeededAccount; aContact: string; bContact: string; bConversation: string };

export function contactTimelineIsolationCases(
  world: () => World,
): { route: string; run: () => Promise<void> }[] {
  return [
    {
      route: 'GET /contacts/{id}/timeline',
      run: async () => {
        const { t, A, aContact, bContact, bConversation } = world();
        const api = client(t.url, A.adminToken);
        const foreign = await api.get(`/contacts/${bContact}/timeline`);
        expect({ status: foreign.status, code: foreign.body?.error?.code }).toEqual({
          status: 404,
          code: 'not_found',
        });
        const own = await api.get(`/contacts/${aContact}/timeline`);
        expect(own.status).toBe(200);
        expect(own.body.data.length).toBeGreaterThan(0);
        expect(own.body.data.map((m: { conversationId: string }) => m.conversationId)).not.toContain(
          bConversation,
        );
      },
    },
  ];
}
