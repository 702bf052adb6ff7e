// The routing timers, driven by moving the hub's clock and releasing the due jobs through the queue:
// a dropped agent's chats go back to the queue after the grace period, overflow to another team,
// re-route when the agent does not answer, and the service-level breach at exactly its due time.
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, eventually, seedAccount, startTestHub, type TestHub } from '../helpers/hub.ts';
import { serviceLevelOf } from '../helpers/reports.ts';
import {
  advanceClock,
  arrive,
  inboxForTeam,
  makeTeam,
  onlineAgents,
  pendingTimers,
  settleQueue,
} from '../helpers/routing.ts';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => {
  await t.destroy();
});

const get = async (token: string, id: string) =>
  (await client(t.url, token).get(`/conversations/${id}`)).body.data;

async function events(token: string, id: string): Promise<{ type: string; data: Record<string, unknown> }[]> {
  return (await client(t.url, token).get(`/conversations/${id}/events`)).body.data;
}

describe('presence', () => {
  it('turns a dropped agent offline after the grace period and re-queues their waiting chats', async () => {
    const account = await seedAccount(t);
    const [gone, other] = await onlineAgents(t, account, 2, { api: 1 });
    const team = await makeTeam(t, account, {
      name: 'Chat',
      strategy: 'least_busy',
      memberIds: [gone.id, other.id],
    });
    const inbox = await inboxForTeam(t, account, team);
    const admin = client(t.url, account.adminToken);
    expect((await admin.patch('/routing/settings', { presenceGraceSeconds: 30 })).status).toBe(200);
    // `other` is busy with one chat; `gone` gets the next one.
    expect((await client(t.url, gone.token).post('/me/presence', { status: 'away' })).status).toBe(200);
    const first = await arrive(t, inbox);
    await eventually(async () => (await get(account.adminToken, first)).assigneeId === other.id);
    expect((await client(t.url, gone.token).post('/me/presence', { status: 'online' })).status).toBe(200);
    const socket = connect(`${t.url}/agent`, {
      auth: { token: gone.token },
      transports: ['websocket'],
      reconnection: false,
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const chat = await arrive(t, inbox);
    await eventually(async () => (await get(account.adminToken, chat)).assigneeId === gone.id);
    socket.close();
    const grace = await eventually(async () => (await pendingTimers(t.hub, 'routing.presence_grace'))[0]);
    expect(grace.data.userId).toBe(Number(gone.id));
    // Not yet: 29 s later the agent is still online and still has the chat.
    await advanceClock(t.hub, 29_000);
    await settleQueue(t);
    expect(await pendingTimers(t.hub, 'routing.presence_grace')).toHaveLength(1);
    expect((await client(t.url, gone.token).get('/me/presence')).body.data.status).toBe('online');
    await advanceClock(t.hub, 2_000);
    await eventually(
      async () => (await client(t.url, gone.token).get('/me/presence')).body.data.status === 'offline',
    );
    const requeued = await eventually(async () => {
      const c = await get(account.adminToken, chat);
      return c.assigneeId === null && c;
    });
    expect(requeued.queuePosition).toBe(1);
    expect((await events(account.adminToken, chat)).map((e) => e.type)).toContain('conversation.requeued');
    // When `other` frees a place, the re-queued chat is theirs.
    expect(
      (await client(t.url, other.token).post(`/conversations/${first}/status`, { status: 'resolved' }))
        .status,
    ).toBe(200);
    await eventually(async () => (await get(account.adminToken, chat)).assigneeId === other.id);
  });

  it('hands every conversation of a disabled agent back: answered, pending and snoozed ones too', async () => {
    const account = await seedAccount(t);
    const [leaving, stays] = await onlineAgents(t, account, 2, { api: 5 });
    const team = await makeTeam(t, account, {
      name: 'Ventas',
      strategy: 'least_busy',
      memberIds: [leaving.id, stays.id],
    });
    const inbox = await inboxForTeam(t, account, team);
    const admin = client(t.url, account.adminToken);
    const agent = client(t.url, leaving.token);
    expect((await client(t.url, stays.token).post('/me/presence', { status: 'away' })).status).toBe(200);
    const [answered, pending, snoozed] = [
      await arrive(t, inbox),
      await arrive(t, inbox),
      await arrive(t, inbox),
    ];
    for (const id of [answered, pending, snoozed])
      await eventually(async () => (await get(account.adminToken, id)).assigneeId === leaving.id);
    // Answered: the customer is not waiting, so going offline alone would leave it with the agent.
    expect(
      (await agent.post(`/conversations/${answered}/messages`, { text: 'Con gusto le ayudo' })).status,
    ).toBe(201);
    expect((await agent.post(`/conversations/${pending}/status`, { status: 'pending' })).status).toBe(200);
    const until = new Date(t.hub.ctx.clock.now().getTime() + 3_600_000).toISOString();
    expect(
      (await agent.post(`/conversations/${snoozed}/status`, { status: 'snoozed', snoozedUntil: until }))
        .status,
    ).toBe(200);
    expect((await client(t.url, stays.token).post('/me/presence', { status: 'online' })).status).toBe(200);

    expect((await admin.patch(`/users/${leaving.id}`, { disabled: true })).status).toBe(200);
    const after = await Promise.all([answered, pending, snoozed].map((id) => get(account.adminToken, id)));
    expect(after.map((c) => [c.status, c.assigneeId === leaving.id])).toEqual([
      ['open', false],
      ['pending', false],
      ['snoozed', false],
    ]);
    for (const id of [answered, pending, snoozed]) {
      const requeued = (await events(account.adminToken, id)).filter(
        (e) => e.type === 'conversation.requeued',
      );
      expect(requeued.map((e) => e.data)).toEqual([{ fromAssigneeId: leaving.id, reason: 'user_disabled' }]);
    }
    // The open one goes to the colleague at once; the others wait unassigned until they wake.
    await eventually(async () => (await get(account.adminToken, answered)).assigneeId === stays.id);
    expect((await get(account.adminToken, pending)).assigneeId).toBeNull();
    expect((await get(account.adminToken, snoozed)).assigneeId).toBeNull();
  });
});

describe('queue timers', () => {
  it('overflows a conversation to the next team after the configured wait', async () => {
    const account = await seedAccount(t);
    const [night] = await onlineAgents(t, account, 1, { api: 5 });
    const backup = await makeTeam(t, account, {
      name: 'Backup',
      strategy: 'least_busy',
      memberIds: [night.id],
    });
    const [offline] = await onlineAgents(t, account, 1, { api: 5 }, { online: false });
    const main = await makeTeam(t, account, {
      name: 'Main',
      strategy: 'least_busy',
      memberIds: [offline.id],
      settings: { overflow: { afterSeconds: 120, teamId: backup } },
    });
    const inbox = await inboxForTeam(t, account, main);
    const id = await arrive(t, inbox);
    const timer = await eventually(async () => (await pendingTimers(t.hub, 'routing.overflow'))[0]);
    const c = await get(account.adminToken, id);
    expect(Date.parse(String(timer.data.dueAt)) - Date.parse(c.queuedAt)).toBe(120_000);
    await advanceClock(t.hub, 60_000);
    await settleQueue(t);
    expect((await get(account.adminToken, id)).teamId).toBe(main);
    await advanceClock(t.hub, 61_000);
    const moved = await eventually(async () => {
      const x = await get(account.adminToken, id);
      return x.assigneeId === night.id && x;
    });
    expect(moved.teamId).toBe(backup);
    const overflowed = (await events(account.adminToken, id)).find(
      (e) => e.type === 'conversation.overflowed',
    )!;
    expect(overflowed.data).toMatchObject({ fromTeamId: main, toTeamId: backup });
  });

  it('re-routes to another agent when the assigned one does not answer in time', async () => {
    const account = await seedAccount(t);
    const [slow, quick] = await onlineAgents(t, account, 2, { api: 5 });
    const team = await makeTeam(t, account, {
      name: 'Care',
      strategy: 'rotation',
      memberIds: [slow.id, quick.id],
      settings: { rerouteAfterSeconds: 45 },
    });
    const inbox = await inboxForTeam(t, account, team);
    const id = await arrive(t, inbox);
    const first = await eventually(async () => (await get(account.adminToken, id)).assigneeId);
    const [holder, otherAgent] = first === slow.id ? [slow, quick] : [quick, slow];
    // Answered in time: the re-route timer does nothing.
    const answered = await arrive(t, inbox);
    const answeredBy = await eventually(async () => (await get(account.adminToken, answered)).assigneeId);
    const token = answeredBy === slow.id ? slow.token : quick.token;
    expect(
      (await client(t.url, token).post(`/conversations/${answered}/messages`, { text: 'Hola, soy yo' }))
        .status,
    ).toBe(201);
    await advanceClock(t.hub, 46_000);
    const rerouted = await eventually(async () => {
      const c = await get(account.adminToken, id);
      return c.assigneeId === otherAgent.id && c;
    });
    expect(rerouted.assigneeId).not.toBe(holder.id);
    const ev = (await events(account.adminToken, id)).find((e) => e.type === 'conversation.rerouted')!;
    expect(ev.data).toMatchObject({ fromAssigneeId: holder.id, reason: 'no_answer' });
    expect((await get(account.adminToken, answered)).assigneeId).toBe(answeredBy);
  });
});

/** One online agent in a least-busy team, the team's API inbox, and the account's SLA targets for API. */
async function slaFloor(team: string, sla: Record<string, number>) {
  const account = await seedAccount(t);
  const [agent] = await onlineAgents(t, account, 1, { api: 5 });
  const teamId = await makeTeam(t, account, { name: team, strategy: 'least_busy', memberIds: [agent.id] });
  const inbox = await inboxForTeam(t, account, teamId);
  const admin = client(t.url, account.adminToken);
  const set = await admin.patch('/routing/settings', { sla: { api: sla }, unansweredSeconds: 300 });
  expect(set.status).toBe(200);
  return { account, agent, inbox, admin, settings: set.body.data };
}

describe('service level', () => {
  it('fires the first-response breach at its due time, as an event and an alert, and not when answered', async () => {
    const { account, agent, inbox, admin, settings } = await slaFloor('Top-ups', {
      firstResponseSeconds: 20,
    });
    expect(settings.sla.api.firstResponseSeconds).toBe(20);
    expect(settings.sla.webchat.firstResponseSeconds).toBe(20);
    const socket = connect(`${t.url}/agent`, {
      auth: { token: agent.token },
      transports: ['websocket'],
      reconnection: false,
    });
    const alerts: Record<string, unknown>[] = [];
    socket.on('alert', (a) => alerts.push(a));
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    try {
      const late = await arrive(t, inbox, 'recarga de 50 Bs por favor');
      const onTime = await arrive(t, inbox, 'recarga de 20 Bs');
      const c = await eventually(async () => {
        const x = await get(account.adminToken, late);
        return x.firstResponseDueAt && x;
      });
      expect(Date.parse(c.firstResponseDueAt) - Date.parse(c.firstCustomerMessageAt)).toBe(20_000);
      expect(
        (await client(t.url, agent.token).post(`/conversations/${onTime}/messages`, { text: 'Con gusto' }))
          .status,
      ).toBe(201);
      expect((await get(account.adminToken, onTime)).firstResponseDueAt).toBeNull();
      // Measured from the due time, not from now: real time also passes while the spec runs (seconds on
      // a loaded machine), and the hub's clock is real time plus the advance.
      const untilDue = () => Date.parse(c.firstResponseDueAt) - t.hub.ctx.clock.now().getTime();
      await advanceClock(t.hub, untilDue() - 5_000);
      await settleQueue(t);
      expect((await events(account.adminToken, late)).some((e) => e.type === 'sla.breached')).toBe(false);
      await advanceClock(t.hub, untilDue() + 1_000);
      const breach = await eventually(async () =>
        (await events(account.adminToken, late)).find((e) => e.type === 'sla.breached'),
      );
      expect(breach.data).toMatchObject({ target: 'first_response', targetSeconds: 20 });
      await eventually(async () =>
        alerts.some((a) => a.conversationId === late && a.type === 'sla.breached'),
      );
      expect((await events(account.adminToken, onTime)).some((e) => e.type === 'sla.breached')).toBe(false);
      // The 20-second indicator: one of the two answered within 20 s.
      const level = await serviceLevelOf(t.url, account.adminToken, 'api', t.hub.ctx.clock.now().getTime());
      expect(level).toMatchObject({
        registered: 2,
        answered: 1,
        answeredWithinTarget: 1,
        serviceLevelPercent: 50,
      });
      const [from, to] = ['2026-01-01', '2026-01-02'];
      expect((await admin.get(`/reports/service-level?from=${to}&to=${from}`)).status).toBe(400);
    } finally {
      socket.close();
    }
  });

  it('stops the clocks while pending and runs them on from where they stood when the customer writes', async () => {
    const { account, inbox, admin } = await slaFloor('Ventas', {
      firstResponseSeconds: 60,
      resolutionSeconds: 600,
    });
    const id = await arrive(t, inbox, 'quiero la línea nueva', 'cust-pause');
    const c0 = await eventually(async () => {
      const x = await get(account.adminToken, id);
      return x.resolutionDueAt && x;
    });
    const firstDue = Date.parse(c0.firstResponseDueAt);
    const resolutionDue = Date.parse(c0.resolutionDueAt);
    await advanceClock(t.hub, 20_000);
    // Waiting for the customer's signed letter: pending, 40 s left of the first-response target.
    const pending = await admin.post(`/conversations/${id}/status`, { status: 'pending' });
    expect(pending.status).toBe(200);
    expect((await events(account.adminToken, id)).map((e) => e.type)).toContain('sla.paused');
    // Long past the first-response due time: nothing breaches while it stands still.
    await advanceClock(t.hub, 120_000);
    await settleQueue(t);
    expect((await events(account.adminToken, id)).some((e) => e.type === 'sla.breached')).toBe(false);

    await arrive(t, inbox, 'ya firmé la carta', 'cust-pause');
    const resumed = await eventually(async () =>
      (await events(account.adminToken, id)).find((e) => e.type === 'sla.resumed'),
    );
    // The hub's clock also runs in real time: the pause lasted the 120 s it was moved on, and a moment.
    const paused = resumed.data.pausedSeconds as number;
    expect(paused).toBeGreaterThanOrEqual(120);
    expect(paused).toBeLessThan(130);
    const c1 = await get(account.adminToken, id);
    expect(c1.status).toBe('open');
    // Each due time moved on by the time it stood still.
    const moved = Date.parse(c1.firstResponseDueAt) - firstDue;
    expect(Math.abs(moved - paused * 1000)).toBeLessThan(1000);
    expect(Date.parse(c1.resolutionDueAt) - resolutionDue).toBe(moved);
    await advanceClock(t.hub, 35_000);
    await settleQueue(t);
    expect((await events(account.adminToken, id)).some((e) => e.type === 'sla.breached')).toBe(false);
    await advanceClock(t.hub, 10_000);
    const breach = await eventually(async () =>
      (await events(account.adminToken, id)).find((e) => e.type === 'sla.breached'),
    );
    expect(breach.data).toMatchObject({ target: 'first_response', dueAt: c1.firstResponseDueAt });
    // Once: the timer of the old due time, fired during the pause, recorded nothing.
    expect((await events(account.adminToken, id)).filter((e) => e.type === 'sla.breached')).toHaveLength(1);
  });

  it("pauses when the agent asks 'anything else?' (resolve requested) and resumes when an agent reopens", async () => {
    const { account, agent, inbox } = await slaFloor('Soporte', { resolutionSeconds: 600 });
    const id = await arrive(t, inbox, 'no tengo señal');
    const c0 = await eventually(async () => {
      const x = await get(account.adminToken, id);
      return x.assigneeId === agent.id && x.resolutionDueAt && x;
    });
    const agentApi = client(t.url, agent.token);
    expect((await agentApi.post(`/conversations/${id}/messages`, { text: 'Ya está resuelto' })).status).toBe(
      201,
    );
    expect((await agentApi.post(`/conversations/${id}/resolve-request`, {})).status).toBe(200);
    expect((await get(account.adminToken, id)).status).toBe('pending');
    expect((await events(account.adminToken, id)).map((e) => e.type)).toContain('sla.paused');
    await advanceClock(t.hub, 30_000);
    expect((await agentApi.post(`/conversations/${id}/status`, { status: 'open' })).status).toBe(200);
    const c1 = await get(account.adminToken, id);
    const moved = Date.parse(c1.resolutionDueAt) - Date.parse(c0.resolutionDueAt);
    expect(moved).toBeGreaterThanOrEqual(30_000);
    expect(moved).toBeLessThan(35_000);
    const resumed = (await events(account.adminToken, id)).find((e) => e.type === 'sla.resumed');
    expect(resumed?.data.pausedSeconds).toBe(Math.round(moved / 1000));
  });
});
