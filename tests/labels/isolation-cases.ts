// The label routes' cases for tests/server/isolation.test.ts: account A's admin cannot see, change,
// delete or use B's labels (not on A's conversations, not as an inbox filter), nor label B's
// conversations; label names are per account.
import { expect } from 'vitest';
import { client, type SeededAccount, type TestHub } from '#tests/helpers/hub.ts';

type World = {
  t: TestHub;
  A: SeededAccount;
  B: SeededAccount;
  aConversation: string;
  /** A conversation of B's whose events the isolation snapshot does not compare (labelling records some). */
  bConversation: string;
};
type Res = { status: number; body: any };

const B_NAME = 'b-secret-label';

export function labelIsolationCases(world: () => World): { route: string; run: () => Promise<void> }[] {
  const apis = () => {
    const { t, A, B } = world();
    return { a: client(t.url, A.adminToken), b: client(t.url, B.adminToken) };
  };
  const expectCode = (res: Res, status: number, code: string) =>
    expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
  const put = (api: ReturnType<typeof client>, conversation: string, labelIds: string[]) =>
    api.raw<any>('PUT', `/conversations/${conversation}/labels`, { labelIds });
  /** B has a label on its conversation for the duration of `check`, both exactly as made afterwards. */
  const withBLabel = async (check: (id: string) => Promise<void>) => {
    const { b } = apis();
    const { bConversation } = world();
    const made = await b.post('/labels', { name: B_NAME, color: '#bb0000', description: 'B only' });
    expect(made.status).toBe(201);
    const id = made.body.data.id;
    try {
      expect((await put(b, bConversation, [id])).status).toBe(200);
      await check(id);
      expect((await b.get('/labels')).body.data).toEqual([made.body.data]);
      expect((await b.get(`/conversations/${bConversation}`)).body.data.labels).toEqual([
        { id, name: B_NAME, color: '#bb0000' },
      ]);
    } finally {
      await put(b, bConversation, []);
      await b.raw('DELETE', `/labels/${id}`);
    }
  };
  /** A's own label, removed afterwards. */
  const withALabel = async (check: (id: string) => Promise<void>) => {
    const { a } = apis();
    const made = await a.post('/labels', { name: 'a-own', color: '#00aa00' });
    expect(made.status).toBe(201);
    try {
      await check(made.body.data.id);
    } finally {
      await put(a, world().aConversation, []);
      await a.raw('DELETE', `/labels/${made.body.data.id}`);
    }
  };
  return [
    {
      route: 'GET /labels',
      run: () =>
        withBLabel(async (id) => {
          const { a } = apis();
          const res = await a.get('/labels');
          expect(res.status).toBe(200);
          expect(res.body.data.map((l: { id: string }) => l.id)).not.toContain(id);
          expect(JSON.stringify(res.body)).not.toContain(B_NAME);
          // Nor can A filter its inbox by B's label: the same answer as for a label that does not exist.
          expectCode(await a.get(`/conversations?label=${id}`), 422, 'unknown_label');
        }),
    },
    {
      route: 'POST /labels',
      run: () =>
        withBLabel(async () => {
          const { a } = apis();
          // B's name is no clash for A: names are per account.
          const same = await a.post('/labels', { name: B_NAME, color: '#000000' });
          expect(same.status).toBe(201);
          await a.raw('DELETE', `/labels/${same.body.data.id}`);
        }),
    },
    {
      route: 'PATCH /labels/{id}',
      run: () =>
        withBLabel(async (id) => {
          expectCode(
            await apis().a.patch(`/labels/${id}`, { name: 'hijacked', color: '#000000' }),
            404,
            'not_found',
          );
        }),
    },
    {
      route: 'DELETE /labels/{id}',
      run: () =>
        withBLabel(async (id) => {
          expectCode(await apis().a.raw('DELETE', `/labels/${id}`), 404, 'not_found');
        }),
    },
    {
      route: 'PUT /conversations/{id}/labels',
      run: () =>
        withBLabel((bLabel) =>
          withALabel(async (aLabel) => {
            const { a } = apis();
            const { aConversation, bConversation } = world();
            // B's conversation cannot be labelled by A, with A's label, B's or none.
            for (const ids of [[aLabel], [bLabel], []]) {
              expectCode(await put(a, bConversation, ids), 404, 'not_found');
            }
            // B's label cannot go on A's conversation.
            expect((await put(a, aConversation, [aLabel])).status).toBe(200);
            expectCode(await put(a, aConversation, [aLabel, bLabel]), 422, 'unknown_label');
            expect((await a.get(`/conversations/${aConversation}`)).body.data.labels).toEqual([
              { id: aLabel, name: 'a-own', color: '#00aa00' },
            ]);
          }),
        ),
    },
  ];
}
