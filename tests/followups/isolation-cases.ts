// Follow-ups' cases for tests/server/isolation.test.ts: account A's admin (and A's finance, for the
// finance step) finds none of B's follow-ups or compensations — not listed, not readable, not workable
// (404) — and A's report counts none of B's amounts. B's follow-ups, read back by B, are as they were.
import { expect } from 'vitest';
import { client, type SeededAccount, type TestHub } from '#tests/helpers/hub.ts';

export type FollowUpsOfB = {
  conversation: string;
  owner: string;
  /** A follow-up without a compensation, and one with its compensation credited. */
  open: string;
  compensated: string;
  compensation: string;
};
type World = { t: TestHub; A: SeededAccount; B: SeededAccount; b: FollowUpsOfB };

const B_NOTE = 'B secret follow-up note';
const B_REASON = 'B secret compensation reason';

/** On B's existing conversation, through B's own API: nothing about the conversation itself changes. */
export async function seedFollowUpsOfB(
  t: TestHub,
  B: SeededAccount,
  conversation: string,
): Promise<FollowUpsOfB> {
  const admin = client(t.url, B.adminToken);
  const owner = await B.user('follow_up', 'B follow-up');
  const finance = client(t.url, (await B.user('finance', 'B finance')).token);
  const dueAt = new Date(Date.now() + 30 * 24 * 3600_000).toISOString();
  const open = async () => {
    const res = await admin.post(`/conversations/${conversation}/follow-ups`, {
      kind: 'paid_visit',
      dueAt,
      ownerId: String(owner.user.id),
      note: B_NOTE,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.data.id as string;
  };
  const first = await open();
  const compensated = await open();
  const est = await admin.post(`/follow-ups/${compensated}/compensation`, { amount: 77.7, reason: B_REASON });
  expect(est.status, JSON.stringify(est.body)).toBe(201);
  const compensation = est.body.data.id as string;
  expect((await finance.post(`/compensations/${compensation}/credit`, { reference: 'B-REF' })).status).toBe(
    200,
  );
  return { conversation, owner: String(owner.user.id), open: first, compensated, compensation };
}

export function followUpIsolationCases(world: () => World): { route: string; run: () => Promise<void> }[] {
  const a = () => client(world().t.url, world().A.adminToken);
  const bApi = () => client(world().t.url, world().B.adminToken);
  const bState = async () => {
    const b = world().b;
    const out: unknown[] = [];
    for (const id of [b.open, b.compensated]) out.push((await bApi().get(`/follow-ups/${id}`)).body);
    out.push((await bApi().get('/compensations')).body);
    return out;
  };
  const notFound = async (
    path: (b: FollowUpsOfB) => string,
    body: unknown = {},
    as: () => Promise<ReturnType<typeof client>> = async () => a(),
    method: 'GET' | 'POST' = 'POST',
  ) => {
    const before = await bState();
    const b = world().b;
    const res = await (await as()).raw<any>(method, path(b), method === 'GET' ? undefined : body);
    expect({ status: res.status, code: res.body?.error?.code }, `${method} ${path(b)}`).toEqual({
      status: 404,
      code: 'not_found',
    });
    expect(await bState()).toEqual(before);
  };
  const dueAt = () => new Date(Date.now() + 3600_000).toISOString();
  return [
    {
      route: 'POST /conversations/{id}/follow-ups',
      run: () =>
        notFound((b) => `/conversations/${b.conversation}/follow-ups`, { kind: 'other', dueAt: dueAt() }),
    },
    {
      route: 'GET /follow-ups',
      run: async () => {
        const res = await a().get('/follow-ups');
        expect(res.status).toBe(200);
        const ids = res.body.data.map((f: any) => f.id);
        expect(ids).not.toContain(world().b.open);
        expect(ids).not.toContain(world().b.compensated);
        expect(JSON.stringify(res.body)).not.toContain(B_NOTE);
        expect((await a().get(`/follow-ups?ownerId=${world().b.owner}`)).body.data).toEqual([]);
      },
    },
    {
      route: 'GET /follow-ups/{id}',
      run: () => notFound((b) => `/follow-ups/${b.open}`, undefined, undefined, 'GET'),
    },
    {
      route: 'POST /follow-ups/{id}/close',
      run: () => notFound((b) => `/follow-ups/${b.open}/close`, { customerTold: true }),
    },
    {
      route: 'POST /follow-ups/{id}/forward',
      run: async () => {
        const team = (await a().post('/teams', { name: `A team ${Date.now()}`, memberIds: [] })).body.data.id;
        await notFound((b) => `/follow-ups/${b.open}/forward`, { teamId: team, note: 'A forwards' });
      },
    },
    {
      route: 'POST /follow-ups/{id}/reassign',
      run: () => notFound((b) => `/follow-ups/${b.open}/reassign`, { ownerId: String(world().A.admin.id) }),
    },
    {
      route: 'POST /follow-ups/{id}/compensation',
      run: async () => {
        await notFound((b) => `/follow-ups/${b.open}/compensation`, { amount: 1, reason: 'A' });
        await notFound((b) => `/follow-ups/${b.compensated}/compensation`, { amount: 1, reason: 'A' });
      },
    },
    {
      route: 'GET /compensations',
      run: async () => {
        const res = await a().get('/compensations');
        expect(res.status).toBe(200);
        expect(res.body.data.map((c: any) => c.id)).not.toContain(world().b.compensation);
        expect(JSON.stringify(res.body)).not.toContain(B_REASON);
      },
    },
    {
      route: 'GET /compensations/report',
      run: async () => {
        const res = await a().get('/compensations/report?from=2000-01-01&to=2099-12-31');
        expect(res.status).toBe(200);
        expect(JSON.stringify(res.body)).not.toContain(B_REASON);
        expect(res.body.data.total).toBe('0.00');
      },
    },
    {
      route: 'POST /compensations/{id}/credit',
      // The step is finance's: A's finance officer, not A's admin (who is refused the step itself).
      run: () =>
        notFound(
          (b) => `/compensations/${b.compensation}/credit`,
          { reference: 'A-REF' },
          async () => client(world().t.url, (await world().A.user('finance', 'A finance')).token),
        ),
    },
    {
      route: 'POST /compensations/{id}/tell',
      run: () => notFound((b) => `/compensations/${b.compensation}/tell`, { via: 'call' }),
    },
    {
      route: 'POST /compensations/{id}/close',
      run: () => notFound((b) => `/compensations/${b.compensation}/close`),
    },
  ];
}
