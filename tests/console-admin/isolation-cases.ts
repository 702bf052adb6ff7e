// The channel catalogue's case for tests/server/isolation.test.ts: GET /channels describes the hub's code,
// not an account, so A's admin gets exactly what B's gets and nothing of B's inboxes (ids, tokens, configs).
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
  ];
}
