// The widget's REST side and its conversation life: pre-chat identification landing on the contact, the
// public config (online only with an agent connected and inside business hours), visitor uploads kept
// to their owner, the offline form and transcripts through the e-mail inbox, and the survey stored once.
import { and, eq } from 'drizzle-orm';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contacts, conversationEvents, conversations, messages } from '#server/db/schema.ts';
import { createInbox } from '#server/inboxes/save-inbox.ts';
import { withinBusinessHours } from '#server/widget/widget-settings.ts';
import {
  client,
  eventually,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';
import { type SmtpCapture, startSmtpCapture } from '#tests/helpers/smtp-capture.ts';
import { closeAllVisitors, connectVisitor, webchatInbox } from '#tests/helpers/widget.ts';

let t: TestHub;
let a: SeededAccount;
let smtp: SmtpCapture;
const sockets: Socket[] = [];
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

beforeAll(async () => {
  [t, smtp] = await Promise.all([startTestHub(), startSmtpCapture()]);
  a = await seedAccount(t, 'A');
});
afterAll(async () => {
  closeAllVisitors();
  for (const s of sockets) s.close();
  await t?.destroy();
  await smtp?.close();
});

async function emailInbox() {
  return createInbox(t.hub.ctx, a.accountId, {
    name: 'Mail',
    channel: 'email',
    config: {
      // No IMAP server here: the inbox only sends (through the captured SMTP server).
      imap: { host: '127.0.0.1', port: 1, secure: false, user: 'x', password: 'x' },
      smtp: { host: smtp.host, port: smtp.port, secure: false, user: smtp.user, password: smtp.password },
      fromAddress: 'help@acme.test',
    },
    settings: {},
  });
}

const upload = (token: string, visitorToken: string, data: Buffer, type = 'image/png', name = 'pic.png') => {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)], { type }), name);
  return fetch(`${t.url}/api/v1/widget/attachments`, {
    method: 'POST',
    headers: { 'x-inbox-token': token, 'x-visitor-token': visitorToken },
    body: form,
  });
};

describe('pre-chat identification', () => {
  it('validates answers against the inbox’s fields and lands them on the contact', async () => {
    const chat = await webchatInbox(t, a, {
      phoneCountry: 'BO',
      preChat: {
        enabled: true,
        fields: [
          { key: 'name', type: 'text', required: true },
          { key: 'email', type: 'email', required: false },
          { key: 'phone', type: 'tel', required: false },
          { key: 'nationalId', label: 'CI', type: 'ci', required: true },
          { key: 'serviceNumber', label: 'Fijacom number', type: 'service_number', required: true },
          { key: 'plan', type: 'select', required: false, options: ['prepaid', 'postpaid'] },
          { key: 'code', type: 'text', required: false, pattern: '[A-Z]{3}-\\d{2}' },
        ],
      },
    });
    const v = await connectVisitor(t, { inboxToken: chat.token });
    const fail = async (body: unknown, field: string) => {
      const r = await v.emit('identify', body);
      expect(r.ok).toBe(false);
      expect(r.error.code).toBe('validation_failed');
      expect(r.error.field).toBe(field);
    };
    const good = { name: 'Ana Quispe', nationalId: '4567890 LP', fields: { serviceNumber: '4412345' } };
    await fail({ nationalId: '4567890', fields: { serviceNumber: '4412345' } }, 'name');
    await fail({ ...good, fields: { serviceNumber: '12345' } }, 'serviceNumber');
    await fail({ ...good, nationalId: 'abc' }, 'nationalId');
    await fail({ ...good, email: 'nope' }, 'email');
    await fail({ ...good, phone: '12' }, 'phone');
    await fail({ ...good, fields: { ...good.fields, plan: 'gold' } }, 'plan');
    await fail({ ...good, fields: { ...good.fields, code: 'abc-12' } }, 'code');
    await fail({ ...good, fields: { ...good.fields, unknown: 'x' } }, 'unknown');

    const ok = await v.emit('identify', {
      ...good,
      email: 'Ana@Example.test',
      phone: '71234567',
      fields: { serviceNumber: '4412345', plan: 'prepaid', code: 'ABC-12' },
    });
    expect(ok.ok).toBe(true);
    expect(ok.contact).toMatchObject({
      name: 'Ana Quispe',
      email: 'ana@example.test',
      phone: '+59171234567',
    });
    const [row] = await t.hub.ctx.db
      .select()
      .from(contacts)
      .where(eq(contacts.id, Number(ok.contact.id)));
    expect(row.attributes).toEqual({
      nationalId: '4567890 LP',
      serviceNumber: '4412345',
      plan: 'prepaid',
      code: 'ABC-12',
    });
    // The conversation the visitor then starts belongs to that contact, and the next session shows it.
    const sent = await v.emit('message:send', { clientMessageId: 'id-1', text: 'recarga por favor' });
    const conv = await client(t.url, a.adminToken).get(`/conversations/${sent.message.conversationId}`);
    expect(conv.body.data.contact.id).toBe(ok.contact.id);
    const again = await connectVisitor(t, { inboxToken: chat.token, visitorToken: v.session.visitorToken });
    expect(again.session.contact.name).toBe('Ana Quispe');
  });

  it('refuses invalid pre-chat settings on PATCH /inboxes/:id', async () => {
    const chat = await webchatInbox(t, a);
    const api = client(t.url, a.adminToken);
    const bad = await api.patch(`/inboxes/${chat.id}`, {
      settings: { preChat: { enabled: true, fields: [{ key: 'x', type: 'color' }] } },
    });
    expect(bad.status).toBe(400);
    const good = await api.patch(`/inboxes/${chat.id}`, {
      settings: { preChat: { enabled: true, fields: [{ key: 'name', type: 'text', required: true }] } },
    });
    expect(good.status).toBe(200);
    const config = await client(t.url).get(`/widget/config?inbox=${chat.token}`);
    expect(config.body.data.preChat).toEqual({
      enabled: true,
      fields: [{ key: 'name', type: 'text', required: true }],
    });
  });
});

describe('widget config', () => {
  it('is online only while an agent socket is connected and within business hours', async () => {
    const chat = await webchatInbox(t, a, { title: 'Soporte', farewell: 'Gracias' });
    const pub = client(t.url);
    const unknown = await pub.get('/widget/config?inbox=nope');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');

    const offline = await pub.get(`/widget/config?inbox=${chat.token}`);
    expect(offline.status).toBe(200);
    expect(offline.body.data).toMatchObject({
      color: '#112233',
      greeting: 'Hola',
      language: 'es',
      position: 'right',
      title: 'Soporte',
      online: false,
      businessHours: null,
      usuallyRepliesInSeconds: null,
      offlineForm: false,
      surveyEnabled: true,
      farewell: 'Gracias',
    });
    expect(offline.body.data.maxUploadBytes).toBeGreaterThan(0);
    expect(offline.body.data.allowedTypes).toContain('image/png');

    const agent = await a.user('agent', 'on duty');
    const socket = connect(`${t.url}/agent`, { auth: { token: agent.token }, transports: ['websocket'] });
    sockets.push(socket);
    await new Promise((resolve) => socket.on('connect', () => resolve(null)));
    expect((await pub.get(`/widget/config?inbox=${chat.token}`)).body.data.online).toBe(true);

    const api = client(t.url, a.adminToken);
    const allDays = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
    await api.patch(`/inboxes/${chat.id}`, {
      settings: {
        businessHours: { timezone: 'America/La_Paz', intervals: [{ days: [], from: '08:00', to: '18:00' }] },
      },
    });
    expect((await pub.get(`/widget/config?inbox=${chat.token}`)).body.data.online).toBe(false);
    await api.patch(`/inboxes/${chat.id}`, {
      settings: {
        businessHours: { timezone: 'UTC', intervals: [{ days: allDays, from: '00:00', to: '00:00' }] },
      },
    });
    const open = await pub.get(`/widget/config?inbox=${chat.token}`);
    expect(open.body.data.online).toBe(true);
    expect(open.body.data.businessHours.timezone).toBe('UTC');

    socket.close();
    await eventually(
      async () => (await pub.get(`/widget/config?inbox=${chat.token}`)).body.data.online === false,
    );
  });

  it('reads business hours in the inbox’s time zone, across midnight', () => {
    const hours = {
      timezone: 'America/La_Paz',
      intervals: [
        { days: ['mon', 'tue', 'wed', 'thu', 'fri'] as const, from: '08:30', to: '18:00' },
        { days: ['sat'] as const, from: '22:00', to: '02:00' },
      ],
    } as unknown as Parameters<typeof withinBusinessHours>[0];
    // 2025-06-02 is a Monday; La Paz is UTC-4.
    expect(withinBusinessHours(hours, new Date('2025-06-02T12:30:00Z'))).toBe(true); // 08:30 Mon
    expect(withinBusinessHours(hours, new Date('2025-06-02T12:29:00Z'))).toBe(false); // 08:29
    expect(withinBusinessHours(hours, new Date('2025-06-02T22:00:00Z'))).toBe(false); // 18:00
    expect(withinBusinessHours(hours, new Date('2025-06-08T03:00:00Z'))).toBe(true); // Sat 23:00
    expect(withinBusinessHours(hours, new Date('2025-06-08T05:30:00Z'))).toBe(true); // Sun 01:30
    expect(withinBusinessHours(hours, new Date('2025-06-08T06:30:00Z'))).toBe(false); // Sun 02:30
    expect(withinBusinessHours(null, new Date())).toBe(true);
  });
});

describe('visitor attachments', () => {
  it('uploads, sends and downloads a visitor’s own files only', async () => {
    const chat = await webchatInbox(t, a);
    const other = await webchatInbox(t, a);
    const alice = await connectVisitor(t, { inboxToken: chat.token });
    const bob = await connectVisitor(t, { inboxToken: chat.token });
    const aliceToken = alice.session.visitorToken;

    const res = await upload(chat.token, aliceToken, png);
    expect(res.status).toBe(201);
    const file = (await res.json()).data;
    expect(file.url).toBe(`/api/v1/widget/attachments/${file.id}`);
    expect((await upload(chat.token, 'forged.token', png)).status).toBe(401);
    expect((await upload(other.token, aliceToken, png)).status).toBe(401);
    const exe = await upload(
      chat.token,
      aliceToken,
      Buffer.from('MZ\u0090\u0000\u0003binary\u0000'),
      'application/x-msdownload',
      'a.exe',
    );
    expect(exe.status).toBe(415);
    expect((await exe.json()).error.code).toBe('attachment_type_not_allowed');

    // Bob cannot send Alice's upload, nor download it.
    const stolen = await bob.emit('message:send', {
      clientMessageId: 'steal',
      text: 'mine',
      attachmentIds: [file.id],
    });
    expect(stolen.ok).toBe(false);
    expect(stolen.error.code).toBe('not_found');
    const get = (visitorToken: string, inboxToken = chat.token) =>
      fetch(`${t.url}/api/v1/widget/attachments/${file.id}`, {
        headers: { 'x-inbox-token': inboxToken, 'x-visitor-token': visitorToken },
      });
    expect((await get(bob.session.visitorToken)).status).toBe(404);

    const sent = await alice.emit('message:send', {
      clientMessageId: 'pic',
      text: '',
      attachmentIds: [file.id],
    });
    expect(sent.ok).toBe(true);
    expect(sent.message.attachments.map((f: any) => f.id)).toEqual([file.id]);
    const mine = await get(aliceToken);
    expect(mine.status).toBe(200);
    expect(Buffer.from(await mine.arrayBuffer()).equals(png)).toBe(true);
    expect((await get(bob.session.visitorToken)).status).toBe(404);
    expect((await get(aliceToken, other.token)).status).toBe(401);
    // Already sent: it cannot be attached again.
    const reuse = await alice.emit('message:send', {
      clientMessageId: 'pic2',
      text: 'x',
      attachmentIds: [file.id],
    });
    expect(reuse.ok).toBe(false);
  });
});

describe('offline form and transcript', () => {
  it('turns the offline form into a conversation of the e-mail inbox, or says why not', async () => {
    const chat = await webchatInbox(t, a);
    const pub = client(t.url);
    const body = { name: 'Luis', email: 'Luis@Example.test', message: 'Mi línea no funciona\nDesde ayer' };
    const none = await pub.post('/widget/offline', body, { 'x-inbox-token': chat.token });
    expect(none.status).toBe(422);
    expect(none.body.error.code).toBe('no_email_inbox');

    const mail = await emailInbox();
    await client(t.url, a.adminToken).patch(`/inboxes/${chat.id}`, {
      settings: { offlineEmailInboxId: mail.id },
    });
    expect((await pub.get(`/widget/config?inbox=${chat.token}`)).body.data.offlineForm).toBe(true);
    expect(
      (await pub.post('/widget/offline', { ...body, email: 'x' }, { 'x-inbox-token': chat.token })).status,
    ).toBe(400);
    expect((await pub.post('/widget/offline', body, { 'x-inbox-token': 'nope' })).status).toBe(401);
    const ok = await pub.post('/widget/offline', body, { 'x-inbox-token': chat.token });
    expect(ok.status).toBe(201);

    const rows = await t.hub.ctx.db
      .select({ conversation: conversations, message: messages, contact: contacts })
      .from(conversations)
      .innerJoin(messages, eq(messages.conversationId, conversations.id))
      .innerJoin(contacts, eq(contacts.id, conversations.contactId))
      // The customer's message (the e-mail protocol's acknowledgement may have gone out beside it).
      .where(and(eq(conversations.inboxId, Number(mail.id)), eq(messages.direction, 'in')));
    expect(rows).toHaveLength(1);
    expect(rows[0].conversation.subject).toBe('Contact form: Mi línea no funciona');
    expect(rows[0].conversation.threadKey).toMatch(/^mail:<.+@.+>$/);
    expect(rows[0].message.meta.offlineForm).toBe(true);
    expect(rows[0].message.text).toBe(body.message);
    expect(rows[0].contact).toMatchObject({ name: 'Luis', email: 'luis@example.test' });
  });

  it('e-mails the transcript through the e-mail inbox', async () => {
    const chat = await webchatInbox(t, a);
    const v = await connectVisitor(t, { inboxToken: chat.token });
    await v.emit('message:send', { clientMessageId: 't-1', text: 'necesito una copia' });
    const none = await v.emit('transcript:request', { email: 'copy@example.test' });
    expect(none.error.code).toBe('no_email_inbox');
    const mail = await emailInbox();
    await client(t.url, a.adminToken).patch(`/inboxes/${chat.id}`, {
      settings: { offlineEmailInboxId: mail.id },
    });
    const ok = await v.emit('transcript:request', { email: 'copy@example.test' });
    expect(ok).toEqual({ ok: true });
    const sent = await smtp.waitFor((m) => m.envelopeTo.includes('copy@example.test'), 30_000);
    expect(sent.parsed.text).toContain('necesito una copia');
  });
});

describe('closure and survey', () => {
  it('asks for a rating when the conversation is resolved, and stores one with the agent', async () => {
    const chat = await webchatInbox(t, a, { farewell: '¡Gracias por escribirnos!' });
    const agent = await a.user('agent', 'Carla');
    const v = await connectVisitor(t, { inboxToken: chat.token });
    const first = await v.emit('message:send', { clientMessageId: 's-1', text: 'hola' });
    const id = first.message.conversationId;
    expect((await v.emit('survey:submit', { rating: 5 })).error.code).toBe('invalid_state');

    const admin = client(t.url, a.adminToken);
    await admin.post(`/conversations/${id}/assign`, { assigneeId: String(agent.user.id) });
    await client(t.url, agent.token).post(`/conversations/${id}/messages`, { text: 'Listo' });
    const resolved = await client(t.url, agent.token).post(`/conversations/${id}/status`, {
      status: 'resolved',
    });
    expect(resolved.status).toBe(200);
    const request = await eventually(async () => v.events['survey:request']?.[0]);
    expect(request).toEqual({ farewell: '¡Gracias por escribirnos!' });
    await eventually(async () =>
      v.events['conversation:updated']?.find((e) => e.conversation.status === 'resolved'),
    );
    expect(v.events['conversation:updated'][0].conversation.assigneeId).toBeUndefined();

    expect(await v.emit('survey:submit', { rating: 4, comment: 'rápido' })).toEqual({ ok: true });
    const twice = await v.emit('survey:submit', { rating: 1 });
    expect(twice.error.code).toBe('already_rated');

    const conv = await admin.get(`/conversations/${id}`);
    expect(conv.body.data.rating).toMatchObject({
      rating: 4,
      comment: 'rápido',
      agentId: String(agent.user.id),
    });
    const list = await admin.get('/ratings');
    expect(list.body.data.filter((r: any) => r.conversationId === id)).toHaveLength(1);
    expect((await client(t.url, agent.token).get('/ratings')).status).toBe(403);
    const events = await t.hub.ctx.db
      .select()
      .from(conversationEvents)
      .where(
        and(
          eq(conversationEvents.conversationId, Number(id)),
          eq(conversationEvents.type, 'survey.submitted'),
        ),
      );
    expect(events).toHaveLength(1);
  });
});
