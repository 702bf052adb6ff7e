// The Mentions desk's cases for tests/server/isolation.test.ts: account A's admin neither sees nor changes
// account B's items. B's item is one of B's stored messages made a desk item as ingest's subscriber
// makes one (B has no social inbox in that spec's world).
import { and, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { messages, socialItems } from '#server/db/schema.ts';
import { client, type SeededAccount, type TestHub } from '#tests/helpers/hub.ts';

type World = { t: TestHub; A: SeededAccount; B: SeededAccount; bItem: string };

/** Makes B's stored message a public item of the desk, as ingest's subscriber would; its id. */
export async function seedMention(t: TestHub, accountId: number, conversationId: string): Promise<string> {
  const [m] = await t.hub.ctx.db
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, Number(conversationId)), eq(messages.direction, 'in')))
    .limit(1);
  const [row] = await t.hub.ctx.db
    .insert(socialItems)
    .values({
      accountId,
      inboxId: m.inboxId,
      conversationId: m.conversationId,
      messageId: m.id,
      kind: 'comment',
    })
    .returning();
  return String(row.id);
}

export function mentionsIsolationCases(world: () => World): { route: string; run: () => Promise<void> }[] {
  /** Runs `act` as A against B's item; B's item is as B left it afterwards. */
  const untouched = async (act: (a: ReturnType<typeof client>, id: string) => Promise<void>) => {
    const { t, A, B, bItem: id } = world();
    const b = client(t.url, B.adminToken);
    const before = (await b.get(`/mentions/${id}`)).body.data;
    expect(before.status).toBe('new');
    await act(client(t.url, A.adminToken), id);
    expect((await b.get(`/mentions/${id}`)).body.data).toEqual(before);
  };
  /** B lets its marketing reply for the duration of `act`; A's setting and B's stay apart. */
  const withBReplying = async (act: (a: ReturnType<typeof client>) => Promise<void>) => {
    const { t, A, B } = world();
    const b = client(t.url, B.adminToken);
    expect((await b.patch('/social/settings', { marketingMayReply: true })).status).toBe(200);
    await act(client(t.url, A.adminToken));
    expect((await b.get('/social/settings')).body.data).toEqual({ marketingMayReply: true });
    await b.patch('/social/settings', { marketingMayReply: false });
  };
  const notFound = (path: string, body?: unknown) => () =>
    untouched(async (a, id) => {
      const res = await a.post(path.replace(':id', id), body);
      expect({ status: res.status, code: res.body.error?.code }).toEqual({ status: 404, code: 'not_found' });
    });
  return [
    {
      route: 'GET /mentions',
      run: () =>
        untouched(async (a, id) => {
          const res = await a.get('/mentions?include=all&limit=100');
          expect(res.status).toBe(200);
          expect(res.body.data.map((m: { id: string }) => m.id)).not.toContain(id);
        }),
    },
    {
      route: 'GET /mentions/stats',
      run: () =>
        untouched(async (a) => {
          const res = await a.get('/mentions/stats?days=2');
          const today = res.body.data.days.at(-1);
          expect(today.unscored + today.low + today.medium + today.high + today.critical).toBe(0);
        }),
    },
    {
      route: 'GET /mentions/{id}',
      run: () =>
        untouched(async (a, id) => {
          expect((await a.get(`/mentions/${id}`)).status).toBe(404);
        }),
    },
    { route: 'POST /mentions/{id}/actions', run: notFound('/mentions/:id/actions', { action: 'hide' }) },
    { route: 'POST /mentions/{id}/escalate', run: notFound('/mentions/:id/escalate', { note: 'from A' }) },
    { route: 'POST /mentions/{id}/handled', run: notFound('/mentions/:id/handled') },
    { route: 'POST /mentions/{id}/refresh', run: notFound('/mentions/:id/refresh') },
    {
      route: 'GET /social/settings',
      run: () =>
        withBReplying(async (a) => {
          expect((await a.get('/social/settings')).body.data).toEqual({ marketingMayReply: false });
        }),
    },
    {
      route: 'PATCH /social/settings',
      run: () =>
        withBReplying(async (a) => {
          expect((await a.patch('/social/settings', { marketingMayReply: false })).status).toBe(200);
        }),
    },
  ];
}
