// The Baileys WhatsApp channel: the shared contract, then the session's life and every message kind
// through the real hub, with Baileys' socket replaced by a stand-in at the transport boundary (real
// proto.WebMessageInfo objects); the session store against the real database; the one-owner lease.
import { spawn } from 'node:child_process';
import { initAuthCreds, proto } from '@whiskeysockets/baileys';
import { io as ioClient, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelErrorCode } from '#channels/errors.ts';
import { useStoredAuthState } from '#channels/whatsapp/auth-state.ts';
import { createWhatsappConnection } from '#channels/whatsapp/connection.ts';
import { whatsappChannel } from '#channels/whatsapp/index.ts';
import { txExecutor } from '#server/db/client.ts';
import { channelStore } from '#server/inboxes/channel-store.ts';
import { channelLease } from '#server/inboxes/lease.ts';
import {
  client,
  eventually,
  onPostgres,
  type SeededAccount,
  seedAccount,
  startSecondNode,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';
import { type ContractPeer, contractContext, describeChannelContract, outbound } from '../contract.ts';
import { type FakeSocket, fakeTransport, waMessage } from './fake-baileys.ts';

type Query = (text: string, values: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

/**
 * Waits until the database's clock has passed the inbox's lease expiry as it stands now: a lease nobody
 * renewed would have lapsed by then, so a lease still held afterwards was renewed. Waiting on that
 * condition instead of a guessed sleep keeps the spec true on a slow machine and on a fast one.
 */
async function pastLeaseExpiry(query: Query, inboxId: number): Promise<void> {
  const { rows } = await query('select expires_at::text as e from channel_leases where inbox_id = $1', [
    inboxId,
  ]);
  const expiresAt = rows[0]?.e;
  expect(expiresAt).toBeTruthy();
  await eventually(
    async () => (await query('select now() > $1::timestamptz as past', [expiresAt])).rows[0]?.past === true,
    15_000,
  );
}
const queryOf =
  (t: TestHub): Query =>
  async (text, values) =>
    (await txExecutor(t.hub.ctx.db).executeSql(text, values)) as { rows: Record<string, unknown>[] };

const realTransport = whatsappChannel.transport;
const contractFakes = new WeakMap<ContractPeer, ReturnType<typeof fakeTransport>>();

describeChannelContract('whatsapp (Baileys)', {
  definition: whatsappChannel,
  failures: ['TEMPORARY', 'RATE_LIMITED', 'AUTH', 'PERMANENT'],
  invalidConfigs: [{ pairingPhone: '70000000' }, { sendIntervalMs: -1 }, { importHistory: 'yes' }],
  async startPeer() {
    const fake = fakeTransport({ autoOpen: true });
    whatsappChannel.transport = fake.transport;
    const codes: Record<ChannelErrorCode, number> = {
      TEMPORARY: 500,
      RATE_LIMITED: 429,
      AUTH: 401,
      PERMANENT: 400,
    };
    const peer: ContractPeer = {
      failNext(kind) {
        fake.last().failNext = { statusCode: codes[kind], message: `refused (${kind})` };
      },
      async received(messageId) {
        void messageId;
        const s = fake.last().sent.at(-1);
        return s ? { text: String(s.content.text ?? '') } : undefined;
      },
      async close() {
        whatsappChannel.transport = realTransport;
      },
    };
    contractFakes.set(peer, fake);
    return peer;
  },
  validConfig: () => ({ sendIntervalMs: 0 }),
  async emitInbound(peer, _conn, recorded) {
    const fake = contractFakes.get(peer)!;
    const before = recorded.received.length;
    const m = waMessage('59171234567@s.whatsapp.net', { conversation: 'hola' });
    fake.last().upsert([m]);
    fake.last().upsert([m]);
    await eventually(async () => recorded.received.length >= before + 2);
  },
});

describe('whatsapp through the hub', () => {
  let t: TestHub;
  let acme: SeededAccount;
  let api: ReturnType<typeof client>;
  let fake: ReturnType<typeof fakeTransport>;
  let agentSocket: Socket;
  const events: { name: string; data: any }[] = [];

  beforeAll(async () => {
    fake = fakeTransport();
    whatsappChannel.transport = fake.transport;
    t = await startTestHub();
    acme = await seedAccount(t);
    api = client(t.url, acme.adminToken);
    await connectAgent();
  });
  /** An admin's console socket on the current hub (again after a restart, which changes the port). */
  async function connectAgent() {
    agentSocket?.close();
    agentSocket = ioClient(`${t.url}/agent`, { auth: { token: acme.adminToken }, transports: ['websocket'] });
    agentSocket.onAny((name, data) => events.push({ name, data }));
    await new Promise<void>((resolve) => agentSocket.once('connect', () => resolve()));
  }
  afterAll(async () => {
    agentSocket?.close();
    await t?.destroy();
    whatsappChannel.transport = realTransport;
  });

  let inboxId: string;
  let sock: FakeSocket;
  const customer = '59171234567@s.whatsapp.net';

  async function conversationOf(externalId: string) {
    return eventually(async () => {
      const list = (await api.get(`/conversations?inboxId=${inboxId}`)).body.data as any[];
      for (const c of list) {
        const msgs = (await api.get(`/conversations/${c.id}/messages`)).body.data as any[];
        const m = msgs.find((x) => x.externalId === externalId);
        if (m) return { conversation: c, message: m };
      }
      return undefined;
    });
  }

  it('shows the QR code to admins, becomes ready once paired, and keeps the session in the database', async () => {
    const created = await api.post('/inboxes', {
      name: 'Ventas WhatsApp',
      channel: 'whatsapp',
      config: { sendIntervalMs: 0 },
    });
    expect(created.status).toBe(201);
    inboxId = created.body.data.id;
    sock = fake.last();
    sock.qr('2@QR-ONE');
    const shown = await eventually(async () =>
      events.find(
        (e) =>
          e.name === 'inbox:updated' &&
          e.data.inbox.id === inboxId &&
          e.data.inbox.pairing?.qr === '2@QR-ONE',
      ),
    );
    expect(shown.data.inbox.health).toBe('needs_auth');
    // A console that opens later reads the same prompt from the inbox.
    expect((await api.get(`/inboxes/${inboxId}`)).body.data.pairing).toEqual({ qr: '2@QR-ONE' });
    sock.paired();
    sock.open();
    await eventually(async () => (await api.get(`/inboxes/${inboxId}`)).body.data.health === 'ready');
    const ready = events.filter((e) => e.name === 'inbox:updated' && e.data.inbox.id === inboxId).at(-1)!;
    expect(ready.data.inbox.pairing).toBeNull();
    // The credentials are in the database: a restarted hub reconnects without a new QR code.
    await eventually(async () => {
      const stored = await channelStore(() => t.hub.ctx.db, Number(inboxId)).get<{
        v: { registered?: boolean };
      }>('wa:creds');
      return stored?.v.registered === true;
    });
    await t.stop();
    t = await t.restart();
    api = client(t.url, acme.adminToken);
    await connectAgent();
    sock = fake.last();
    expect(sock.auth.creds.registered).toBe(true);
    expect(sock.auth.creds.me?.id).toBe('59170000001:3@s.whatsapp.net');
    await eventually(async () => (await api.get(`/inboxes/${inboxId}`)).body.data.health === 'ready');
  });

  it('takes in text, photos, PDFs, locations, contacts, quoted replies and reactions, once each', async () => {
    const photo = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF');
    const text = waMessage(
      customer,
      { conversation: 'Quiero contratar internet' },
      { pushName: 'Ana Quispe' },
    );
    const image = waMessage(customer, { imageMessage: { mimetype: 'image/jpeg', caption: 'Mi carnet' } });
    const doc = waMessage(customer, {
      documentWithCaptionMessage: {
        message: {
          documentMessage: {
            mimetype: 'application/pdf',
            fileName: 'carta-firmada.pdf',
            caption: 'La carta',
          },
        },
      },
    });
    fake.media.set(image.key.id!, photo);
    fake.media.set(doc.key.id!, pdf);
    const location = waMessage(customer, {
      locationMessage: {
        degreesLatitude: -16.5,
        degreesLongitude: -68.15,
        name: 'Casa',
        address: 'Calle Lanza 2020',
      },
    });
    const contacts = waMessage(customer, {
      contactMessage: {
        displayName: 'Juan',
        vcard: 'BEGIN:VCARD\nVERSION:3.0\nFN:Juan\nTEL;type=CELL:+591 70000002\nEND:VCARD',
      },
    });
    const quoted = waMessage(customer, {
      extendedTextMessage: {
        text: 'Esa es mi dirección',
        contextInfo: { stanzaId: location.key.id, participant: customer },
      },
    });
    const reaction = waMessage(customer, {
      reactionMessage: { key: { id: text.key.id, remoteJid: customer }, text: '👍' },
    });
    sock.upsert([text, image, doc]);
    sock.upsert([location, contacts, quoted, reaction]);
    sock.upsert([text]); // WhatsApp delivers again after a reconnect

    const { conversation, message: first } = await conversationOf(text.key.id!);
    expect(first.text).toBe('Quiero contratar internet');
    const full = (await api.get(`/conversations/${conversation.id}`)).body.data;
    expect(full.contact).toMatchObject({ name: 'Ana Quispe', phone: '+59171234567' });
    const img = (await conversationOf(image.key.id!)).message;
    expect(img.text).toBe('Mi carnet');
    expect(img.attachments[0]).toMatchObject({ mime: 'image/jpeg', size: photo.length });
    const pdfMsg = (await conversationOf(doc.key.id!)).message;
    expect(pdfMsg.attachments[0]).toMatchObject({ mime: 'application/pdf', name: 'carta-firmada.pdf' });
    expect((await conversationOf(location.key.id!)).message.text).toContain(
      'Casa, Calle Lanza 2020 (-16.5, -68.15)',
    );
    expect((await conversationOf(contacts.key.id!)).message.text).toBe('👤 Juan: +591 70000002');
    expect((await conversationOf(quoted.key.id!)).message.text).toBe('Esa es mi dirección');
    const react = (await conversationOf(reaction.key.id!)).message;
    expect(react).toMatchObject({ contentType: 'reaction', text: '👍' });
    const all = (await api.get(`/conversations/${conversation.id}/messages`)).body.data as any[];
    expect(all.filter((m) => m.externalId === text.key.id).length).toBe(1);
    // Seven stored from the customer; the hub's own (the social protocol's greeting) are not theirs.
    expect(all.filter((m) => m.direction === 'in').length).toBe(7);
  });

  it('knows a customer who writes under their LID as the same contact', async () => {
    const viaLid = waMessage(
      '123456789012345@lid',
      { conversation: 'Escribo desde otro dispositivo' },
      { remoteJidAlt: customer },
    );
    sock.upsert([viaLid]);
    const { conversation } = await conversationOf(viaLid.key.id!);
    const first = await conversationOf(
      (await api.get(`/conversations/${conversation.id}/messages`)).body.data[0].externalId,
    );
    expect(conversation.id).toBe(first.conversation.id);
    expect(conversation.contactId).toBe(first.conversation.contactId);
    // A LID alone, once Baileys knows whose number it is, is the same person too.
    sock.lids.set('998877665544332@lid', customer);
    const lidOnly = waMessage('998877665544332@lid', { conversation: 'Solo con LID' });
    sock.upsert([lidOnly]);
    expect((await conversationOf(lidOnly.key.id!)).conversation.contactId).toBe(first.conversation.contactId);
  });

  it('sends replies with typing shown, and shows the customer’s ticks', async () => {
    const list = (await api.get(`/conversations?inboxId=${inboxId}`)).body.data as any[];
    const conversation = list[0];
    const reply = await api.post(`/conversations/${conversation.id}/messages`, {
      text: 'Con gusto, envíe su carnet.',
    });
    expect(reply.status).toBe(201);
    const sent = await eventually(async () =>
      sock.sent.find((x) => x.content.text === 'Con gusto, envíe su carnet.'),
    );
    expect(sent.jid).toBe(customer);
    expect(sock.presence.filter((p) => p.jid === customer).map((p) => p.type)).toEqual(
      expect.arrayContaining(['composing', 'paused']),
    );
    const stored = async () =>
      ((await api.get(`/conversations/${conversation.id}/messages`)).body.data as any[]).find(
        (m) => m.id === reply.body.data.id,
      );
    await eventually(async () => (await stored())?.status === 'sent');
    expect((await stored()).externalId).toBe(sent.id);
    sock.receipt(sent.id, customer, 3);
    await eventually(async () => (await stored())?.status === 'delivered');
    sock.receipt(sent.id, customer, 4);
    await eventually(async () => (await stored())?.status === 'read');
    // A late "delivered" never moves it back.
    sock.receipt(sent.id, customer, 3);
    await new Promise((r) => setTimeout(r, 200));
    expect((await stored()).status).toBe('read');
  });

  it('sends an image with the text as its caption', async () => {
    const list = (await api.get(`/conversations?inboxId=${inboxId}`)).body.data as any[];
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    );
    const form = new FormData();
    form.append('file', new Blob([png], { type: 'image/png' }), 'plan.png');
    const up = await fetch(`${t.url}/api/v1/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${acme.adminToken}` },
      body: form,
    });
    expect(up.status).toBe(201);
    const file = ((await up.json()) as any).data;
    const reply = await api.post(`/conversations/${list[0].id}/messages`, {
      text: 'Este es el plan',
      attachmentIds: [file.id],
    });
    expect(reply.status).toBe(201);
    const sent = await eventually(async () => sock.sent.find((x) => x.content.caption === 'Este es el plan'));
    expect(Buffer.compare(sent.content.image as Buffer, png)).toBe(0);
    expect(sent.content.mimetype).toBe('image/png');
  });

  it('joins a number the account already knows (from another channel, in any format) to that contact', async () => {
    const crm = (await api.post('/inboxes', { name: 'CRM', channel: 'api', config: {} })).body.data;
    const known = await client(t.url).post(
      `/inboxes/${crm.id}/incoming`,
      {
        externalId: 'crm-1',
        contact: { externalId: 'crm-771', name: 'Rosa (CRM)', phone: '+591 7 765 4321' },
        text: 'alta',
      },
      { 'x-inbox-token': crm.token },
    );
    expect(known.status).toBe(201);
    const contactId = known.body.data.conversation.contactId;
    const wa = waMessage(
      '59177654321@s.whatsapp.net',
      { conversation: 'Hola, soy Rosa' },
      { pushName: 'Rosa' },
    );
    sock.upsert([wa]);
    const { conversation } = await conversationOf(wa.key.id!);
    expect(conversation.contactId).toBe(contactId);
    const contact = (await api.get(`/contacts/${contactId}`)).body.data;
    expect(contact.phone).toBe('+59177654321');
    expect(contact.identities.map((i: any) => i.channel).sort()).toEqual(['api', 'whatsapp']);
  });

  it('flags a phone logout as needing pairing, alerts supervisors and offers a new QR code', async () => {
    const before = fake.sockets.length;
    sock.close(401);
    const alert = await eventually(async () =>
      events.find((e) => e.name === 'inbox:alert' && e.data.inboxId === inboxId),
    );
    expect(alert.data.detail).toMatch(/logged this number out/);
    await eventually(async () => (await api.get(`/inboxes/${inboxId}`)).body.data.health === 'needs_auth');
    expect(await channelStore(() => t.hub.ctx.db, Number(inboxId)).get('wa:creds')).toBeNull();
    // A fresh socket, with fresh credentials, asks for a new QR code.
    await eventually(async () => fake.sockets.length > before, 10_000);
    sock = fake.last();
    expect(sock.auth.creds.registered).toBeFalsy();
    const qr = `2@QR-${fake.sockets.length}`;
    await eventually(async () =>
      events.find((e) => e.name === 'inbox:updated' && e.data.inbox.pairing?.qr === qr),
    );
    // Meanwhile a reply cannot go out, and the agent is told why instead of waiting forever.
    const list = (await api.get(`/conversations?inboxId=${inboxId}`)).body.data as any[];
    const reply = await api.post(`/conversations/${list[0].id}/messages`, { text: 'no saldrá' });
    const failed = await eventually(async () =>
      ((await api.get(`/conversations/${list[0].id}/messages`)).body.data as any[]).find(
        (m) => m.id === reply.body.data.id && m.status === 'failed',
      ),
    );
    expect(failed.errorCode).toBe('AUTH');
    expect(failed.error).toMatch(/not paired/);
  });

  it('backs off when another client takes the session over', async () => {
    sock.paired();
    sock.open();
    await eventually(async () => (await api.get(`/inboxes/${inboxId}`)).body.data.health === 'ready');
    const before = fake.sockets.length;
    sock.close(440);
    await eventually(async () =>
      (await api.get(`/inboxes/${inboxId}`)).body.data.healthDetail?.includes('another client'),
    );
    await new Promise((r) => setTimeout(r, 1500));
    // No reconnect fight: the next attempt waits a minute (longer after each takeover).
    expect(fake.sockets.length).toBe(before);
  });
});

describe('whatsapp adapter specifics', () => {
  async function connect(config: Record<string, unknown> = { sendIntervalMs: 0 }) {
    const fake = fakeTransport({ autoOpen: true });
    const made = contractContext('whatsapp', config as never, null);
    const conn = createWhatsappConnection(made.ctx, fake.transport);
    await conn.start();
    return { ...made, conn, fake, sock: fake.last() };
  }

  it('paces a burst of replies from one number, typing before each', async () => {
    const { conn, sock } = await connect({ sendIntervalMs: 300 });
    try {
      const started = Date.now();
      const done: number[] = [];
      await Promise.all(
        ['uno', 'dos', 'tres'].map(async (text) => {
          await conn.send({
            ...outbound(text),
            recipient: { ...outbound('').recipient, externalId: '+59171234567' },
          });
          done.push(Date.now() - started);
        }),
      );
      expect(sock.sent.map((x) => x.content.text)).toEqual(['uno', 'dos', 'tres']);
      done.sort((a, b) => a - b);
      expect(done[1] - done[0]).toBeGreaterThanOrEqual(250);
      expect(done[2] - done[1]).toBeGreaterThanOrEqual(250);
      expect(sock.presence.filter((p) => p.type === 'composing').length).toBe(3);
      expect(sock.sent[0].jid).toBe('59171234567@s.whatsapp.net');
    } finally {
      await conn.stop();
    }
  });

  it('reconnects by itself after a network blip, backing off', async () => {
    const { conn, fake, recorded } = await connect();
    try {
      fake.last().close(428);
      await eventually(async () => fake.sockets.length === 2, 5000);
      await eventually(async () => recorded.health.at(-1) === 'ready');
      expect(recorded.health).toContain('connecting');
    } finally {
      await conn.stop();
    }
  });

  it('pairs with a code when the admin gave the phone number', async () => {
    const fake = fakeTransport();
    const made = contractContext('whatsapp', { pairingPhone: '+59170000001', sendIntervalMs: 0 }, null);
    const conn = createWhatsappConnection(made.ctx, fake.transport);
    await conn.start();
    try {
      await eventually(async () => made.recorded.pairing.some((p) => p?.code === 'HUBP-AIR1'));
      expect(made.recorded.health.at(-1)).toBe('needs_auth');
      expect(made.recorded.pairing.some((p) => p?.qr)).toBe(false);
    } finally {
      await conn.stop();
    }
  });

  it('gives Baileys back what it sent (retry receipts), keeps a message whose media expired, ignores groups', async () => {
    const { conn, sock, recorded, fake } = await connect();
    try {
      const { externalId } = await conn.send({
        ...outbound('re-send me'),
        recipient: { ...outbound('').recipient, externalId: '+59171234567' },
      });
      expect(await fake.getMessage({ id: externalId })).toMatchObject({ conversation: 're-send me' });

      const expired = waMessage('59171234567@s.whatsapp.net', {
        imageMessage: { mimetype: 'image/jpeg', caption: 'foto' },
      });
      const group = waMessage('120363000000000000@g.us', { conversation: 'hola grupo' });
      const status = waMessage('status@broadcast', { conversation: 'estado' });
      sock.upsert([group, status, expired]);
      const got = await eventually(async () =>
        recorded.received.find((m) => m.externalId === expired.key.id),
      );
      expect(got.text).toBe('foto');
      expect(got.attachments).toEqual([]);
      expect(got.meta?.mediaError).toMatch(/could not be downloaded: media expired/);
      expect(
        recorded.received.some((m) => m.externalId === group.key.id || m.externalId === status.key.id),
      ).toBe(false);
    } finally {
      await conn.stop();
    }
  });

  it('imports the phone’s history only when asked, marked as imported', async () => {
    for (const importHistory of [false, true]) {
      const { conn, sock, recorded } = await connect({ sendIntervalMs: 0, importHistory });
      try {
        const old = waMessage('59171234567@s.whatsapp.net', { conversation: 'mensaje viejo' });
        sock.ev.emit('messaging-history.set', { messages: [old], chats: [], contacts: [], isLatest: true });
        const live = waMessage('59171234567@s.whatsapp.net', { conversation: 'mensaje nuevo' });
        sock.upsert([live]);
        await eventually(async () => recorded.received.some((m) => m.externalId === live.key.id));
        const imported = recorded.received.find((m) => m.externalId === old.key.id);
        if (importHistory) expect(imported?.meta?.imported).toBe(true);
        else expect(imported).toBeUndefined();
      } finally {
        await conn.stop();
      }
    }
  });
});

describe('whatsapp session store', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t?.destroy());

  it('round-trips credentials and every kind of signal key through the database', async () => {
    const acme = await seedAccount(t);
    const inbox = await acme.apiInbox();
    const store = channelStore(() => t.hub.ctx.db, Number(inbox.id));
    const first = await useStoredAuthState(store);
    const creds = first.state.creds;
    await first.saveCreds();
    const syncKey = proto.Message.AppStateSyncKeyData.fromObject({
      keyData: Buffer.from('0123456789abcdef'),
      fingerprint: { rawId: 7, currentIndex: 1 },
      timestamp: 1700000000,
    });
    await first.state.keys.set({
      'pre-key': { '1': initAuthCreds().signedIdentityKey, '2': initAuthCreds().signedIdentityKey },
      session: { '59171234567.0': new Uint8Array([1, 2, 3, 250]) },
      'app-state-sync-key': { AAAAAA: syncKey },
      'lid-mapping': { '59171234567': '123456789012345' },
    });

    const again = await useStoredAuthState(store);
    expect(
      Buffer.compare(again.state.creds.noiseKey.private as Buffer, creds.noiseKey.private as Buffer),
    ).toBe(0);
    expect(again.state.creds.registrationId).toBe(creds.registrationId);
    const preKeys = await again.state.keys.get('pre-key', ['1', '2', '3']);
    expect(Object.keys(preKeys).sort()).toEqual(['1', '2']);
    expect(Buffer.isBuffer(preKeys['1'].public)).toBe(true);
    const sessions = await again.state.keys.get('session', ['59171234567.0']);
    expect([...sessions['59171234567.0']]).toEqual([1, 2, 3, 250]);
    const sync = (await again.state.keys.get('app-state-sync-key', ['AAAAAA'])).AAAAAA;
    expect(sync).toBeInstanceOf(proto.Message.AppStateSyncKeyData);
    expect(Buffer.from(sync.keyData!).toString()).toBe('0123456789abcdef');
    expect((await again.state.keys.get('lid-mapping', ['59171234567']))['59171234567']).toBe(
      '123456789012345',
    );

    await again.state.keys.set({ 'pre-key': { '1': null } });
    expect(Object.keys(await again.state.keys.get('pre-key', ['1', '2']))).toEqual(['2']);
    await again.clear();
    expect(await store.get('wa:creds')).toBeNull();
    expect(await again.state.keys.get('pre-key', ['2'])).toEqual({});
  });
});

describe.runIf(onPostgres)('whatsapp session lease (PostgreSQL, several hub processes)', () => {
  let a: TestHub;
  let b: TestHub;
  const fake = fakeTransport({ autoOpen: true });
  afterEach(() => {
    whatsappChannel.transport = realTransport;
  });
  afterAll(async () => {
    await b?.stop().catch(() => {});
    await a?.destroy();
  });

  it('connects a number from one hub only, and hands it over when that hub stops', async () => {
    whatsappChannel.transport = fake.transport;
    a = await startTestHub({ CHANNEL_LEASE_SECONDS: '2' });
    const acme = await seedAccount(a);
    const created = await client(a.url, acme.adminToken).post('/inboxes', {
      name: 'WA',
      channel: 'whatsapp',
      config: { sendIntervalMs: 0 },
    });
    expect(created.status).toBe(201);
    const inboxId = Number(created.body.data.id);
    expect(fake.sockets.length).toBe(1);
    // A second hub on the same database does not open the session.
    const hubB = await startSecondNode(a, { CHANNEL_LEASE_SECONDS: '2', SEED_DEMO: 'false' });
    b = {
      hub: hubB,
      url: hubB.url,
      dataDir: a.dataDir,
      stop: () => hubB.stop(),
      restart: async () => b,
      destroy: () => hubB.stop(),
    };
    expect(hubB.ctx.channels.get(inboxId)?.owned).toBe(false);
    await pastLeaseExpiry(queryOf(a), inboxId);
    expect(fake.sockets.length).toBe(1);
    expect(hubB.ctx.channels.get(inboxId)?.owned).toBe(false);
    // The owner stops: the other hub takes the session over within a renewal period.
    await a.stop();
    // Taking the lease comes first, then the connection opens (its keys are read from the database).
    await eventually(async () => hubB.ctx.channels.get(inboxId)?.owned === true, 5000);
    await eventually(async () => fake.sockets.length === 2, 5000);
    expect(fake.sockets.length).toBe(2);
  });

  it('two hub processes: one holds the number, and the other takes it over after a kill -9', async () => {
    // The inbox is made with the stand-in transport and its hub stopped (lease released); the two hubs
    // below are real `npm start` processes with the real Baileys transport, which cannot reach WhatsApp
    // from here — the lease does not care whether the socket opens.
    whatsappChannel.transport = fake.transport;
    const maker = await startTestHub({ CHANNEL_LEASE_SECONDS: '2' });
    const acme = await seedAccount(maker);
    const created = await client(maker.url, acme.adminToken).post('/inboxes', {
      name: 'WA2',
      channel: 'whatsapp',
      config: {},
    });
    const inboxId = Number(created.body.data.id);
    const db = maker.databaseUrl!;
    await maker.stop();
    const pgc = new (await import('pg')).default.Client({ connectionString: db });
    await pgc.connect();
    const owner = async () =>
      ((
        await pgc.query('select owner from channel_leases where inbox_id = $1 and expires_at > now()', [
          inboxId,
        ])
      ).rows[0]?.owner as string | undefined) ?? '';
    const hubProcess = () =>
      spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
        env: {
          ...process.env,
          PORT: '0',
          HOST: '127.0.0.1',
          DATABASE_URL: db,
          DATA_DIR: maker.dataDir,
          HUB_SECRET: 'test-secret-test-secret-test-secret-0123',
          CHANNEL_LEASE_SECONDS: '2',
          SEED_DEMO: 'false',
          LOG_LEVEL: 'error',
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
    const first = hubProcess();
    const second = hubProcess();
    // What a hub that dies on its own says, so a failure here names its cause instead of timing out.
    const died: string[] = [];
    for (const p of [first, second]) {
      let stderr = '';
      p.stderr?.on('data', (d: Buffer) => {
        stderr += d.toString();
      });
      p.on('exit', (code, signal) => {
        if (signal !== 'SIGKILL')
          died.push(`hub ${p.pid} exited (${code ?? signal}): ${stderr.slice(-2000)}`);
      });
    }
    try {
      // Two cold `tsx` starts at once on a shared two-core machine: give them time.
      const holder = await eventually(async () => {
        if (died.length) return 'a hub died';
        const o = await owner();
        return o.includes(`:${first.pid}:`) || o.includes(`:${second.pid}:`) ? o : undefined;
      }, 60_000);
      expect(died).toEqual([]);
      const [held, other] = holder.includes(`:${first.pid}:`) ? [first, second] : [second, first];
      // Renewals keep it where it is.
      await pastLeaseExpiry((text, values) => pgc.query(text, values), inboxId);
      expect(await owner()).toBe(holder);
      held.kill('SIGKILL');
      await eventually(async () => (await owner()).includes(`:${other.pid}:`), 15_000);
      expect(died).toEqual([]);
    } finally {
      first.kill('SIGKILL');
      second.kill('SIGKILL');
      await pgc.end();
      await maker.destroy();
    }
  });

  it('passes a lease on after its holder is killed with SIGKILL, not before', async () => {
    const url = a.databaseUrl!;
    const acme = await seedAccount(b);
    const inbox = await acme.apiInbox();
    const holder = spawn(
      process.execPath,
      ['--import', 'tsx', 'tests/helpers/lease-holder.ts', url, inbox.id, '2000'],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    await new Promise<void>((resolve, reject) => {
      holder.stdout!.on('data', (d: Buffer) => d.toString().includes('holding') && resolve());
      holder.once('exit', (code) => reject(new Error(`lease holder exited ${code}`)));
    });
    const mine = channelLease(b.hub.ctx.db, Number(inbox.id), 'test-node', 2000);
    expect(await mine.acquire()).toBe(false);
    // The holder keeps renewing: still not ours once its first expiry has passed.
    await pastLeaseExpiry(queryOf(b), Number(inbox.id));
    expect(await mine.acquire()).toBe(false);
    holder.kill('SIGKILL');
    await eventually(async () => mine.acquire(), 5000);
    expect(await mine.renew()).toBe(true);
  });
});
