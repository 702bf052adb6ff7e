// Assignment: each strategy's distribution over many arrivals, capacity per channel never exceeded even
// when 100 conversations arrive at once, only online agents get work, the queue's order, claim from a
// manual pool, and transfer with a note.

import { inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversations } from '#server/db/schema.ts';
import { drainQueue } from '#server/routing/drain-queue.ts';
import { client, eventually, seedAccount, startTestHub, type TestHub } from '../helpers/hub.ts';
import { arrive, inboxForTeam, makeTeam, onlineAgents, settleQueue } from '../helpers/routing.ts';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => {
  await t.destroy();
});

async function conversationsOf(token: string, query = '') {
  const r = await client(t.url, token).get(`/conversations?limit=100${query}`);
  return r.body.data as {
    id: string;
    assigneeId: string | null;
    teamId: string | null;
    queuePosition: number | null;
  }[];
}

function tally(list: { assigneeId: string | null }[]) {
  const by: Record<string, number> = {};
  for (const c of list) if (c.assigneeId) by[c.assigneeId] = (by[c.assigneeId] ?? 0) + 1;
  return by;
}

describe('assignment strategies', () => {
  it('least busy: spreads arrivals evenly, counting what each agent already has', async () => {
    const account = await seedAccount(t);
    const agents = await onlineAgents(t, account, 3, { api: 20 });
    const team = await makeTeam(t, account, {
      name: 'Care',
      strategy: 'least_busy',
      memberIds: agents.map((a) => a.id),
    });
    const inbox = await inboxForTeam(t, account, team);
    // Agent 1 already has 4 conversations (given by hand).
    const admin = client(t.url, account.adminToken);
    for (let i = 0; i < 4; i++) {
      const id = await arrive(t, inbox);
      await eventually(async () => (await admin.get(`/conversations/${id}`)).body.data.assigneeId);
      const r = await admin.post(`/conversations/${id}/assign`, { assigneeId: agents[0].id });
      expect(r.status).toBe(200);
    }
    await eventually(async () => tally(await conversationsOf(account.adminToken))[agents[0].id] === 4);
    for (let i = 0; i < 26; i++) await arrive(t, inbox);
    const counts = await eventually(async () => {
      const list = await conversationsOf(account.adminToken);
      return list.every((c) => c.assigneeId) && list.length === 30 && tally(list);
    });
    expect(counts).toEqual({ [agents[0].id]: 10, [agents[1].id]: 10, [agents[2].id]: 10 });
  });

  it('rotation: hands conversations round the team in turn', async () => {
    const account = await seedAccount(t);
    const agents = await onlineAgents(t, account, 3, { api: 20 });
    const team = await makeTeam(t, account, {
      name: 'Sales',
      strategy: 'rotation',
      memberIds: agents.map((a) => a.id),
    });
    const inbox = await inboxForTeam(t, account, team);
    const admin = client(t.url, account.adminToken);
    const order: string[] = [];
    for (let i = 0; i < 9; i++) {
      const id = await arrive(t, inbox);
      order.push(
        await eventually(async () => (await admin.get(`/conversations/${id}`)).body.data.assigneeId),
      );
    }
    // Whoever started, each agent appears once in every three consecutive assignments.
    for (let i = 0; i + 3 <= order.length; i++) expect(new Set(order.slice(i, i + 3)).size).toBe(3);
    expect(Object.values(tally(order.map((assigneeId) => ({ assigneeId }))))).toEqual([3, 3, 3]);
  });

  it('manual: nothing is assigned; an agent claims from the pool within capacity', async () => {
    const account = await seedAccount(t);
    const [agent] = await onlineAgents(t, account, 1, { api: 1 });
    const team = await makeTeam(t, account, {
      name: 'Back office',
      strategy: 'manual',
      memberIds: [agent.id],
    });
    const inbox = await inboxForTeam(t, account, team);
    const a = await arrive(t, inbox);
    const b = await arrive(t, inbox);
    const me = client(t.url, agent.token);
    const waiting = await eventually(async () => {
      const list = await conversationsOf(agent.token);
      return list.length === 2 && list;
    });
    expect(waiting.every((c) => c.assigneeId === null)).toBe(true);
    expect(waiting.map((c) => c.queuePosition).sort()).toEqual([1, 2]);
    const claimed = await me.post(`/conversations/${a}/claim`);
    expect(claimed.status).toBe(200);
    expect(claimed.body.data.assigneeId).toBe(agent.id);
    const full = await me.post(`/conversations/${b}/claim`);
    expect(full.status).toBe(409);
    expect(full.body.error.code).toBe('capacity_full');
    const again = await client(t.url, account.adminToken).post(`/conversations/${a}/claim`);
    expect(again.status).toBe(409);
  });
});

describe('capacity and presence', () => {
  it('never puts an agent over capacity when 100 conversations arrive at once', async () => {
    const account = await seedAccount(t);
    const agents = await onlineAgents(t, account, 5, { api: 3 });
    const team = await makeTeam(t, account, {
      name: 'Rush',
      strategy: 'least_busy',
      memberIds: agents.map((a) => a.id),
    });
    const inbox = await inboxForTeam(t, account, team);
    await Promise.all(Array.from({ length: 100 }, (_, i) => arrive(t, inbox, `rush ${i}`)));
    const list = await eventually(async () => {
      const l = await conversationsOf(account.adminToken);
      return l.length === 100 && l.filter((c) => c.assigneeId).length === 15 && l;
    });
    const counts = tally(list);
    expect(Object.keys(counts).length).toBe(5);
    expect(Math.max(...Object.values(counts))).toBe(3);
    // Five places free up behind the router's back (no routing job), then ten routing runs race (on
    // PostgreSQL on separate connections, as several hub nodes would): exactly five are filled.
    // First let the routing jobs the arrivals queued finish, so the racing runs below are the only ones.
    await eventually(async () => {
      const r = await t.hub.ctx.db.execute(
        sql`select count(*)::int as n from pgboss.job where name = 'route' and state in ('created', 'retry', 'active')`,
      );
      const rows = (Array.isArray(r) ? r : (r as { rows: { n: number }[] }).rows) as { n: number }[];
      return Number(rows[0].n) === 0;
    });
    const freed = agents.map((a) => list.find((c) => c.assigneeId === a.id)!.id);
    await t.hub.ctx.db
      .update(conversations)
      .set({ status: 'resolved', resolvedAt: new Date() })
      .where(inArray(conversations.id, freed.map(Number)));
    const raced = await Promise.all(
      Array.from({ length: 10 }, () => drainQueue(t.hub.ctx, account.accountId)),
    );
    expect(raced.flat()).toHaveLength(5);
    expect(new Set(raced.flat().map((a) => a.conversation.assigneeId)).size).toBe(5);
    await settleQueue(t);
    expect(Math.max(...Object.values(tally(await conversationsOf(account.adminToken, '&status=open'))))).toBe(
      3,
    );
    const open = await conversationsOf(account.adminToken, '&status=open');
    expect(open.filter((c) => c.assigneeId).length).toBe(15);
    // The oldest waiting one takes a place freed by a resolve.
    const waiting = open
      .filter((c) => !c.assigneeId)
      .map((c) => Number(c.id))
      .sort((x, y) => x - y);
    const done = open.find((c) => c.assigneeId === agents[0].id)!;
    expect(
      (await client(t.url, agents[0].token).post(`/conversations/${done.id}/status`, { status: 'resolved' }))
        .status,
    ).toBe(200);
    const next = await eventually(async () => {
      const l = await conversationsOf(account.adminToken, '&status=open');
      return l.filter((c) => c.assigneeId === agents[0].id).length === 3 && l;
    });
    expect(next.filter((c) => c.assigneeId).length).toBe(15);
    const [oldestWaiting] = waiting;
    const got = next.find((c) => Number(c.id) === oldestWaiting)!;
    expect(got.assigneeId).toBe(agents[0].id);
  });

  it('gives work only to online agents, and the queue to whoever comes online, urgent first', async () => {
    const account = await seedAccount(t);
    const [agent] = await onlineAgents(t, account, 1, { api: 2 }, { online: false });
    const team = await makeTeam(t, account, { name: 'Night', strategy: 'least_busy', memberIds: [agent.id] });
    const inbox = await inboxForTeam(t, account, team);
    const first = await arrive(t, inbox);
    const second = await arrive(t, inbox);
    const third = await arrive(t, inbox);
    const admin = client(t.url, account.adminToken);
    expect((await admin.post(`/conversations/${third}/priority`, { priority: 'urgent' })).status).toBe(200);
    const before = await conversationsOf(account.adminToken);
    expect(before.every((c) => c.assigneeId === null)).toBe(true);
    const me = client(t.url, agent.token);
    expect((await me.post('/me/presence', { status: 'away' })).status).toBe(200);
    expect((await conversationsOf(account.adminToken)).every((c) => c.assigneeId === null)).toBe(true);
    expect((await me.post('/me/presence', { status: 'online' })).status).toBe(200);
    const after = await eventually(async () => {
      const l = await conversationsOf(account.adminToken);
      return l.filter((c) => c.assigneeId).length === 2 && l;
    });
    const mine = after
      .filter((c) => c.assigneeId === agent.id)
      .map((c) => c.id)
      .sort();
    expect(mine).toEqual([first, third].sort());
    expect(after.find((c) => c.id === second)!.queuePosition).toBe(1);
  });

  it('requires a listed reason for an auxiliary break and records every presence session', async () => {
    const account = await seedAccount(t);
    const [agent] = await onlineAgents(t, account, 1, { api: 1 });
    const me = client(t.url, agent.token);
    const none = await me.post('/me/presence', { status: 'auxiliary' });
    expect(none.status).toBe(400);
    expect(none.body.error.code).toBe('validation_failed');
    const unknown = await me.post('/me/presence', { status: 'auxiliary', reason: 'Nap' });
    expect(unknown.status).toBe(400);
    const ok = await me.post('/me/presence', { status: 'auxiliary', reason: 'Lunch' });
    expect(ok.status).toBe(200);
    expect(ok.body.data).toMatchObject({ status: 'auxiliary', reason: 'Lunch' });
    expect((await me.get('/me/presence')).body.data.status).toBe('auxiliary');
    const floor = await client(t.url, account.adminToken).get('/presence');
    expect(floor.body.data.find((a: { id: string }) => a.id === agent.id).presence.reason).toBe('Lunch');
    const { presenceSessions } = await import('#server/db/schema.ts');
    const { eq, asc } = await import('drizzle-orm');
    const sessions = await t.hub.ctx.db
      .select()
      .from(presenceSessions)
      .where(eq(presenceSessions.userId, Number(agent.id)))
      .orderBy(asc(presenceSessions.id));
    expect(sessions.map((s) => [s.status, s.reason, s.endedAt !== null])).toEqual([
      ['online', null, true],
      ['auxiliary', 'Lunch', false],
    ]);
  });
});

describe('transfer', () => {
  it('transfers to a team with a private note; that team routes it', async () => {
    const account = await seedAccount(t);
    const [a, b] = await onlineAgents(t, account, 2, { api: 5 });
    const care = await makeTeam(t, account, { name: 'Care', strategy: 'least_busy', memberIds: [a.id] });
    const tech = await makeTeam(t, account, { name: 'Tech', strategy: 'least_busy', memberIds: [b.id] });
    const inbox = await inboxForTeam(t, account, care);
    const id = await arrive(t, inbox, 'my router blinks red');
    const mine = client(t.url, a.token);
    await eventually(async () => (await mine.get(`/conversations/${id}`)).body.data?.assigneeId === a.id);
    const r = await mine.post(`/conversations/${id}/transfer`, {
      teamId: tech,
      note: 'Router issue, line checked',
    });
    expect(r.status).toBe(200);
    expect(r.body.data).toMatchObject({ teamId: tech });
    const taken = await eventually(async () => {
      const c = (await client(t.url, b.token).get(`/conversations/${id}`)).body.data;
      return c?.assigneeId === b.id && c;
    });
    expect(taken.teamId).toBe(tech);
    const messages = (await client(t.url, b.token).get(`/conversations/${id}/messages`)).body.data;
    expect(messages.find((m: { private: boolean }) => m.private).text).toBe('Router issue, line checked');
    const bad = await mine.post(`/conversations/${id}/transfer`, { note: 'nowhere' });
    expect([400, 404]).toContain(bad.status);
  });
});
