// WhatsApp Cloud API through the whole hub: Meta's signed webhooks posted to the real route, the hub's
// ingest, outbox and delivery receipts, and a Graph API stand-in on loopback for everything the hub calls
// (media downloads and uploads, sends). Each spec writes from its own customer number, so each has its
// own conversation.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRAPH_API_VERSION } from '#channels/whatsapp_cloud/config.ts';
import { conversations } from '#server/db/schema.ts';
import { type GraphApi, startGraphApi } from '#tests/helpers/graph-api.ts';
import {
  client,
  eventually,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';
import * as wa from './payloads.ts';

const TOKEN = 'EAAG-hub-access-token';
const APP_SECRET = 'hub-app-secret-9876543210';
const VERIFY_TOKEN = 'my-verify-token';

let t: TestHub;
let graph: GraphApi;
let acme: SeededAccount;
let api: ReturnType<typeof client>;
let inboxId: string;
let customers = 0;

beforeAll(async () => {
  [t, graph] = await Promise.all([
    startTestHub(),
    startGraphApi({ accessToken: TOKEN, phoneNumberId: wa.PHONE_NUMBER_ID }),
  ]);
  acme = await seedAccount(t);
  api = client(t.url, acme.adminToken);
  const res = await api.post('/inboxes', {
    name: 'WhatsApp Business',
    channel: 'whatsapp_cloud',
    config: {
      phoneNumberId: wa.PHONE_NUMBER_ID,
      accessToken: TOKEN,
      appSecret: APP_SECRET,
      verifyToken: VERIFY_TOKEN,
      graphBaseUrl: graph.url,
    },
  });
  expect(res.status).toBe(201);
  inboxId = res.body.data.id;
});
afterAll(async () => {
  await t?.destroy();
  await graph?.close();
});

/** A customer number no other spec uses (Bolivian mobiles, valid for libphonenumber). */
const customer = (name = 'Ana Pérez'): wa.Customer => ({
  waId: `5917${String(1000000 + ++customers)}`,
  name,
});

const hookUrl = (id = inboxId, channel = 'whatsapp_cloud') => `${t.url}/webhooks/${channel}/${id}`;

/** Posts a payload the way Meta does: the exact bytes, signed with the app secret. */
async function deliver(payload: unknown, sign: string | null = APP_SECRET) {
  const raw = JSON.stringify(payload);
  const res = await fetch(hookUrl(), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(sign !== null ? { 'x-hub-signature-256': wa.signature(sign, raw) } : {}),
    },
    body: raw,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function conversationsOfInbox(): Promise<any[]> {
  return (await api.get(`/conversations?inboxId=${inboxId}&limit=200`)).body.data;
}
const messagesOf = async (conversationId: string): Promise<any[]> =>
  (await api.get(`/conversations/${conversationId}/messages`)).body.data;

/** The stored message with this wamid and its conversation. */
async function stored(externalId: string): Promise<{ conversation: any; message: any } | undefined> {
  for (const conversation of await conversationsOfInbox()) {
    const message = (await messagesOf(conversation.id)).find((m) => m.externalId === externalId);
    if (message) return { conversation, message };
  }
  return undefined;
}

/** A customer writes (through the real webhook route); their conversation. */
async function customerWrites(who: wa.Customer, body = 'Hola, necesito ayuda') {
  const m = wa.text(who, body);
  expect((await deliver(m.payload)).status).toBe(200);
  return (await stored(m.id))!.conversation;
}

describe('checked on save', () => {
  const healthOf = async (id: string) =>
    (await api.get('/inboxes')).body.data.find((x: { id: string }) => x.id === id);

  it('reads the phone number with the token: ready, with the number it serves', async () => {
    await expect
      .poll(() => healthOf(inboxId))
      .toMatchObject({ health: 'ready', healthDetail: 'Acme Telecom · +1 555-078-3881' });
  });

  it('a wrong token shows on the inbox at once, with the Graph API reason', async () => {
    const res = await api.post('/inboxes', {
      name: 'WhatsApp with a wrong token',
      channel: 'whatsapp_cloud',
      config: {
        phoneNumberId: wa.PHONE_NUMBER_ID,
        accessToken: 'EAAG-not-the-token',
        appSecret: APP_SECRET,
        verifyToken: VERIFY_TOKEN,
        graphBaseUrl: graph.url,
      },
    });
    expect(res.status).toBe(201);
    await expect.poll(async () => (await healthOf(res.body.data.id)).health).toBe('failed');
    expect((await healthOf(res.body.data.id)).healthDetail).toMatch(
      /^the Graph API refused the phone number and token: /,
    );
    // Its webhook still answers Meta's handshake: nothing the customer sends is lost meanwhile.
    const hs = await fetch(
      `${t.url}/webhooks/whatsapp_cloud/${res.body.data.id}?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=42`,
    );
    expect(await hs.text()).toBe('42');
  });
});

describe('webhook subscription handshake', () => {
  const verify = (token: string, id = inboxId, channel = 'whatsapp_cloud') =>
    fetch(`${hookUrl(id, channel)}?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=${token}`);

  it('echoes hub.challenge as text when the verify token matches', async () => {
    const res = await verify(VERIFY_TOKEN);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe('1158201444');
  });

  it('refuses a wrong verify token with 403 and a coded error', async () => {
    const res = await verify('guess');
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('webhook_verification_failed');
  });

  it('knows no inbox that does not exist or is of another channel', async () => {
    const apiInbox = await acme.apiInbox();
    expect((await verify(VERIFY_TOKEN, '999999')).status).toBe(404);
    expect((await verify(VERIFY_TOKEN, 'abc')).status).toBe(404);
    expect((await verify(VERIFY_TOKEN, apiInbox.id)).status).toBe(404);
    expect((await verify(VERIFY_TOKEN, inboxId, 'facebook')).status).toBe(404);
  });
});

describe('inbound webhooks', () => {
  it('turns a signed message into a conversation with the customer, named and numbered', async () => {
    const who = customer('José Peña');
    const m = wa.text(who, '¿Cuál es mi saldo?');
    const res = await deliver(m.payload);
    expect(res.status).toBe(200);
    const { conversation, message } = (await stored(m.id))!;
    expect(conversation).toMatchObject({ channel: 'whatsapp_cloud', status: 'open' });
    expect(message).toMatchObject({
      direction: 'in',
      senderType: 'contact',
      contentType: 'text',
      text: '¿Cuál es mi saldo?',
      status: 'received',
      externalId: m.id,
    });
    const contact = (await api.get(`/conversations/${conversation.id}`)).body.data.contact;
    expect(contact).toMatchObject({ name: 'José Peña', phone: `+${who.waId}` });
    expect(contact.identities).toEqual([
      expect.objectContaining({ channel: 'whatsapp_cloud', externalId: `+${who.waId}` }),
    ]);
    // The customer's next message joins the same conversation.
    const next = wa.text(who, 'Gracias');
    await deliver(next.payload);
    expect((await stored(next.id))!.conversation.id).toBe(conversation.id);
  });

  it('refuses a forged or missing signature with 401 and stores nothing', async () => {
    const m = wa.text(customer(), 'forged');
    const forged = await deliver(m.payload, 'not-the-app-secret');
    const missing = await deliver(m.payload, null);
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe('invalid_signature');
    expect(missing.status).toBe(401);
    expect(missing.body.error).toMatchObject({ code: 'invalid_signature', message: expect.any(String) });
    expect(await stored(m.id)).toBeUndefined();
  });

  it('stores a redelivered webhook once', async () => {
    const m = wa.text(customer(), 'only once');
    expect((await deliver(m.payload)).status).toBe(200);
    expect((await deliver(m.payload)).status).toBe(200);
    const { conversation } = (await stored(m.id))!;
    expect((await messagesOf(conversation.id)).filter((x) => x.externalId === m.id)).toHaveLength(1);
  });

  it('ignores events for another phone number of the business account', async () => {
    const m = wa.text(customer(), 'not for us', { phoneNumberId: '999000111222333' });
    expect((await deliver(m.payload)).status).toBe(200);
    expect(await stored(m.id)).toBeUndefined();
  });

  it('downloads an image and a document from the Graph API and keeps them with the message', async () => {
    const who = customer();
    graph.addMedia('1003383421387256', wa.files.png, 'image/png');
    graph.addMedia('1157470288904420', wa.files.pdf, 'application/pdf');
    const photo = wa.image(who, '1003383421387256', 'Mi recibo');
    const doc = wa.document(who, '1157470288904420', 'factura-marzo.pdf', 'La factura');
    expect((await deliver(photo.payload)).status).toBe(200);
    expect((await deliver(doc.payload)).status).toBe(200);

    const a = (await stored(photo.id))!.message;
    expect(a).toMatchObject({ contentType: 'image', text: 'Mi recibo' });
    expect(a.attachments).toEqual([
      expect.objectContaining({
        name: 'image-1003383421387256.png',
        mime: 'image/png',
        size: wa.files.png.length,
      }),
    ]);
    const b = (await stored(doc.id))!.message;
    expect(b).toMatchObject({ contentType: 'document', text: 'La factura' });
    expect(b.attachments).toEqual([
      expect.objectContaining({ name: 'factura-marzo.pdf', mime: 'application/pdf' }),
    ]);
    const bytes = await fetch(`${t.url}${b.attachments[0].url}`, {
      headers: { authorization: `Bearer ${acme.adminToken}` },
    });
    expect(Buffer.from(await bytes.arrayBuffer()).equals(wa.files.pdf)).toBe(true);
    // Both files were fetched the way Meta requires: metadata, then the URL it named, with the token.
    const mediaCalls = graph.requests.filter((r) => r.path.includes('1157470288904420'));
    expect(mediaCalls.map((r) => r.path)).toEqual([
      `/${GRAPH_API_VERSION}/1157470288904420`,
      '/media-download/1157470288904420',
    ]);
    expect(mediaCalls.every((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });

  it('keeps a voice note, and the message even when Meta no longer has the file', async () => {
    const who = customer();
    graph.addMedia('2200000000000001', wa.files.ogg, 'audio/ogg');
    const voice = wa.voiceNote(who, '2200000000000001');
    const gone = wa.image(who, '2200000000000404', 'foto perdida');
    expect((await deliver(voice.payload)).status).toBe(200);
    expect((await deliver(gone.payload)).status).toBe(200);
    const v = (await stored(voice.id))!.message;
    expect(v.contentType).toBe('audio');
    expect(v.attachments).toEqual([
      expect.objectContaining({ mime: 'audio/ogg', name: 'audio-2200000000000001.ogg' }),
    ]);
    const g = (await stored(gone.id))!.message;
    expect(g).toMatchObject({ text: 'foto perdida', attachments: [] });
    expect(g.rejectedAttachments).toEqual([
      expect.objectContaining({
        name: 'image-2200000000000404.png',
        reason: expect.stringMatching(/Graph API 400/),
      }),
    ]);
  });

  it('shows a location, a shared contact card, a reaction and a quoted reply', async () => {
    const who = customer();
    const first = wa.text(who, 'Quiero cambiar de plan');
    await deliver(first.payload);
    const place = wa.location(who);
    const card = wa.contactsCard(who);
    const react = wa.reaction(who, first.id, '👍');
    const quoted = wa.text(who, 'Este, el de 50 GB', { context: { from: who.waId, id: first.id } });
    const button = wa.buttonReply(who, 'plan-50', 'Plan 50 GB', { from: wa.DISPLAY_PHONE, id: first.id });
    const row = wa.listReply(who, 'store-1', 'Tienda Arce', 'Av. Arce 2519');
    const odd = wa.unsupported(who);
    for (const m of [place, card, react, quoted, button, row, odd])
      expect((await deliver(m.payload)).status).toBe(200);

    const loc = (await stored(place.id))!.message;
    expect(loc.contentType).toBe('location');
    expect(loc.text).toContain('Acme Telecom store, Av. Arce 2519, La Paz');
    expect(loc.text).toContain('-16.5103,-68.1225');
    expect(loc.location).toMatchObject({
      latitude: -16.5103,
      longitude: -68.1225,
      name: 'Acme Telecom store',
    });

    const vcard = (await stored(card.id))!.message;
    expect(vcard.contentType).toBe('contacts');
    expect(vcard.text).toContain('Barbara J. Johnson');
    expect(vcard.text).toContain('+1 (650) 555-1234 (WORK)');
    expect(vcard.text).toContain('barbara.johnson@example.com (WORK)');
    expect(vcard.text).toContain('Social Tsunami, Sales, Sales Manager');
    expect(vcard.sharedContacts[0].phones).toHaveLength(2);

    const r = (await stored(react.id))!.message;
    expect(r).toMatchObject({
      contentType: 'reaction',
      text: '👍',
      reaction: { messageId: first.id, emoji: '👍' },
    });

    const q = (await stored(quoted.id))!.message;
    expect(q).toMatchObject({ text: 'Este, el de 50 GB', replyTo: first.id });

    const b = (await stored(button.id))!.message;
    expect(b).toMatchObject({
      contentType: 'interactive',
      text: 'Plan 50 GB',
      interactive: { type: 'button_reply', id: 'plan-50', title: 'Plan 50 GB' },
    });
    expect((await stored(row.id))!.message.text).toBe('Tienda Arce — Av. Arce 2519');
    const u = (await stored(odd.id))!.message;
    expect(u.contentType).toBe('unsupported');
    expect(u.text).toContain('Message type is currently not supported');
  });

  it('refuses a signed payload that is not a WhatsApp webhook with a 400', async () => {
    const res = await deliver({ object: 'whatsapp_business_account', entry: 'nope' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
  });
});

describe('agent replies', () => {
  const reply = (conversationId: string, body: Record<string, unknown>) =>
    api.post(`/conversations/${conversationId}/messages`, body);
  const settled = (conversationId: string, id: string, status: string) =>
    eventually(async () => {
      const m = (await messagesOf(conversationId)).find((x) => x.id === id);
      return m?.status === status && m;
    });

  it('sends text to the customer through the Graph API and follows its receipts', async () => {
    const who = customer();
    const conv = await customerWrites(who);
    const res = await reply(conv.id, { text: 'Su saldo es 20 Bs.' });
    expect(res.status).toBe(201);
    const sent = await settled(conv.id, res.body.data.id, 'sent');
    const body = graph.messagesSent().find((b) => b.biz_opaque_callback_data === `hub:${res.body.data.id}`);
    expect(body).toMatchObject({
      messaging_product: 'whatsapp',
      to: who.waId,
      type: 'text',
      text: { body: 'Su saldo es 20 Bs.' },
    });
    expect(sent.externalId).toMatch(/^wamid\./);

    await deliver(wa.status(sent.externalId, 'sent', who.waId));
    await deliver(wa.status(sent.externalId, 'delivered', who.waId));
    await settled(conv.id, sent.id, 'delivered');
    await deliver(wa.status(sent.externalId, 'read', who.waId));
    await settled(conv.id, sent.id, 'read');
    // A late "delivered" never moves a read message back.
    await deliver(wa.status(sent.externalId, 'delivered', who.waId));
    expect((await messagesOf(conv.id)).find((m) => m.id === sent.id).status).toBe('read');
  });

  it('shows a failure receipt with Meta’s reason', async () => {
    const who = customer();
    const conv = await customerWrites(who);
    const res = await reply(conv.id, { text: 'Hola de nuevo' });
    const sent = await settled(conv.id, res.body.data.id, 'sent');
    await deliver(
      wa.status(sent.externalId, 'failed', who.waId, [
        {
          code: 131026,
          title: 'Message undeliverable',
          message: 'Message undeliverable',
          details:
            'Unable to deliver message. Reasons can include: the recipient phone number is not a WhatsApp phone number.',
        },
      ]),
    );
    const failed = await settled(conv.id, sent.id, 'failed');
    expect(failed.error).toBe(
      'Message undeliverable: Unable to deliver message. Reasons can include: the recipient phone number is not a WhatsApp phone number. (#131026)',
    );
    expect(failed.errorCode).toBe('PERMANENT');
  });

  it('uploads an image and sends it with the text as its caption', async () => {
    const who = customer();
    const conv = await customerWrites(who);
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(wa.files.png)], { type: 'image/png' }), 'plan.png');
    const up = await fetch(`${t.url}/api/v1/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${acme.adminToken}` },
      body: form,
    });
    expect(up.status).toBe(201);
    const file = (await up.json()).data;
    const res = await reply(conv.id, { text: 'Este es el plan', attachmentIds: [file.id] });
    expect(res.status).toBe(201);
    await settled(conv.id, res.body.data.id, 'sent');
    const body = graph.messagesSent().find((b) => b.biz_opaque_callback_data === `hub:${res.body.data.id}`);
    expect(body).toMatchObject({ to: who.waId, type: 'image', image: { caption: 'Este es el plan' } });
    const uploaded = graph.uploads.get(body.image.id)!;
    expect(uploaded.data.equals(wa.files.png)).toBe(true);
    expect(uploaded).toMatchObject({ mime: 'image/png', name: 'plan.png' });
  });
});

describe('the 24-hour customer-service window', () => {
  const backdate = (conversationId: string, hours: number) =>
    t.hub.ctx.db
      .update(conversations)
      .set({ lastCustomerMessageAt: new Date(Date.now() - hours * 3_600_000) })
      .where(eq(conversations.id, Number(conversationId)))
      .returning();

  it('tells the composer when the window closes', async () => {
    const conv = await customerWrites(customer());
    const json = (await api.get(`/conversations/${conv.id}`)).body.data;
    expect(json.replyWindow.open).toBe(true);
    const closes = Date.parse(json.replyWindow.closesAt);
    expect(closes - Date.now()).toBeGreaterThan(23.9 * 3_600_000);
    expect(closes - Date.now()).toBeLessThanOrEqual(24 * 3_600_000);

    const [row] = await backdate(conv.id, 30);
    const later = (await api.get(`/conversations/${conv.id}`)).body.data;
    expect(later.replyWindow).toEqual({
      open: false,
      closesAt: new Date(row.lastCustomerMessageAt!.getTime() + 86_400_000).toISOString(),
    });
    const listed = (await conversationsOfInbox()).find((c) => c.id === conv.id);
    expect(listed.replyWindow.open).toBe(false);
    // Other channels have no such window.
    const apiInbox = await acme.apiInbox();
    const other = await client(t.url).post(
      `/inboxes/${apiInbox.id}/incoming`,
      { externalId: 'w-1', contact: { externalId: 'crm-1' }, text: 'hi' },
      { 'x-inbox-token': apiInbox.token },
    );
    expect(other.body.data.conversation.replyWindow).toBeUndefined();
  });

  it('fails a free-form reply outside the window with the reason, without calling Meta', async () => {
    const conv = await customerWrites(customer());
    const [row] = await backdate(conv.id, 25);
    const res = await api.post(`/conversations/${conv.id}/messages`, { text: '¿Sigue ahí?' });
    expect(res.status).toBe(201);
    const failed = await eventually(async () => {
      const m = (await messagesOf(conv.id)).find((x) => x.id === res.body.data.id);
      return m?.status === 'failed' && m;
    });
    const closedAt = new Date(row.lastCustomerMessageAt!.getTime() + 86_400_000).toISOString();
    expect(failed.error).toBe(`the 24-hour window closed at ${closedAt}; send an approved template`);
    expect(failed.errorCode).toBe('PERMANENT');
    // This reply never reached Meta (the protocol's own greeting may have, meanwhile).
    expect(graph.messagesSent().some((b) => b.biz_opaque_callback_data === `hub:${res.body.data.id}`)).toBe(
      false,
    );
  });

  it('sends an approved template outside the window', async () => {
    const who = customer();
    const conv = await customerWrites(who);
    await backdate(conv.id, 48);
    const template = {
      name: 'seguimiento_reclamo',
      language: 'es',
      components: [{ type: 'body', parameters: [{ type: 'text', text: 'R-2024-118' }] }],
    };
    const res = await api.post(`/conversations/${conv.id}/messages`, {
      template,
      text: 'Seguimiento del reclamo R-2024-118',
    });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ contentType: 'template', template });
    const sent = await eventually(async () => {
      const m = (await messagesOf(conv.id)).find((x) => x.id === res.body.data.id);
      return m?.status === 'sent' && m;
    });
    expect(sent.externalId).toMatch(/^wamid\./);
    const body = graph.messagesSent().find((b) => b.biz_opaque_callback_data === `hub:${res.body.data.id}`);
    expect(body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: who.waId,
      type: 'template',
      template: { name: 'seguimiento_reclamo', language: { code: 'es' }, components: template.components },
      biz_opaque_callback_data: `hub:${res.body.data.id}`,
    });
  });

  it('refuses a template where it means nothing, or one that is malformed', async () => {
    const apiInbox = await acme.apiInbox();
    const other = await client(t.url).post(
      `/inboxes/${apiInbox.id}/incoming`,
      { externalId: 'w-2', contact: { externalId: 'crm-2' }, text: 'hi' },
      { 'x-inbox-token': apiInbox.token },
    );
    const template = { name: 'hello_world', language: 'en_US' };
    const onApi = await api.post(`/conversations/${other.body.data.conversation.id}/messages`, { template });
    expect(onApi.status).toBe(400);
    const conv = await customerWrites(customer());
    const bad = await api.post(`/conversations/${conv.id}/messages`, {
      template: { name: 'Hello World!', language: 'en' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
  });
});

describe('the inbox', () => {
  it('never shows its tokens back', async () => {
    const inbox = (await api.get(`/inboxes/${inboxId}`)).body.data;
    expect(inbox.config).toMatchObject({
      phoneNumberId: wa.PHONE_NUMBER_ID,
      accessToken: '********',
      appSecret: '********',
      verifyToken: '********',
    });
  });
});
