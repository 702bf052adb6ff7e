// Snooze that wakes up: a snoozed conversation opens again at `snoozedUntil` (not before), through a
// durable timer driven by moving the hub's clock; a timer whose snooze was replaced (re-snoozed to a later
// time, woken by the customer, set to another status) does nothing; the assignee hears of it on their
// own socket; an unassigned conversation that wakes (by the clock or by the customer writing) goes back
// to its team's queue and is routed at once.
import { sql } from 'drizzle-orm';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  eventually,
  incoming,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';
import { advanceClock, inboxForTeam, makeTeam, onlineAgents, settleQueue } from '#tests/helpers/routing.ts';

let t: TestHub;
let account: SeededAccount;
let inbox: { id: string; token: string };
const sockets: Socket[] = [];
const HOUR = 3_600_000;

beforeAll(async () => {
  t = await startTestHub();
  account = await seedAccount(t);
  inbox = await account.apiInbox();
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await t.destroy();
});

const admin = () => client(t.url, account.adminToken);
const hubNow = () => t.hub.ctx.clock.now().getTime();
const at = (ms: number) => new Date(hubNow() + ms).toISOString();
const get = async (id: string) => (await admin().get(`/conversations/${id}`)).body.data;
const eventTypes = async (id: string) =>
  (
    (await admin().get(`/conversations/${id}/events`)).body.data as { type: string; actorType: string }[]
  ).filter((e) => e.type === 'conversation.unsnoozed');

let seq = 0;
async function customerWrites(thread: string, text = 'hola') {
  const r = await incoming(t.url, inbox, {
    externalId: `snooze-${++seq}-${Math.random().toString(36).slice(2)}`,
    contact: { externalId: thread, name: 'Customer' },
    threadKey: thread,
    text,
  });
  expect(r.status).toBe(201);
  return (r.body as { data: { conversation: { id: string } } }).data.conversation.id;
}

/** The wake timers of a conversation the queue has finished running (it ran, whatever it decided). */
async function ranWakeTimers(id: string): Promise<string[]> {
  const r = await t.hub.ctx.db.execute<{ due: string }>(
    sql`select data->>'dueAt' as due from pgboss.job where name = 'timer' and state = 'completed'
        and data->>'kind' = 'conversation.wake' and data->>'conversationId' = ${id}`,
  );
  const rows = (Array.isArray(r) ? r : (r as { rows: { due: string }[] }).rows) ?? [];
  return rows.map((row) => row.due);
}

async function listen(token: string) {
  const socket = connect(`${t.url}/agent`, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
  });
  sockets.push(socket);
  const heard = { notices: [] as any[], conversations: [] as any[] };
  socket.on('notice', (n) => heard.notices.push(n));
  socket.on('conversation:updated', (e) => heard.conversations.push(e.conversation));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return heard;
}

describe('snooze', () => {
  it('wakes at snoozedUntil, not before, and tells the assignee', async () => {
    const agent = await account.user('agent', 'Sam');
    const id = await customerWrites(`wake-${Date.now()}`);
    expect(
      (await admin().post(`/conversations/${id}/assign`, { assigneeId: String(agent.user.id) })).status,
    ).toBe(200);
    const heard = await listen(agent.token);
    const until = at(HOUR);
    const snoozed = await client(t.url, agent.token).post(`/conversations/${id}/status`, {
      status: 'snoozed',
      snoozedUntil: until,
    });
    expect(snoozed.status).toBe(200);
    expect(snoozed.body.data).toMatchObject({ status: 'snoozed', snoozedUntil: until });

    // A minute early: nothing.
    await advanceClock(t, HOUR - 60_000);
    await settleQueue(t);
    expect(await get(id)).toMatchObject({ status: 'snoozed', snoozedUntil: until });
    expect(await ranWakeTimers(id)).toEqual([]);

    await advanceClock(t, 61_000);
    const woke = await eventually(async () => {
      const c = await get(id);
      return c.status === 'open' && c;
    });
    expect(woke).toMatchObject({ snoozedUntil: null, assigneeId: String(agent.user.id) });
    expect(await eventTypes(id)).toEqual([expect.objectContaining({ actorType: 'system' })]);
    await eventually(async () => heard.notices.length > 0);
    expect(heard.notices).toEqual([
      { type: 'conversation.unsnoozed', conversationId: id, snoozedUntil: until },
    ]);
    expect(heard.conversations.at(-1)).toMatchObject({ id, status: 'open', snoozedUntil: null });
  });

  it('a re-snooze to a later time does not wake at the old time', async () => {
    const id = await customerWrites(`later-${Date.now()}`);
    const first = at(HOUR);
    const later = at(3 * HOUR);
    expect(
      (await admin().post(`/conversations/${id}/status`, { status: 'snoozed', snoozedUntil: first })).status,
    ).toBe(200);
    expect(
      (await admin().post(`/conversations/${id}/status`, { status: 'snoozed', snoozedUntil: later })).status,
    ).toBe(200);
    await advanceClock(t, HOUR + 60_000);
    // The first timer runs and finds the conversation snoozed until another time.
    await eventually(async () => (await ranWakeTimers(id)).includes(first));
    expect(await get(id)).toMatchObject({ status: 'snoozed', snoozedUntil: later });
    expect(await eventTypes(id)).toEqual([]);

    await advanceClock(t, 2 * HOUR);
    await eventually(async () => (await get(id)).status === 'open');
    expect(await eventTypes(id)).toHaveLength(1);
  });

  it("a customer's message wakes it before the time, and the old timer then does nothing", async () => {
    const thread = `early-${Date.now()}`;
    const id = await customerWrites(thread);
    const until = at(HOUR);
    expect(
      (await admin().post(`/conversations/${id}/status`, { status: 'snoozed', snoozedUntil: until })).status,
    ).toBe(200);
    expect(await customerWrites(thread, 'are you there?')).toBe(id);
    expect(await get(id)).toMatchObject({ status: 'open', snoozedUntil: null });
    // The agent parks it as pending; a timer that ignored what happened would open it again.
    expect((await admin().post(`/conversations/${id}/status`, { status: 'pending' })).status).toBe(200);
    await advanceClock(t, HOUR + 60_000);
    await eventually(async () => (await ranWakeTimers(id)).includes(until));
    expect(await get(id)).toMatchObject({ status: 'pending', snoozedUntil: null });
    expect(await eventTypes(id)).toEqual([]);
  });

  it('a conversation resolved while snoozed stays resolved', async () => {
    const id = await customerWrites(`resolved-${Date.now()}`);
    const until = at(HOUR);
    await admin().post(`/conversations/${id}/status`, { status: 'snoozed', snoozedUntil: until });
    expect((await admin().post(`/conversations/${id}/status`, { status: 'resolved' })).status).toBe(200);
    await advanceClock(t, HOUR + 60_000);
    await eventually(async () => (await ranWakeTimers(id)).includes(until));
    expect((await get(id)).status).toBe('resolved');
  });

  it('refuses a time that is not in the future (by the hub clock)', async () => {
    const id = await customerWrites(`past-${Date.now()}`);
    for (const snoozedUntil of [at(-60_000), at(0), '2001-01-01T00:00:00Z']) {
      const r = await admin().post(`/conversations/${id}/status`, { status: 'snoozed', snoozedUntil });
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('validation_failed');
    }
    expect((await get(id)).status).toBe('open');
  });

  it('an unassigned conversation that wakes goes back to its queue and is assigned', async () => {
    const [agent] = await onlineAgents(t, account, 1, { api: 2 }, { online: false });
    const team = await makeTeam(t, account, {
      name: 'Snoozers',
      strategy: 'least_busy',
      memberIds: [agent.id],
    });
    const teamInbox = await inboxForTeam(t, account, team);
    const r = await incoming(t.url, teamInbox, {
      externalId: `q-${Date.now()}`,
      contact: { externalId: `q-${Date.now()}`, name: 'Queued' },
      text: 'hello',
    });
    const id = (r.body as { data: { conversation: { id: string } } }).data.conversation.id;
    expect(await get(id)).toMatchObject({ assigneeId: null, teamId: team });
    await admin().post(`/conversations/${id}/status`, { status: 'snoozed', snoozedUntil: at(HOUR) });
    // The agent comes online while it sleeps: a snoozed conversation is not handed out.
    expect((await client(t.url, agent.token).post('/me/presence', { status: 'online' })).status).toBe(200);
    await settleQueue(t);
    expect(await get(id)).toMatchObject({ status: 'snoozed', assigneeId: null });

    await advanceClock(t, HOUR + 1_000);
    const woke = await eventually(async () => {
      const c = await get(id);
      return c.assigneeId === agent.id && c;
    });
    expect(woke.status).toBe('open');
    expect(await eventTypes(id)).toHaveLength(1);
  });

  it('an unassigned conversation the customer wakes is assigned at once, keeping its place', async () => {
    const [agent] = await onlineAgents(t, account, 1, { api: 2 }, { online: false });
    const team = await makeTeam(t, account, {
      name: 'Despertados',
      strategy: 'least_busy',
      memberIds: [agent.id],
    });
    const teamInbox = await inboxForTeam(t, account, team);
    const thread = `woken-${Date.now()}`;
    const write = (text: string) =>
      incoming(t.url, teamInbox, {
        externalId: `${thread}-${++seq}`,
        contact: { externalId: thread, name: 'Despierta' },
        threadKey: thread,
        text,
      });
    const id = ((await write('hola')).body as { data: { conversation: { id: string } } }).data.conversation
      .id;
    const queuedAt = (await t.hub.ctx.db.execute<{ q: string }>(
      sql`select queued_at::text as q from conversations where id = ${Number(id)}`,
    )) as unknown as { rows?: { q: string }[] } | { q: string }[];
    await admin().post(`/conversations/${id}/status`, { status: 'snoozed', snoozedUntil: at(HOUR) });
    expect((await client(t.url, agent.token).post('/me/presence', { status: 'online' })).status).toBe(200);
    await settleQueue(t);
    expect(await get(id)).toMatchObject({ status: 'snoozed', assigneeId: null });

    // The customer writes long before the hour is up: the router takes it now, not at some later run.
    expect((await write('¿siguen ahí?')).status).toBe(201);
    const taken = await eventually(async () => {
      const c = await get(id);
      return c.assigneeId === agent.id && c;
    });
    expect(taken.status).toBe('open');
    const events = (await admin().get(`/conversations/${id}/events`)).body.data as {
      type: string;
      data: Record<string, unknown>;
    }[];
    expect(events.filter((e) => e.type === 'conversation.reopened').map((e) => e.data)).toEqual([
      { reason: 'customer_message', from: 'snoozed' },
    ]);
    // It kept its age in the queue.
    const after = (await t.hub.ctx.db.execute<{ q: string }>(
      sql`select queued_at::text as q from conversations where id = ${Number(id)}`,
    )) as unknown as { rows?: { q: string }[] } | { q: string }[];
    const rowsOf = (r: typeof after) => (Array.isArray(r) ? r : (r.rows ?? []));
    expect(rowsOf(queuedAt)[0]?.q).toMatch(/^\d{4}-/);
    expect(rowsOf(after)[0]?.q).toBe(rowsOf(queuedAt)[0]?.q);
  });
});
