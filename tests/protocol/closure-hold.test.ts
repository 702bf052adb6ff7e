// The closure check an agent can hold (issue 19, bug 5): "Customer is waiting on us" keeps the check and
// the auto-resolve away until the agent's next reply, which re-arms it; a hold until an instant gives
// nothing before it and the check closureCheckSeconds after it; releasing re-arms; a customer who writes
// cancels; a note or a reply while held arms nothing. Refusals by role, account and input. One hub; time
// moves by the queue clock (the chat template: check after 120 s of silence, resolve 180 s later).

import { eq } from 'drizzle-orm';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '#server/db/schema.ts';
import { customerOwesAfter } from '#server/protocol/closure-hold.ts';
import { advanceClock, settleQueue } from '#tests/helpers/clock.ts';
import {
  client,
  eventually,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';
import { closeAllVisitors, connectVisitor, visitorSees, webchatInbox } from '#tests/helpers/widget.ts';

const CHECK = '¿Pudimos resolver su consulta?';
const HOUR = 3_600_000;
let t: TestHub;
let a: SeededAccount;
const sockets: Socket[] = [];

beforeAll(async () => {
  t = await startTestHub();
  a = await seedAccount(t, 'Fijacom');
});
afterAll(async () => {
  for (const s of sockets) s.close();
  closeAllVisitors();
  await t?.destroy();
});

const hubNow = () => t.hub.ctx.clock.now().getTime();
const admin = () => client(t.url, a.adminToken);

/** A web chat answered by its agent: the customer owes the next message (the check is armed). */
async function answered() {
  const chat = await webchatInbox(t, a, { language: 'es', preChat: { enabled: false } });
  const agent = await a.user('agent', 'Carla Rojas');
  await t.hub.ctx.db.update(users).set({ presence: 'online' }).where(eq(users.id, agent.user.id));
  const v = await connectVisitor(t, { inboxToken: chat.token });
  const first = await v.emit('message:send', { clientMessageId: `x-${Math.random()}`, text: 'Hola' });
  const id: string = first.message.conversationId;
  const api = client(t.url, agent.token);
  expect(
    (await admin().post(`/conversations/${id}/assign`, { assigneeId: String(agent.user.id) })).status,
  ).toBe(200);
  expect(
    (await api.post(`/conversations/${id}/messages`, { text: 'La reparación tarda dos horas.' })).status,
  ).toBe(201);
  await settleQueue(t);
  return { v, id, api, agent };
}

/** How many closure checks the conversation holds (the hub's stored messages, not the widget's view). */
async function checks(id: string): Promise<number> {
  const all = (await admin().get(`/conversations/${id}/messages`)).body.data as { text: string | null }[];
  return all.filter((m) => m.text?.includes(CHECK)).length;
}

async function passes(ms: number) {
  await advanceClock(t, ms);
  await settleQueue(t);
}

const status = async (id: string) => (await admin().get(`/conversations/${id}`)).body.data.status;
const eventsOf = async (id: string, prefix = 'closure_check.') =>
  ((await admin().get(`/conversations/${id}/events`)).body.data as any[]).filter((e) =>
    e.type.startsWith(prefix),
  );

async function listen(token: string) {
  const socket = connect(`${t.url}/agent`, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
  });
  sockets.push(socket);
  const heard: any[] = [];
  socket.on('conversation:updated', (e) => heard.push(e.conversation));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return heard;
}

describe('closure-check hold', () => {
  it('"waiting on us": no check or resolve past the silence; the agent\'s next reply re-arms it', async () => {
    const { v, id, api, agent } = await answered();
    const seen = await listen(a.adminToken);
    const held = await api.post(`/conversations/${id}/closure-check`, { hold: 'waiting_on_us' });
    expect(held.status).toBe(200);
    expect(held.body.data.closureHold).toMatchObject({
      hold: 'waiting_on_us',
      until: null,
      byUserId: String(agent.user.id),
    });
    // Another console hears of it.
    await eventually(async () => seen.find((c) => c.id === id && c.closureHold?.hold === 'waiting_on_us'));

    await passes(121_000);
    await passes(400_000); // past the check and the auto-resolve together
    expect(await checks(id)).toBe(0);
    expect(await status(id)).toBe('open');
    expect((await admin().get(`/conversations/${id}`)).body.data.closureHold).toMatchObject({
      hold: 'waiting_on_us',
    });

    // The agent comes back with the answer: the hold is answered and the silence counts from this reply.
    expect((await api.post(`/conversations/${id}/messages`, { text: 'Ya quedó reparado.' })).status).toBe(
      201,
    );
    await eventually(async () => seen.find((c) => c.id === id && c.closureHold === null));
    expect((await admin().get(`/conversations/${id}`)).body.data.closureHold).toBeNull();
    await passes(60_000);
    expect(await checks(id)).toBe(0);
    await passes(61_000);
    await visitorSees(v, CHECK);
    expect(await checks(id)).toBe(1);

    const trail = await eventsOf(id);
    expect(trail.map((e) => [e.type, e.data.hold ?? e.data.reason])).toEqual([
      ['closure_check.held', 'waiting_on_us'],
      ['closure_check.released', 'agent_replied'],
    ]);
    expect(trail[0]).toMatchObject({ actorType: 'user', actorId: String(agent.user.id) });
  });

  it('a hold until two hours ahead: nothing at +closureCheckSeconds, the check at until + closureCheckSeconds', async () => {
    const { v, id, api } = await answered();
    const until = new Date(hubNow() + 2 * HOUR).toISOString();
    const held = await api.post(`/conversations/${id}/closure-check`, { hold: 'until', until });
    expect(held.status).toBe(200);
    expect(held.body.data.closureHold).toMatchObject({ hold: 'until', until });

    await passes(121_000);
    expect(await checks(id)).toBe(0);
    // A reply while held arms nothing of its own.
    expect((await api.post(`/conversations/${id}/messages`, { text: 'Sigue en curso.' })).status).toBe(201);
    await passes(HOUR);
    expect(await checks(id)).toBe(0);
    await passes(HOUR - 121_000 - 5_000);
    expect(await checks(id)).toBe(0);
    expect(await status(id)).toBe('open');

    // The hold's instant passes: the hold ends (by the hub) and the silence counts from then.
    await passes(10_000);
    expect((await admin().get(`/conversations/${id}`)).body.data.closureHold).toBeNull();
    const ended = (await eventsOf(id)).find((e) => e.type === 'closure_check.hold_ended');
    expect(ended).toMatchObject({ actorType: 'system', data: { until, armed: true } });
    await passes(100_000);
    expect(await checks(id)).toBe(0);
    await passes(25_000);
    await visitorSees(v, CHECK);
    expect(await checks(id)).toBe(1);
  });

  it('releasing the hold re-arms the check from the release', async () => {
    const { v, id, api } = await answered();
    expect((await api.post(`/conversations/${id}/closure-check`, { hold: 'waiting_on_us' })).status).toBe(
      200,
    );
    await passes(300_000);
    expect(await checks(id)).toBe(0);
    const released = await api.post(`/conversations/${id}/closure-check`, { hold: null });
    expect(released.status).toBe(200);
    expect(released.body.data.closureHold).toBeNull();
    await passes(100_000);
    expect(await checks(id)).toBe(0);
    await passes(25_000);
    await visitorSees(v, CHECK);
    const released_ = (await eventsOf(id)).find((e) => e.type === 'closure_check.released');
    expect(released_.data).toMatchObject({ hadHold: 'waiting_on_us', armed: true });
  });

  it('releasing when nothing is held changes nothing: the silence already counting keeps counting', async () => {
    const { v, id, api } = await answered();
    await passes(60_000);
    const released = await api.post(`/conversations/${id}/closure-check`, { hold: null });
    expect(released.status).toBe(200);
    expect(released.body.data.closureHold).toBeNull();
    await passes(61_000);
    await visitorSees(v, CHECK);
    expect(await eventsOf(id)).toEqual([]);
  });

  it('a customer who writes cancels it; a note or the end of a hold then arms nothing', async () => {
    const { v, id, api } = await answered();
    const until = new Date(hubNow() + 10 * 60_000).toISOString();
    expect((await api.post(`/conversations/${id}/closure-check`, { hold: 'until', until })).status).toBe(200);
    await v.emit('message:send', { clientMessageId: `c-${Math.random()}`, text: 'Gracias, espero.' });
    // A note is for colleagues: the customer owes nothing because of it.
    expect(
      (await api.post(`/conversations/${id}/messages`, { text: 'Llamar a técnica', private: true })).status,
    ).toBe(201);
    await passes(11 * 60_000);
    expect((await eventsOf(id)).find((e) => e.type === 'closure_check.hold_ended')).toMatchObject({
      data: { armed: false },
    });
    await passes(10 * 60_000);
    expect(await checks(id)).toBe(0);
    expect(await status(id)).toBe('open');
  });

  it('asking to resolve while held gives the hold way: the check now, and silence resolves', async () => {
    const { v, id, api } = await answered();
    expect((await api.post(`/conversations/${id}/closure-check`, { hold: 'waiting_on_us' })).status).toBe(
      200,
    );
    const asked = await api.post(`/conversations/${id}/resolve-request`);
    expect(asked.status).toBe(200);
    expect(asked.body.data.closureHold).toBeNull();
    await visitorSees(v, CHECK);
    await passes(181_000);
    expect(await status(id)).toBe('resolved');
    expect((await eventsOf(id)).map((e) => e.data.reason ?? e.data.hold)).toEqual([
      'waiting_on_us',
      'resolve_requested',
    ]);
  });

  it('silence counts only after a reply the customer must answer', () => {
    const reply = { direction: 'out', senderType: 'agent', private: false, contentType: 'text' } as const;
    expect(customerOwesAfter(reply)).toBe(true);
    expect(customerOwesAfter({ ...reply, private: true })).toBe(false);
    expect(customerOwesAfter({ ...reply, senderType: 'system' })).toBe(false);
    expect(customerOwesAfter({ ...reply, senderType: 'bot' })).toBe(false);
    expect(customerOwesAfter({ ...reply, contentType: 'template' })).toBe(false);
    expect(customerOwesAfter({ ...reply, direction: 'in', senderType: 'contact' })).toBe(false);
  });

  it('refuses other roles, other accounts, resolved conversations and bad input, with codes', async () => {
    const { id, api } = await answered();
    const err = (r: { status: number; body: any }) => ({ status: r.status, code: r.body.error?.code });
    const qa = client(t.url, (await a.user('qa', 'Quinn')).token);
    expect(err(await qa.post(`/conversations/${id}/closure-check`, { hold: 'waiting_on_us' }))).toEqual({
      status: 403,
      code: 'forbidden',
    });
    const other = await seedAccount(t, 'Other');
    expect(
      err(await client(t.url, other.adminToken).post(`/conversations/${id}/closure-check`, { hold: null })),
    ).toEqual({ status: 404, code: 'not_found' });
    expect(err(await api.post('/conversations/abc/closure-check', { hold: null }))).toEqual({
      status: 404,
      code: 'not_found',
    });
    const past = new Date(hubNow() - 60_000).toISOString();
    expect(err(await api.post(`/conversations/${id}/closure-check`, { hold: 'until', until: past }))).toEqual(
      {
        status: 422,
        code: 'hold_in_past',
      },
    );
    for (const body of [
      { hold: 'forever' },
      { hold: 'until' },
      { hold: 'until', until: 'mañana' },
      { hold: 'waiting_on_us', until: new Date(hubNow() + HOUR).toISOString() },
      {},
    ]) {
      expect(err(await api.post(`/conversations/${id}/closure-check`, body)), JSON.stringify(body)).toEqual({
        status: 400,
        code: 'validation_failed',
      });
    }
    expect((await admin().get(`/conversations/${id}`)).body.data.closureHold).toBeNull();
    expect((await api.post(`/conversations/${id}/status`, { status: 'resolved' })).status).toBe(200);
    expect(err(await api.post(`/conversations/${id}/closure-check`, { hold: 'waiting_on_us' }))).toEqual({
      status: 409,
      code: 'invalid_state',
    });
  });
});
