// "Resolve requested": the agent asks to close; the hub sends the closure check, the conversation waits
// for the customer, and silence resolves it with the farewell and the survey — while a customer who
// answers keeps it open. Time moves by the clock.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '#server/db/schema.ts';
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

let t: TestHub;
let a: SeededAccount;

beforeAll(async () => {
  t = await startTestHub();
  a = await seedAccount(t, 'Fijacom');
});
afterAll(async () => {
  closeAllVisitors();
  await t?.destroy();
});

async function conversationWithAgent() {
  const chat = await webchatInbox(t, a, { language: 'es', preChat: { enabled: false } });
  const agent = await a.user('agent', 'Carla Rojas');
  await t.hub.ctx.db.update(users).set({ presence: 'online' }).where(eq(users.id, agent.user.id));
  const v = await connectVisitor(t, { inboxToken: chat.token });
  const first = await v.emit('message:send', {
    clientMessageId: `x-${Math.random()}`,
    text: 'Hola, una consulta',
  });
  const id: string = first.message.conversationId;
  const api = client(t.url, agent.token);
  expect(
    (
      await client(t.url, a.adminToken).post(`/conversations/${id}/assign`, {
        assigneeId: String(agent.user.id),
      })
    ).status,
  ).toBe(200);
  expect(
    (await api.post(`/conversations/${id}/messages`, { text: 'Soy Carla, ya quedó registrada.' })).status,
  ).toBe(201);
  return { v, id, api };
}

describe('resolve requested', () => {
  it('sends the closure check, waits as pending, and resolves on silence with farewell and survey', async () => {
    const { v, id, api } = await conversationWithAgent();
    const r = await api.post(`/conversations/${id}/resolve-request`);
    expect(r.status).toBe(200);
    expect(r.body.data.status).toBe('pending');
    await visitorSees(v, '¿Pudimos resolver su consulta?');
    await advanceClock(t, 181_000);
    await eventually(async () => (await api.get(`/conversations/${id}`)).body.data.status === 'resolved');
    await visitorSees(v, 'Gracias por usar el chat');
    await eventually(async () => v.events['survey:request']?.[0]);
    const again = await api.post(`/conversations/${id}/resolve-request`);
    expect(again.status).toBe(409);
  });

  it('stays open when the customer answers the closure check', async () => {
    const { v, id, api } = await conversationWithAgent();
    expect((await api.post(`/conversations/${id}/resolve-request`)).status).toBe(200);
    await visitorSees(v, '¿Pudimos resolver su consulta?');
    await v.emit('message:send', { clientMessageId: 'more', text: 'Sí, una cosa más: mi saldo' });
    await eventually(async () => (await api.get(`/conversations/${id}`)).body.data.status === 'open');
    await advanceClock(t, 400_000);
    await settleQueue(t);
    expect((await api.get(`/conversations/${id}`)).body.data.status).toBe('open');
  });
});
