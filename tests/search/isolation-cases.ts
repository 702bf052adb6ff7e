// The search route's case for tests/server/isolation.test.ts: account A's admin searching for what both
// accounts share (a customer id, a word written in both) finds A's contact and conversation, never B's.
import { expect } from 'vitest';
import { client, type SeededAccount, type TestHub } from '#tests/helpers/hub.ts';

type World = {
  t: TestHub;
  A: SeededAccount;
  aConversation: string;
  aContact: string;
  bConversations: string[];
};

export function searchIsolationCases(world: () => World): { route: string; run: () => Promise<void> }[] {
  return [
    {
      route: 'GET /search',
      run: async () => {
        const w = world();
        const api = client(w.t.url, w.A.adminToken);
        // Both accounts have a contact with this channel id and a message saying "hello".
        const shared = await api.get('/search?q=same-customer');
        expect(shared.status).toBe(200);
        expect(shared.body.data.contacts.map((c: { id: string }) => c.id)).toEqual([w.aContact]);
        const hello = await api.get('/search?q=hello');
        const ids = hello.body.data.conversations.map((c: { id: string }) => c.id);
        expect(ids).toEqual([w.aConversation]);
        // Words only B's customers used find nothing at all.
        for (const q of ['Bea of B', 'Bob', 'second', 'reply of B']) {
          const res = await api.get(`/search?q=${encodeURIComponent(q)}`);
          expect(res.body.data, q).toEqual({ contacts: [], conversations: [] });
        }
        // "of" is in every customer's name here ("Ann of A", "Bea of B"): only A's comes back.
        const of = (await api.get('/search?q=of')).body.data;
        expect(of.contacts.map((c: { id: string }) => c.id)).toEqual([w.aContact]);
        const theirs = of.contacts.flatMap((c: { conversations: { id: string }[] }) => c.conversations);
        expect(theirs.map((c: { id: string }) => c.id)).toEqual([w.aConversation]);
        for (const id of w.bConversations) expect(theirs.map((c: { id: string }) => c.id)).not.toContain(id);
      },
    },
  ];
}
