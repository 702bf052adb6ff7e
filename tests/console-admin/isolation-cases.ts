// The channel catalogue's cases for tests/server/isolation.test.ts: GET /channels describes the hub's code,
// not an account, so A's admin gets exactly what B's gets and nothing of B's inboxes (ids, tokens, configs);
// an inbox's paid usage is its account's alone (A asking for B's inbox: 404, as for no inbox).
import { expect } from 'vitest';
import { client, type SeededAccount, type TestHub } from '#tests/helpers/hub.ts';

type World = { t: TestHub; A: SeededAccount; B: SeededAccount; bInbox: { id: string; token: string } };

export function channelIsolationCases(world: () => World): { route: string; run: () => Promise<void> }[] {
  return [
    {
      route: 'GET /channels',
      run: async () => {
        const { t, A, B, bInbox } = world();
        const seenByA = await client(t.url, A.adminToken).get('/channels');
        const seenByB = await client(t.url, B.adminToken).get('/channels');
        expect(seenByA.status).toBe(200);
        expect(seenByA.body).toEqual(seenByB.body);
        const text = JSON.stringify(seenByA.body);
        expect(text).not.toContain(bInbox.token);
        expect(text).not.toContain(`"${bInbox.id}"`);
      },
    },
    {
      route: 'GET /inboxes/{id}/usage',
      run: async () => {
        const { t, A, B, bInbox } = world();
        const seenByA = await client(t.url, A.adminToken).get(`/inboxes/${bInbox.id}/usage`);
        expect({ status: seenByA.status, code: seenByA.body?.error?.code }).toEqual({
          status: 404,
          code: 'not_found',
        });
        expect((await client(t.url, B.adminToken).get(`/inboxes/${bInbox.id}/usage`)).status).toBe(200);
      },
    },
  ];
}
