// The protocol REST surface: a conversation's checklist with who ticked what and its compliance (stored
// on resolve), agents ticking their steps, and admins editing templates — invalid edits refused with
// nothing changed, a valid edit heard by the next customer, and a reset to the seeded default.
import { eq } from 'drizzle-orm';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversations } from '#server/db/schema.ts';
import { createInbox } from '#server/inboxes/save-inbox.ts';
import {
  client,
  eventually,
  incoming,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';
import { closeAllVisitors, connectVisitor, webchatInbox } from '#tests/helpers/widget.ts';

let t: TestHub;
let a: SeededAccount;
let admin: ReturnType<typeof client>;

beforeAll(async () => {
  t = await startTestHub();
  a = await seedAccount(t, 'Tigo');
  admin = client(t.url, a.adminToken);
});
afterAll(async () => {
  closeAllVisitors();
  await t?.destroy();
});

describe('conversation checklist', () => {
  it('lists the steps with who ticked them and the compliance, stored when the conversation is resolved', async () => {
    const inbox = await createInbox(t.hub.ctx, a.accountId, {
      name: 'Phone desk',
      channel: 'api',
      config: {},
      settings: { protocol: 'call_centre' },
    });
    const res = await incoming(t.url, inbox, {
      externalId: 'call-1',
      contact: { externalId: 'caller-1', name: 'Eva' },
      text: 'Llamada',
    });
    expect(res.status).toBe(201);
    const id = res.body.data.conversation.id;
    const carla = await a.user('agent', 'Carla');
    const agent = client(t.url, carla.token);

    const before = (await agent.get(`/conversations/${id}/protocol`)).body.data;
    expect(before.protocol).toBe('call_centre');
    expect(before.steps.map((s: any) => s.key)).toContain('identification');
    expect(before.steps.map((s: any) => s.key)).toContain('tell_waiting_time');
    expect(before.compliance).toEqual({ done: 0, required: 11, ratio: 0 });

    // The agents who see the conversation hear that its checklist changed.
    const socket = connect(`${t.url}/agent`, {
      auth: { token: carla.token },
      transports: ['websocket'],
      reconnection: false,
    });
    const heard: unknown[] = [];
    socket.on('protocol:updated', (e: unknown) => heard.push(e));
    await new Promise<void>((resolve, reject) => {
      socket.on('connect', () => resolve());
      socket.on('connect_error', reject);
    });
    const ticked = await agent.post(`/conversations/${id}/protocol/steps/identification`, { status: 'done' });
    expect(await eventually(async () => heard[0])).toEqual({ conversationId: id });
    socket.close();
    expect(ticked.status).toBe(200);
    const identification = ticked.body.data.steps.find((s: any) => s.key === 'identification');
    expect(identification).toMatchObject({
      status: 'done',
      doneBy: { type: 'user', id: String(carla.user.id) },
    });
    expect(Date.parse(identification.updatedAt)).toBeGreaterThan(0);
    await agent.post(`/conversations/${id}/protocol/steps/tell_waiting_time`, { status: 'done' });
    await agent.post(`/conversations/${id}/protocol/steps/listen`, { status: 'done' });
    const skipped = await agent.post(`/conversations/${id}/protocol/steps/offer_web_page`, {
      status: 'skipped',
    });
    expect(skipped.body.data.compliance).toEqual({ done: 3, required: 11, ratio: 0.273 });

    expect((await agent.post(`/conversations/${id}/protocol/steps/nope`, { status: 'done' })).status).toBe(
      404,
    );
    const bad = await agent.post(`/conversations/${id}/protocol/steps/listen`, { status: 'finished' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');

    // An agent who may not see the conversation gets nothing about it.
    const other = await a.user('agent', 'Otro');
    await admin.post(`/conversations/${id}/assign`, { assigneeId: String(carla.user.id) });
    expect((await client(t.url, other.token).get(`/conversations/${id}/protocol`)).status).toBe(404);

    await agent.post(`/conversations/${id}/status`, { status: 'resolved' });
    const stored = await eventually(async () => {
      const [row] = await t.hub.ctx.db
        .select()
        .from(conversations)
        .where(eq(conversations.id, Number(id)));
      return row.meta.protocolCompliance;
    });
    expect(stored).toEqual({ protocol: 'call_centre', done: 3, required: 11, ratio: 0.273 });
  });

  it('says when a conversation follows no protocol', async () => {
    const inbox = await a.apiInbox();
    const res = await incoming(t.url, inbox, {
      externalId: 'x-1',
      contact: { externalId: 'c-x' },
      text: 'hola',
    });
    const got = await admin.get(`/conversations/${res.body.data.conversation.id}/protocol`);
    expect(got.status).toBe(409);
    expect(got.body.error.code).toBe('invalid_state');
  });
});

describe('protocol templates', () => {
  const chatBody = (greeting: string) => ({
    name: 'Chat Tigo',
    settings: { language: 'es', inactivity: null, surveyWindowHours: 12 },
    steps: [
      {
        key: 'greeting',
        title: 'Saludo',
        kind: 'automatic',
        trigger: 'conversation_created',
        action: 'message',
        text: { es: greeting },
        required: true,
      },
      { key: 'spelling', title: 'Ortografía', kind: 'agent', trigger: 'manual', required: true },
    ],
  });

  it('refuses invalid edits with validation_failed and changes nothing', async () => {
    const invalid = [
      { steps: [] },
      { steps: [{ key: 'Bad Key', title: 'x', kind: 'agent', trigger: 'manual' }] },
      { steps: [{ key: 'greet', title: 'x', kind: 'automatic', trigger: 'conversation_created' }] },
      {
        steps: [
          {
            key: 'greet',
            title: 'x',
            kind: 'automatic',
            trigger: 'whenever',
            action: 'message',
            text: { es: 'Hola' },
          },
        ],
      },
      {
        steps: [
          {
            key: 'id',
            title: 'x',
            kind: 'automatic',
            trigger: 'conversation_created',
            action: 'identification',
          },
        ],
      },
      { ...chatBody('Hola'), settings: { inactivity: { closureCheckSeconds: -1, resolveSeconds: 60 } } },
      { steps: [...chatBody('a').steps, chatBody('b').steps[0]] },
      {
        steps: [
          {
            key: 'id',
            title: 'x',
            kind: 'automatic',
            trigger: 'conversation_created',
            action: 'identification',
            fields: [{ key: 'ci', label: { es: 'CI' }, pattern: '(' }],
          },
        ],
      },
    ];
    for (const body of invalid) {
      const res = await client(t.url, a.adminToken).raw('PUT', '/protocols/chat', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((res.body as any).error.code).toBe('validation_failed');
    }
    const chat = (await admin.get('/protocols/chat')).body.data;
    expect(chat).toMatchObject({ custom: false, name: 'Chat' });
    expect(chat.steps.find((s: any) => s.key === 'greeting').text.es).toContain('Bienvenido');
    expect((await admin.raw('PUT', '/protocols/nonsense', chatBody('x'))).status).toBe(404);
  });

  it('lets admins edit a template that the next conversation follows, supervisors read, and resets to the default', async () => {
    const agent = await a.user('agent');
    const supervisor = await a.user('supervisor');
    expect((await client(t.url, agent.token).raw('PUT', '/protocols/chat', chatBody('x'))).status).toBe(403);
    expect((await client(t.url, supervisor.token).get('/protocols')).body.data).toHaveLength(7);

    const saved = await admin.raw(
      'PUT',
      '/protocols/chat',
      chatBody('¡Buenas! Soy el asistente de {company}.'),
    );
    expect(saved.status).toBe(200);
    expect((saved.body as any).data).toMatchObject({
      custom: true,
      name: 'Chat Tigo',
      settings: { surveyWindowHours: 12 },
    });
    expect((await client(t.url, supervisor.token).get('/protocols/chat')).body.data.custom).toBe(true);

    const chat = await webchatInbox(t, a);
    const v = await connectVisitor(t, { inboxToken: chat.token });
    await v.emit('message:send', { clientMessageId: 'tpl-1', text: 'hola' });
    const said = await eventually(async () =>
      v.events['message:new']?.find((e) => e.message.direction === 'out'),
    );
    expect(said.message.text).toBe('¡Buenas! Soy el asistente de Tigo.');
    const steps = (await admin.get(`/conversations/${said.message.conversationId}/protocol`)).body.data.steps;
    expect(steps.map((s: any) => s.key)).toEqual(['greeting', 'spelling']);

    const reset = await admin.raw('DELETE', '/protocols/chat');
    expect(reset.status).toBe(200);
    expect((reset.body as any).data).toMatchObject({ custom: false, name: 'Chat' });
    expect((await admin.get('/protocols/chat')).body.data.steps).toHaveLength(10);
  });
});
