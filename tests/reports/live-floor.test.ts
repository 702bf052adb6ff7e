// The supervisors' live floor (issue 16): who waits per team and since when, a queue estimate from the
// team's handling times, each agent's presence and load against capacity, today's service level as the
// report counts it, today's breaches — and the same floor pushed to a watching supervisor's socket when
// an agent's presence changes or a conversation queues, never to an agent. Time moves with the hub's clock.
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FloorJson } from '#shared/floor.schema.ts';
import {
  client,
  eventually,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '../helpers/hub.ts';
import {
  type Agent,
  advanceClock,
  arrive,
  inboxForTeam,
  makeTeam,
  onlineAgents,
  settleQueue,
} from '../helpers/routing.ts';

let t: TestHub;
const sockets: Socket[] = [];
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await t?.destroy();
});

type Watcher = { socket: Socket; updates: FloorJson[] };

async function watcher(token: string): Promise<Watcher> {
  const socket = connect(`${t.url}/agent`, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
  });
  sockets.push(socket);
  const w: Watcher = { socket, updates: [] };
  socket.on('floor:update', (e: { floor: FloorJson }) => w.updates.push(e.floor));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return w;
}

const floorOf = async (token: string): Promise<FloorJson> => {
  const r = await client(t.url, token).get('/floor');
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.data;
};
const conversation = async (account: SeededAccount, id: string) =>
  (await client(t.url, account.adminToken).get(`/conversations/${id}`)).body.data;

/** An account with a supervisor and a team of two agents (one place each for API conversations). */
async function floorWorld(name: string) {
  const account = await seedAccount(t, name);
  const supervisor = await account.user('supervisor', 'Sofía Supervisora');
  const agents = await onlineAgents(t, account, 2, { api: 1 });
  const team = await makeTeam(t, account, {
    name: `${name} care`,
    strategy: 'least_busy',
    memberIds: agents.map((a) => a.id),
  });
  const inbox = await inboxForTeam(t, account, team);
  return { account, supervisor, agents, team, inbox };
}

const presence = (a: Agent, status: string) => client(t.url, a.token).post('/me/presence', { status });

describe('the live floor', () => {
  it('shows who waits per team and since when, the pool, each agent’s load, and a queue estimate', async () => {
    const { account, supervisor, agents, team, inbox } = await floorWorld('Floor counts');
    const [ana, beto] = agents;
    expect((await presence(beto, 'away')).status).toBe(200);
    const first = await arrive(t, inbox);
    await eventually(async () => (await conversation(account, first)).assigneeId === ana.id);
    const second = await arrive(t, inbox);
    const third = await arrive(t, inbox);
    const pool = await arrive(t, await account.apiInbox());
    await settleQueue(t);
    await advanceClock(t, 90_000);

    const floor = await floorOf(supervisor.token);
    const care = floor.teams.find((x) => x.id === team)!;
    const queuedAt = (await conversation(account, second)).queuedAt;
    expect(care).toMatchObject({ waiting: 2, waitingByChannel: { api: 2 }, oldestQueuedAt: queuedAt });
    expect(care.agentIds.sort()).toEqual([ana.id, beto.id].sort());
    expect(care.longestWaitSeconds).toBeGreaterThanOrEqual(90);
    expect(care.longestWaitSeconds).toBeLessThan(150);
    // Nothing resolved yet: no handling time to estimate from.
    expect(care.etaSeconds).toBeNull();
    expect(floor.teams.find((x) => x.id === null)).toMatchObject({
      waiting: 1,
      name: null,
      etaSeconds: null,
    });
    const byId = new Map(floor.agents.map((a) => [a.id, a]));
    expect(byId.get(ana.id)).toMatchObject({
      presence: { status: 'online', reason: null },
      load: [{ channel: 'api', open: 1, capacity: 1 }],
    });
    expect(byId.get(beto.id)?.presence.status).toBe('away');
    expect(byId.get(beto.id)?.load).toEqual([{ channel: 'api', open: 0, capacity: 1 }]);
    // The supervisor and the admin answer no queue of a team: they are not on the floor's agent list.
    expect(byId.has(String(supervisor.user.id))).toBe(false);
    expect(floor.etaNote).toMatch(/handling time/);

    // Ana resolves hers after 90 s: the next one is hers, and one waits about one handling time more.
    const resolved = await client(t.url, ana.token).post(`/conversations/${first}/status`, {
      status: 'resolved',
    });
    expect(resolved.status).toBe(200);
    await eventually(async () => (await conversation(account, second)).assigneeId === ana.id);
    const c1 = await conversation(account, first);
    const handling = (Date.parse(c1.resolvedAt) - Date.parse(c1.assignedAt)) / 1000;
    expect(handling).toBeGreaterThanOrEqual(90);
    const after = (await floorOf(supervisor.token)).teams.find((x) => x.id === team)!;
    expect(after).toMatchObject({
      waiting: 1,
      oldestQueuedAt: (await conversation(account, third)).queuedAt,
    });
    expect(after.etaSeconds).toBe(Math.round(handling));
    expect(pool).toBeTruthy();
  });

  it('pushes the floor to a watching supervisor when an agent changes presence, and not to an agent', async () => {
    const { account, supervisor, agents } = await floorWorld('Floor presence');
    const [ana, beto] = agents;
    const boss = await watcher(supervisor.token);
    const agent = await watcher(ana.token);
    const watched = await boss.socket.emitWithAck('floor:watch', {});
    expect(watched.ok).toBe(true);
    expect(watched.floor.agents.find((a: { id: string }) => a.id === beto.id).presence.status).toBe('online');
    const refused = await agent.socket.emitWithAck('floor:watch', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const before = Date.now();
    expect(
      (await client(t.url, beto.token).post('/me/presence', { status: 'auxiliary', reason: 'Lunch' })).status,
    ).toBe(200);
    const pushed = await eventually(async () =>
      boss.updates.find((f) => f.agents.some((a) => a.id === beto.id && a.presence.status === 'auxiliary')),
    );
    const shown = pushed.agents.find((a) => a.id === beto.id)!;
    expect(shown.presence.reason).toBe('Lunch');
    expect(Date.parse(shown.presence.since!)).toBeGreaterThanOrEqual(before - 1000);
    // The agent's socket heard nothing of it: a round trip after the push finds no floor there.
    await agent.socket.emitWithAck('floor:unwatch', {});
    expect(agent.updates).toEqual([]);
    // Nor does a supervisor of another account.
    const other = await seedAccount(t, 'Floor elsewhere');
    const stranger = await watcher((await other.user('supervisor')).token);
    expect((await stranger.socket.emitWithAck('floor:watch', {})).ok).toBe(true);
    expect((await client(t.url, ana.token).post('/me/presence', { status: 'away' })).status).toBe(200);
    await eventually(async () =>
      boss.updates.some((f) => f.agents.some((a) => a.id === ana.id && a.presence.status === 'away')),
    );
    await stranger.socket.emitWithAck('floor:unwatch', {});
    expect(stranger.updates).toEqual([]);
    expect(account.accountId).not.toBe(other.accountId);
  });

  it('pushes a rising waiting count when a conversation queues', async () => {
    const { supervisor, agents, team, inbox } = await floorWorld('Floor queue');
    for (const a of agents) expect((await presence(a, 'away')).status).toBe(200);
    const boss = await watcher(supervisor.token);
    expect((await boss.socket.emitWithAck('floor:watch', {})).floor.teams[0]).toMatchObject({
      id: team,
      waiting: 0,
    });
    await arrive(t, inbox);
    await eventually(async () => boss.updates.some((f) => f.teams.find((x) => x.id === team)?.waiting === 1));
    await arrive(t, inbox);
    const floor = await eventually(async () =>
      boss.updates.find((f) => f.teams.find((x) => x.id === team)?.waiting === 2),
    );
    expect(floor.teams.find((x) => x.id === team)?.oldestQueuedAt).not.toBeNull();

    // A burst of arrivals is coalesced: never two floors within half a second, and the last one counts all.
    const seen = boss.updates.length;
    await Promise.all(Array.from({ length: 12 }, () => arrive(t, inbox)));
    await eventually(async () =>
      boss.updates.some((f) => f.teams.find((x) => x.id === team)?.waiting === 14),
    );
    const burst = boss.updates.slice(seen - 1).map((f) => Date.parse(f.at));
    for (let i = 1; i < burst.length; i++) expect(burst[i] - burst[i - 1]).toBeGreaterThanOrEqual(450);
  });

  it("gives today's service level as the report counts it, per team, and lists today's breaches", async () => {
    const { account, supervisor, agents, team, inbox } = await floorWorld('Floor service level');
    const admin = client(t.url, account.adminToken);
    expect(
      (await admin.patch('/routing/settings', { sla: { api: { firstResponseSeconds: 20 } } })).status,
    ).toBe(200);
    const [ana, beto] = agents;
    const answered = await arrive(t, inbox);
    const late = await arrive(t, inbox);
    const owner = async (id: string) => eventually(async () => (await conversation(account, id)).assigneeId);
    const mine = (await owner(answered)) === ana.id ? ana : beto;
    expect(
      (await client(t.url, mine.token).post(`/conversations/${answered}/messages`, { text: 'Hola' })).status,
    ).toBe(201);
    const boss = await watcher(supervisor.token);
    expect((await boss.socket.emitWithAck('floor:watch', {})).ok).toBe(true);
    // Nobody answers `late`: its first-response target passes.
    const due = Date.parse((await conversation(account, late)).firstResponseDueAt);
    await advanceClock(t, due - t.hub.ctx.clock.now().getTime() + 1_000);
    const pushed = await eventually(async () => boss.updates.find((f) => f.breaches.length > 0));
    expect(pushed.breaches[0]).toMatchObject({
      conversationId: late,
      teamId: team,
      kind: 'first_response',
      targetSeconds: 20,
    });
    expect(pushed.breachesToday).toBe(1);

    const floor = await floorOf(supervisor.token);
    // The report for today, in the account's zone, says the same.
    const day = floor.day.date;
    const report = await admin.get(`/reports/service-level?from=${day}&to=${day}`);
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    const byChannel = report.body.data.tables.find((x: { key: string }) => x.key === 'byChannel');
    expect(byChannel.totals.cells).toMatchObject({ registered: 2, answeredWithin: 1, serviceLevel: 50 });
    expect(floor.serviceLevel).toMatchObject({
      percent: byChannel.totals.cells.serviceLevel,
      registered: byChannel.totals.cells.registered,
      answeredWithinTarget: byChannel.totals.cells.answeredWithin,
    });
    expect(floor.serviceLevel.channels).toEqual(
      byChannel.rows.map((r: { cells: Record<string, unknown> }) => ({
        channel: r.cells.channel,
        targetSeconds: r.cells.targetSeconds,
        registered: r.cells.registered,
        answeredWithinTarget: r.cells.answeredWithin,
        percent: r.cells.serviceLevel,
      })),
    );
    expect(floor.serviceLevel.channels).toEqual([
      { channel: 'api', targetSeconds: 20, registered: 2, answeredWithinTarget: 1, percent: 50 },
    ]);
    expect(floor.teams.find((x) => x.id === team)?.serviceLevel?.percent).toBe(50);
    expect(floor.breaches.map((b) => b.conversationId)).toEqual([late]);
    // Today is the account's day: midnight to midnight in its time zone (UTC without business hours).
    expect(floor.timeZone).toBe('UTC');
    expect(floor.day.from).toBe(`${floor.day.date}T00:00:00.000Z`);
  });

  it('is for admins and supervisors only', async () => {
    const account = await seedAccount(t, 'Floor roles');
    const agent = await account.user('agent');
    const res = await client(t.url, agent.token).get('/floor');
    expect({ status: res.status, code: res.body.error?.code }).toEqual({ status: 403, code: 'forbidden' });
    expect((await client(t.url, account.adminToken).get('/floor')).status).toBe(200);
  });
});
