// The chat protocol over the real widget socket, from greeting to survey: the hub greets and asks for the
// Fijacom identification (an invalid 6-digit number is asked again with the reason, the valid answers
// land on the contact), sees the agent introduce themself, checks closure after a silence, resolves by
// itself with the farewell, and the visitor's stars are stored with the agent. The questions hand over
// to a person when the customer asks for one, cannot give a required field (a prospect has no number)
// or answers wrongly three times — with the reason on the step — and an optional field can be passed
// over. Time moves by the clock.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationEvents, conversations, users } from '#server/db/schema.ts';
import { advanceClock, settleQueue } from '#tests/helpers/clock.ts';
import {
  client,
  eventually,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';
import {
  closeAllVisitors,
  connectVisitor,
  hubSaid,
  visitorSees,
  webchatInbox,
} from '#tests/helpers/widget.ts';

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

describe('chat protocol', () => {
  it('runs greeting, identification, introduction, closure check, auto-resolve with farewell, and survey', async () => {
    const chat = await webchatInbox(t, a, { language: 'es' });
    const carla = await a.user('agent', 'Carla Rojas');
    await t.hub.ctx.db.update(users).set({ presence: 'online' }).where(eq(users.id, carla.user.id));
    const admin = client(t.url, a.adminToken);
    const agent = client(t.url, carla.token);
    const v = await connectVisitor(t, { inboxToken: chat.token });

    const first = await v.emit('message:send', {
      clientMessageId: 'c-1',
      text: 'Hola, quiero recargar mi Fijacom',
    });
    const id = first.message.conversationId;
    const greeting = await visitorSees(v, 'Bienvenido');
    expect(greeting).toContain('¡Hola! Bienvenido al servicio de atención de Fijacom.');
    expect(greeting).toContain('Por favor, indíquenos su número Fijacom (7 dígitos).');

    // A 6-digit number is not a Fijacom number: asked again, with the reason.
    await v.emit('message:send', { clientMessageId: 'c-2', text: '123456' });
    expect(await visitorSees(v, '«123456» no es válido')).toContain('su número Fijacom (7 dígitos)');
    await v.emit('message:send', { clientMessageId: 'c-3', text: '7654321' });
    await visitorSees(v, 'su nombre completo');
    await v.emit('message:send', { clientMessageId: 'c-4', text: 'Ana Pérez Quispe' });
    await visitorSees(v, 'su número de carnet');
    await v.emit('message:send', { clientMessageId: 'c-5', text: '4567890 LP' });
    await visitorSees(v, 'Un asesor le atenderá');

    const conv = (await admin.get(`/conversations/${id}`)).body.data;
    expect(conv.contact).toMatchObject({
      name: 'Ana Pérez Quispe',
      attributes: { serviceNumber: '7654321', nationalId: '4567890 LP' },
    });
    // Every answer is an ordinary stored message: nothing the customer wrote is lost.
    const stored = (await admin.get(`/conversations/${id}/messages`)).body.data;
    expect(stored.filter((m: any) => m.direction === 'in').map((m: any) => m.text)).toEqual([
      'Hola, quiero recargar mi Fijacom',
      '123456',
      '7654321',
      'Ana Pérez Quispe',
      '4567890 LP',
    ]);

    expect(
      (await admin.post(`/conversations/${id}/assign`, { assigneeId: String(carla.user.id) })).status,
    ).toBe(200);
    await agent.post(`/conversations/${id}/messages`, {
      text: 'Buenas tardes, le saluda Carla. Su recarga ya está hecha.',
    });
    const checklist = await eventually(async () => {
      const res = await agent.get(`/conversations/${id}/protocol`);
      const steps = Object.fromEntries(res.body.data.steps.map((s: any) => [s.key, s]));
      return steps.agent_introduction.status === 'done' && steps.check_equipment.status === 'done'
        ? steps
        : undefined;
    });
    expect(checklist.agent_introduction.doneBy).toEqual({ type: 'user', id: String(carla.user.id) });
    expect(checklist.identification).toMatchObject({ status: 'done', doneBy: { type: 'contact' } });
    expect(checklist.greeting.status).toBe('done');
    expect(checklist.receive_request.status).toBe('done');

    // The customer stays silent: after two minutes the closure check, three more and the hub resolves.
    await advanceClock(t, 121_000);
    await visitorSees(v, '¿Pudimos resolver su consulta?');
    expect((await admin.get(`/conversations/${id}`)).body.data.status).toBe('open');
    await advanceClock(t, 181_000);
    await eventually(async () =>
      v.events['conversation:updated']?.find((e) => e.conversation.status === 'resolved'),
    );
    expect(await visitorSees(v, 'Gracias por usar el chat de Fijacom')).toBeTruthy();
    await eventually(async () => v.events['survey:request']?.[0]);
    const [resolvedBy] = await t.hub.ctx.db
      .select()
      .from(conversationEvents)
      .where(
        and(
          eq(conversationEvents.conversationId, Number(id)),
          eq(conversationEvents.type, 'conversation.status_changed'),
        ),
      );
    expect(resolvedBy).toMatchObject({ actorType: 'system', data: { to: 'resolved', reason: 'inactivity' } });

    expect(await v.emit('survey:submit', { rating: 5, comment: 'muy rápido' })).toEqual({ ok: true });
    const rated = (await admin.get(`/conversations/${id}`)).body.data;
    expect(rated.rating).toMatchObject({ rating: 5, comment: 'muy rápido', agentId: String(carla.user.id) });

    // Compliance is stored for reports: everything but the two checklist items the agent did not tick.
    const meta = await eventually(async () => {
      const [row] = await t.hub.ctx.db
        .select()
        .from(conversations)
        .where(eq(conversations.id, Number(id)));
      return row.meta.protocolCompliance as { done: number; required: number } | undefined;
    });
    expect(meta).toMatchObject({ protocol: 'chat', done: 8, required: 10, ratio: 0.8 });
  });

  it('does not ask what the pre-chat form already told', async () => {
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
    await v.emit('message:send', { clientMessageId: 'p-1', text: 'Hello' });
    const greeting = await visitorSees(v, 'Welcome');
    expect(greeting).toBe('Hello Luis Mamani! Welcome to Fijacom customer service.');
    expect(hubSaid(v).join(' ')).not.toContain('Please tell us');
    const id = v.events['message:new'][0].message.conversationId;
    const steps = (await client(t.url, a.adminToken).get(`/conversations/${id}/protocol`)).body.data.steps;
    expect(steps.find((s: any) => s.key === 'identification')).toMatchObject({
      status: 'done',
      data: { prefilled: true },
    });
  });

  /** A visitor's conversation on a Spanish web chat, after the greeting and the first question. */
  async function startChat(id: string) {
    const chat = await webchatInbox(t, a, { language: 'es' });
    const v = await connectVisitor(t, { inboxToken: chat.token });
    const first = await v.emit('message:send', { clientMessageId: `${id}-1`, text: 'Hola' });
    await visitorSees(v, 'su número Fijacom (7 dígitos)');
    const admin = client(t.url, a.adminToken);
    const identification = async () =>
      (await admin.get(`/conversations/${first.message.conversationId}/protocol`)).body.data.steps.find(
        (x: any) => x.key === 'identification',
      );
    return { v, conversationId: first.message.conversationId as string, identification };
  }

  it('a prospect with no number is handed to a person, not asked again forever', async () => {
    const { v, identification } = await startChat('prospect');
    await v.emit('message:send', { clientMessageId: 'prospect-2', text: 'No tengo, todavía no soy cliente' });
    expect(await visitorSees(v, 'un asesor le atenderá')).toBe(
      'No hay problema: un asesor le atenderá en breve.',
    );
    expect(hubSaid(v).join(' ')).not.toContain('no es válido');
    expect(await identification()).toMatchObject({
      status: 'pending',
      data: { asking: null, handedOver: true, reason: 'cannot_answer', field: 'serviceNumber' },
    });
    // What they write next is for the agent: no more questions.
    const before = hubSaid(v).length;
    await v.emit('message:send', { clientMessageId: 'prospect-3', text: 'Quiero contratar internet' });
    await settleQueue(t);
    expect(hubSaid(v).length).toBe(before);
  });

  it('asking for a person ends the questions at once, in any field', async () => {
    const { v, identification } = await startChat('person');
    await v.emit('message:send', { clientMessageId: 'person-2', text: '7654321' });
    await visitorSees(v, 'su nombre completo');
    // A name would pass as a name: the wish for a person is heard first.
    await v.emit('message:send', { clientMessageId: 'person-3', text: 'Quiero hablar con un asesor' });
    await visitorSees(v, 'No hay problema: un asesor');
    expect(await identification()).toMatchObject({
      data: { handedOver: true, reason: 'asked_for_person', field: 'name' },
    });
  });

  it('three invalid answers hand over too, and the customer is told', async () => {
    const { v, identification } = await startChat('wrong');
    for (const [i, text] of ['12', '123', 'abc'].entries()) {
      expect((await v.emit('message:send', { clientMessageId: `wrong-answer-${i}`, text })).ok).toBe(true);
      // The customer reads each answer before writing again.
      if (i < 2) await visitorSees(v, `«${text}» no es válido`);
    }
    await visitorSees(v, 'No hay problema: un asesor');
    expect(hubSaid(v).filter((x) => x.includes('no es válido'))).toHaveLength(2);
    expect(await identification()).toMatchObject({
      data: { handedOver: true, reason: 'invalid_answers', field: 'serviceNumber' },
    });
  });

  it('an optional field can be passed over: "no lo sé" moves on and the step still completes', async () => {
    const admin = client(t.url, a.adminToken);
    const template = (await admin.get('/protocols/chat')).body.data;
    const step = template.steps.find((x: any) => x.key === 'identification');
    step.fields = step.fields.map((f: any) => (f.key === 'nationalId' ? { ...f, required: false } : f));
    const saved = await admin.raw('PUT', '/protocols/chat', {
      name: template.name,
      settings: template.settings,
      steps: template.steps,
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const { v, identification } = await startChat('optional');
    await v.emit('message:send', { clientMessageId: 'optional-2', text: '7654321' });
    await visitorSees(v, 'su nombre completo');
    await v.emit('message:send', { clientMessageId: 'optional-3', text: 'Rosa Flores' });
    await visitorSees(v, 'su número de carnet');
    await v.emit('message:send', { clientMessageId: 'optional-4', text: 'No lo sé' });
    expect(await visitorSees(v, 'Gracias.')).toBe('Gracias. Un asesor le atenderá en breve.');
    expect(await identification()).toMatchObject({
      status: 'done',
      data: { skipped: ['nationalId'] },
    });
  });
});
