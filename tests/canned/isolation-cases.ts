// The canned-response routes' cases for tests/server/isolation.test.ts: account A's admin cannot list,
// change or delete B's canned responses, nor scope one of A's to B's team; shortcuts are per account.
import { expect } from 'vitest';
import { client, type SeededAccount, type TestHub } from '#tests/helpers/hub.ts';

type World = { t: TestHub; A: SeededAccount; B: SeededAccount; bTeam: string };
type Res = { status: number; body: any };

const B_TEXT = 'B secret canned text';

export function cannedIsolationCases(world: () => World): { route: string; run: () => Promise<void> }[] {
  const apis = () => {
    const { t, A, B } = world();
    return { a: client(t.url, A.adminToken), b: client(t.url, B.adminToken) };
  };
  const expectCode = (res: Res, status: number, code: string) =>
    expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
  /** B has a canned response for the duration of `check`, exactly as made afterwards. */
  const withBCanned = async (check: (id: string) => Promise<void>) => {
    const { b } = apis();
    const made = await b.post('/canned-responses', {
      shortcut: 'bsecret',
      title: 'B secret',
      text: B_TEXT,
      teamId: world().bTeam,
    });
    expect(made.status).toBe(201);
    try {
      await check(made.body.data.id);
      const after = await b.get('/canned-responses?q=bsecret');
      expect(after.body.data).toEqual([made.body.data]);
    } finally {
      await b.raw('DELETE', `/canned-responses/${made.body.data.id}`);
    }
  };
  /** A's own response, removed afterwards. */
  const withACanned = async (check: (id: string) => Promise<void>) => {
    const { a } = apis();
    const made = await a.post('/canned-responses', { shortcut: 'aown', title: 'A own', text: 'A text' });
    expect(made.status).toBe(201);
    try {
      await check(made.body.data.id);
    } finally {
      await a.raw('DELETE', `/canned-responses/${made.body.data.id}`);
    }
  };
  return [
    {
      route: 'GET /canned-responses',
      run: () =>
        withBCanned(async (id) => {
          const { a } = apis();
          for (const q of ['', '?q=bsecret', '?q=B%20secret', `?q=${encodeURIComponent(B_TEXT)}`]) {
            const res = await a.get(`/canned-responses${q}`);
            expect(res.status).toBe(200);
            expect(res.body.data.map((c: { id: string }) => c.id)).not.toContain(id);
            expect(JSON.stringify(res.body)).not.toContain(B_TEXT);
          }
        }),
    },
    {
      route: 'POST /canned-responses',
      run: () =>
        withBCanned(async () => {
          const { a } = apis();
          // B's shortcut is no clash for A: shortcuts are per account.
          const same = await a.post('/canned-responses', { shortcut: 'bsecret', title: 'A', text: 'A text' });
          expect(same.status).toBe(201);
          await a.raw('DELETE', `/canned-responses/${same.body.data.id}`);
          expectCode(
            await a.post('/canned-responses', {
              shortcut: 'onbteam',
              title: 'A on B team',
              text: 'x',
              teamId: world().bTeam,
            }),
            400,
            'bad_request',
          );
          expect((await a.get('/canned-responses?q=onbteam')).body.data).toEqual([]);
        }),
    },
    {
      route: 'PATCH /canned-responses/{id}',
      run: () =>
        withBCanned((bId) =>
          withACanned(async (aId) => {
            const { a } = apis();
            expectCode(
              await a.patch(`/canned-responses/${bId}`, { text: 'hijacked', teamId: null }),
              404,
              'not_found',
            );
            expectCode(
              await a.patch(`/canned-responses/${aId}`, { teamId: world().bTeam }),
              400,
              'bad_request',
            );
            expect((await a.get('/canned-responses?q=aown')).body.data[0].teamId).toBeNull();
          }),
        ),
    },
    {
      route: 'DELETE /canned-responses/{id}',
      run: () =>
        withBCanned(async (bId) => {
          expectCode(await apis().a.raw('DELETE', `/canned-responses/${bId}`), 404, 'not_found');
        }),
    },
  ];
}
