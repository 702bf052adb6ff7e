// When the chat's 20-second first-response clock starts (server/routing/first-response.ts): not while the
// hub's own identification questions are asked, but when the conversation waits for a person. The breach
// timer, its alert and GET /reports/service-level all count from there. Time moves by the hub's clock.
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceClock, settleQueue } from '#tests/helpers/clock.ts';
import {
  client,
  eventually,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';
import { serviceLevelOf } from '#tests/helpers/reports.ts';
import { closeAllVisitors, connectVisitor, visitorSees, webchatInbox } from '#tests/helpers/widget.ts';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => {
  closeAllVisitors();
  await t?.destroy();
});

type Floor = { a: SeededAccount; alerts: Record<string, unknown>[]; socket: Socket };
const floors: Floor[] = [];
afterAll(() => {
  for (const f of floors) f.socket.close();
});

/** An account whose admin watches the agent socket's alerts. */
async function floor(): Promise<Floor> {
  const a = await seedAccount(t, 'Fijacom');
  const socket = connect(`${t.url}/agent`, {
    auth: { token: a.adminToken },
    transports: ['websocket'],
    reconnection: false,
  });
  const alerts: Record<string, unknown>[] = [];
  socket.on('alert', (x) => alerts.push(x));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const f = { a, alerts, socket };
  floors.push(f);
  return f;
}

const conversation = async (a: SeededAccount, id: string) =>
  (await client(t.url, a.adminToken).get(`/conversations/${id}`)).body.data;

type Event = { type: string; data: Record<string, unknown> };

/** The first-response breaches recorded for the conversation (a later next-response one is not). */
const breaches = async (a: SeededAccount, id: string): Promise<Event[]> =>
  (await client(t.url, a.adminToken).get(`/conversations/${id}/events`)).body.data.filter(
    (e: Event) => e.type === 'sla.breached' && e.data.target === 'first_response',
  );

const alerted = (alerts: Record<string, unknown>[], id: string) =>
  alerts.filter((x) => x.conversationId === id && x.type === 'sla.breached' && x.target === 'first_response');

async function answer(a: SeededAccount, id: string, text: string) {
  const r = await client(t.url, a.adminToken).post(`/conversations/${id}/messages`, { text });
  expect(r.status).toBe(201);
}

/** The web-chat figures of the account's service-level report, around the hub's now. */
const webchatLevel = (a: SeededAccount) =>
  serviceLevelOf(t.url, a.adminToken, 'webchat', t.hub.ctx.clock.now().getTime());

/** Moves the hub's clock on and lets every timer then due run. */
async function wait(ms: number) {
  await advanceClock(t, ms);
  await settleQueue(t);
}

describe('the first-response clock', () => {
  it('starts when the identification questions are answered: 60 s of answers, an answer 10 s later is within 20 s', async () => {
    const { a, alerts } = await floor();
    const chat = await webchatInbox(t, a, { language: 'es' });
    const v = await connectVisitor(t, { inboxToken: chat.token });
    const first = await v.emit('message:send', { clientMessageId: 'q-1', text: 'Quiero recargar' });
    const id: string = first.message.conversationId;
    await visitorSees(v, 'su número Fijacom');
    // The customer takes a minute, on the hub's clock, to answer the three questions.
    await wait(20_000);
    await v.emit('message:send', { clientMessageId: 'q-2', text: '7654321' });
    await visitorSees(v, 'su nombre completo');
    await wait(20_000);
    await v.emit('message:send', { clientMessageId: 'q-3', text: 'Ana Pérez Quispe' });
    await visitorSees(v, 'su número de carnet');
    await wait(20_000);
    const last = await v.emit('message:send', { clientMessageId: 'q-4', text: '4567890 LP' });
    await visitorSees(v, 'Un asesor le atenderá');

    const c = await eventually(async () => {
      const x = await conversation(a, id);
      return x.firstResponseDueAt && x;
    });
    // 20 s from the last answer, not from the first message a minute earlier.
    expect(Date.parse(c.firstResponseDueAt) - Date.parse(last.message.createdAt)).toBe(20_000);
    expect(Date.parse(c.firstResponseDueAt) - Date.parse(c.firstCustomerMessageAt)).toBeGreaterThanOrEqual(
      80_000,
    );
    expect(await breaches(a, id)).toEqual([]);

    await wait(10_000);
    await answer(a, id, 'Buenas tardes, le saluda Carla.');
    // Past every due time the first message could have had, and past the questions' limit.
    await wait(200_000);
    expect(await breaches(a, id)).toEqual([]);
    expect(alerted(alerts, id)).toEqual([]);

    const level = await webchatLevel(a);
    expect(level).toMatchObject({
      targetSeconds: 20,
      registered: 1,
      answered: 1,
      answeredWithinTarget: 1,
      serviceLevelPercent: 100,
    });
    // 10 s on the hub's clock, and the moments real time took between the steps.
    expect(level.averageFirstResponseSeconds).toBeGreaterThanOrEqual(10);
    expect(level.averageFirstResponseSeconds).toBeLessThan(15);
  });

  it('starts at the first message where no protocol asks anything', async () => {
    const { a, alerts } = await floor();
    const chat = await webchatInbox(t, a, { protocol: 'none' });
    const v = await connectVisitor(t, { inboxToken: chat.token });
    const first = await v.emit('message:send', { clientMessageId: 'n-1', text: 'Quiero recargar' });
    const id: string = first.message.conversationId;
    const c = await eventually(async () => {
      const x = await conversation(a, id);
      return x.firstResponseDueAt && x;
    });
    expect(Date.parse(c.firstResponseDueAt) - Date.parse(c.firstCustomerMessageAt)).toBe(20_000);
    // The same minute of the customer writing, the same answer 10 s later: 70 s, breached at 20 s.
    for (const [n, text] of ['7654321', 'Ana Pérez Quispe', '4567890 LP'].entries()) {
      await wait(20_000);
      await v.emit('message:send', { clientMessageId: `n-${n + 2}`, text });
    }
    await wait(10_000);
    await answer(a, id, 'Buenas tardes, le saluda Carla.');
    await settleQueue(t);
    expect(await breaches(a, id)).toHaveLength(1);
    await eventually(async () => alerted(alerts, id).length > 0);
    const level = await webchatLevel(a);
    expect(level).toMatchObject({
      registered: 1,
      answered: 1,
      answeredWithinTarget: 0,
      serviceLevelPercent: 0,
    });
    expect(level.averageFirstResponseSeconds).toBeGreaterThanOrEqual(70);
  });

  it('starts at the first message when the pre-chat form already answered the questions', async () => {
    const { a } = await floor();
    const chat = await webchatInbox(t, a, {
      preChat: {
        enabled: true,
        fields: [
          { key: 'name', type: 'text', required: true },
          { key: 'nationalId', type: 'ci', required: true },
          { key: 'serviceNumber', type: 'service_number', required: true },
        ],
      },
    });
    const v = await connectVisitor(t, { inboxToken: chat.token });
    const form = { name: 'Luis Mamani', nationalId: '1234567', fields: { serviceNumber: '4455667' } };
    expect((await v.emit('identify', form)).ok).toBe(true);
    const first = await v.emit('message:send', { clientMessageId: 'k-1', text: 'Hola' });
    const id: string = first.message.conversationId;
    const c = await eventually(async () => {
      const x = await conversation(a, id);
      return x.firstResponseDueAt && x;
    });
    expect(Date.parse(c.firstResponseDueAt) - Date.parse(c.firstCustomerMessageAt)).toBe(20_000);
  });

  it('counts an agent who answers while the questions are still asked as answered at 0 s', async () => {
    const { a, alerts } = await floor();
    const chat = await webchatInbox(t, a, { language: 'es' });
    const v = await connectVisitor(t, { inboxToken: chat.token });
    const first = await v.emit('message:send', { clientMessageId: 'd-1', text: 'Quiero recargar' });
    const id: string = first.message.conversationId;
    await visitorSees(v, 'su número Fijacom');
    await wait(15_000);
    await v.emit('message:send', { clientMessageId: 'd-2', text: '7654321' });
    await visitorSees(v, 'su nombre completo');
    // 30 s after the first message, with a question still open, an agent steps in.
    await wait(15_000);
    await answer(a, id, 'Buenas tardes, le saluda Carla. ¿En qué le ayudo?');
    await v.emit('message:send', { clientMessageId: 'd-3', text: 'Ana, una recarga de 50 Bs' });
    await wait(200_000);
    expect(await breaches(a, id)).toEqual([]);
    expect(alerted(alerts, id)).toEqual([]);
    expect(await webchatLevel(a)).toMatchObject({
      registered: 1,
      answered: 1,
      answeredWithinTarget: 1,
      averageFirstResponseSeconds: 0,
    });
  });

  it('starts after the questions limit when the customer leaves a question unanswered', async () => {
    const { a, alerts } = await floor();
    const chat = await webchatInbox(t, a, { language: 'es' });
    const v = await connectVisitor(t, { inboxToken: chat.token });
    const first = await v.emit('message:send', { clientMessageId: 'l-1', text: 'Quiero recargar' });
    const id: string = first.message.conversationId;
    await visitorSees(v, 'su número Fijacom');
    const arrived = Date.parse((await conversation(a, id)).firstCustomerMessageAt);
    // Measured from the first message, not from now: real time also passes while the spec runs.
    const untilLimit = () => arrived + 180_000 - t.hub.ctx.clock.now().getTime();
    await wait(untilLimit() - 5_000);
    expect((await conversation(a, id)).firstResponseDueAt).toBeNull();
    await wait(untilLimit() + 1_000);
    const c = await eventually(async () => {
      const x = await conversation(a, id);
      return x.firstResponseDueAt && x;
    });
    // The limit is 180 s from the first message; the target runs 20 s from there.
    expect(Date.parse(c.firstResponseDueAt) - Date.parse(c.firstCustomerMessageAt)).toBe(200_000);
    await wait(20_000);
    await eventually(async () => (await breaches(a, id)).length > 0);
    await eventually(async () => alerted(alerts, id).length > 0);
  });
});
