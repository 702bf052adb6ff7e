// The /widget socket: sessions that survive reconnects, messages stored once, bad input answered with an
// error ack (and the hub keeps serving), visitors kept apart, verified identities across devices, and
// live traffic both ways between the widget and the agents' sockets.
import { count, eq } from 'drizzle-orm';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '#server/db/schema.ts';
import {
  client,
  eventually,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';
import { closeAllVisitors, connectVisitor, identityHash, webchatInbox } from '#tests/helpers/widget.ts';

let t: TestHub;
let a: SeededAccount;
let b: SeededAccount;
let chat: { id: string; token: string; secret: string };
let otherChat: { id: string; token: string; secret: string };
const agentSockets: Socket[] = [];

async function agentSocket(token: string) {
  const socket = connect(`${t.url}/agent`, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
  });
  agentSockets.push(socket);
  const events: Record<string, any[]> = {};
  socket.onAny((event: string, payload: unknown) => {
    events[event] ??= [];
    events[event].push(payload);
  });
  await new Promise<void>((resolve, reject) => {
    socket.on('connect', () => resolve());
    socket.on('connect_error', reject);
  });
  return { socket, events };
}

const storedWith = async (clientMessageId: string) => {
  const [{ n }] = await t.hub.ctx.db
    .select({ n: count() })
    .from(messages)
    .where(eq(messages.clientMessageId, clientMessageId));
  return n;
};

beforeAll(async () => {
  t = await startTestHub();
  a = await seedAccount(t, 'A');
  b = await seedAccount(t, 'B');
  // The socket's own contract, without the chat protocol's automatic messages (tests/protocol has those).
  chat = await webchatInbox(t, a, { protocol: 'none' });
  otherChat = await webchatInbox(t, b);
});
afterAll(async () => {
  closeAllVisitors();
  for (const s of agentSockets) s.close();
  await t?.destroy();
});

describe('widget socket', () => {
  it('refuses an unknown inbox token and a token of another channel', async () => {
    const err = await connectVisitor(t, { inboxToken: 'nope' }).catch((e) => e);
    expect(err.data?.code).toBe('inbox_not_found');
    const api = await a.apiInbox();
    const err2 = await connectVisitor(t, { inboxToken: api.token }).catch((e) => e);
    expect(err2.data?.code).toBe('inbox_not_found');
    const err3 = await connectVisitor(t, { inboxToken: 42 }).catch((e) => e);
    expect(err3.data?.code).toBe('inbox_not_found');
  });

  it('gives a new visitor a token, and restores the conversation on reconnect with it', async () => {
    const first = await connectVisitor(t, { inboxToken: chat.token });
    expect(first.session.visitorToken).toMatch(/\./);
    expect(first.session.conversation).toBeNull();
    expect(first.session.messages).toEqual([]);
    const ack = await first.emit('message:send', { clientMessageId: 'r-1', text: 'Hola, necesito ayuda' });
    expect(ack.ok).toBe(true);
    expect(ack.message).toMatchObject({
      text: 'Hola, necesito ayuda',
      senderType: 'contact',
      direction: 'in',
    });
    first.close();

    const again = await connectVisitor(t, {
      inboxToken: chat.token,
      visitorToken: first.session.visitorToken,
    });
    expect(again.session.visitorToken).toBe(first.session.visitorToken);
    expect(again.session.conversation.id).toBe(ack.message.conversationId);
    expect(again.session.messages.map((m: any) => m.text)).toEqual(['Hola, necesito ayuda']);
    again.close();
  });

  it('stores a message once when the same clientMessageId is sent twice, and acks the same message', async () => {
    const v = await connectVisitor(t, { inboxToken: chat.token });
    const one = await v.emit('message:send', { clientMessageId: 'dup-1', text: 'once' });
    const two = await v.emit('message:send', { clientMessageId: 'dup-1', text: 'once' });
    const [three, four] = await Promise.all([
      v.emit('message:send', { clientMessageId: 'dup-2', text: 'racing' }),
      v.emit('message:send', { clientMessageId: 'dup-2', text: 'racing' }),
    ]);
    expect(two.message.id).toBe(one.message.id);
    expect(four.message.id).toBe(three.message.id);
    expect(await storedWith('dup-1')).toBe(1);
    expect(await storedWith('dup-2')).toBe(1);
    v.close();
  });

  it('answers malformed events with an error ack and keeps working', async () => {
    const v = await connectVisitor(t, { inboxToken: chat.token });
    const bad = [
      await v.emit('message:send', 'not an object'),
      await v.emit('message:send', { clientMessageId: 5, text: 'x' }),
      await v.emit('message:send', { clientMessageId: 'ok', text: 42 }),
      await v.emit('message:send', { clientMessageId: 'big', text: 'x'.repeat(200_000) }),
      await v.emit('message:send', { clientMessageId: 'empty', text: '   ' }),
      await v.emit('message:send', null),
      await v.emit('message:send'),
      await v.emit('identify', { email: { $ne: 1 } }),
      await v.emit('survey:submit', { rating: 9 }),
      await v.emit('messages:read', { upToMessageId: 'abc' }),
      await v.emit('typing', { on: 'yes' }),
      await v.emit('transcript:request', { email: 'not-an-address' }),
    ];
    for (const r of bad) {
      expect(r.ok).toBe(false);
      expect(r.error.code).toBe('validation_failed');
      expect(typeof r.error.message).toBe('string');
    }
    // An event without an ack, and one the hub does not know, are simply ignored.
    v.socket.emit('message:send', { nonsense: true });
    v.socket.emit('no-such-event', { x: 1 });
    // A frame larger than the server accepts closes that socket only; the hub carries on.
    const ok = await v.emit('message:send', { clientMessageId: 'after-bad', text: 'still here' });
    expect(ok.ok).toBe(true);
    const huge = await connectVisitor(t, { inboxToken: chat.token });
    const closed = new Promise((resolve) => huge.socket.once('disconnect', resolve));
    huge.socket.emit('message:send', { clientMessageId: 'huge', text: 'x'.repeat(2_000_000) });
    await closed;
    const fresh = await connectVisitor(t, { inboxToken: chat.token });
    expect((await fresh.emit('message:send', { clientMessageId: 'alive', text: 'alive' })).ok).toBe(true);
    expect(await storedWith('huge')).toBe(0);
    v.close();
    fresh.close();
  });

  it('never lets a visitor read or write another visitor’s conversation', async () => {
    const alice = await connectVisitor(t, { inboxToken: chat.token });
    await alice.emit('message:send', { clientMessageId: 'alice-1', text: 'alice secret' });
    const token = alice.session.visitorToken as string;

    // A forged token (right shape, wrong signature), a tampered payload, and the token on another inbox.
    const [payload, sig] = [token.slice(0, token.lastIndexOf('.')), token.slice(token.lastIndexOf('.') + 1)];
    const forged = [
      `${payload}.${sig.slice(0, -2)}xx`,
      `${payload.slice(0, -1)}${payload.endsWith('A') ? 'B' : 'A'}.${sig}`,
      'garbage',
    ];
    for (const visitorToken of forged) {
      const mallory = await connectVisitor(t, { inboxToken: chat.token, visitorToken });
      expect(mallory.session.visitorToken).not.toBe(token);
      expect(mallory.session.conversation).toBeNull();
      expect(mallory.session.messages).toEqual([]);
      mallory.close();
    }
    const elsewhere = await connectVisitor(t, { inboxToken: otherChat.token, visitorToken: token });
    expect(elsewhere.session.visitorToken).not.toBe(token);
    expect(elsewhere.session.conversation).toBeNull();
    elsewhere.close();

    // Bob's messages land in Bob's conversation, and Alice hears nothing of them.
    const bob = await connectVisitor(t, { inboxToken: chat.token });
    const bobAck = await bob.emit('message:send', { clientMessageId: 'alice-1', text: 'bob writes' });
    const aliceNow = await connectVisitor(t, { inboxToken: chat.token, visitorToken: token });
    expect(bobAck.message.conversationId).not.toBe(aliceNow.session.conversation.id);
    expect(aliceNow.session.messages.map((m: any) => m.text)).toEqual(['alice secret']);
    expect(alice.events['message:new'] ?? []).toEqual([]);
    // Bob cannot mark Alice's messages read or rate her conversation: his own state only.
    expect((await bob.emit('survey:submit', { rating: 1 })).error.code).toBe('invalid_state');
    alice.close();
    bob.close();
    aliceNow.close();
  });

  it('follows a verified visitor across devices and refuses a wrong hash', async () => {
    const id = 'customer-77';
    const verified = { id, hash: identityHash(chat.secret, id) };
    const laptop = await connectVisitor(t, { inboxToken: chat.token, verified });
    const sent = await laptop.emit('message:send', { clientMessageId: 'v-1', text: 'from the laptop' });
    const phone = await connectVisitor(t, { inboxToken: chat.token, verified });
    expect(phone.session.conversation.id).toBe(sent.message.conversationId);
    expect(phone.session.messages.map((m: any) => m.text)).toEqual(['from the laptop']);
    // What the phone writes shows on the laptop too.
    await phone.emit('message:send', { clientMessageId: 'v-2', text: 'from the phone' });
    await eventually(async () =>
      laptop.events['message:new']?.find((e) => e.message.text === 'from the phone'),
    );
    const conv = await client(t.url, a.adminToken).get(`/conversations/${sent.message.conversationId}`);
    expect(conv.body.data.contact.identities[0].externalId).toBe(`user:${id}`);

    const wrong = await connectVisitor(t, {
      inboxToken: chat.token,
      verified: { id, hash: '0'.repeat(64) },
    }).catch((e) => e);
    expect(wrong.data?.code).toBe('identity_not_verified');
    const otherId = await connectVisitor(t, {
      inboxToken: chat.token,
      verified: { id: 'customer-78', hash: verified.hash },
    }).catch((e) => e);
    expect(otherId.data?.code).toBe('identity_not_verified');
    // The verified visitor's token alone does not open the verified history.
    const tokenOnly = await connectVisitor(t, {
      inboxToken: chat.token,
      visitorToken: laptop.session.visitorToken,
    });
    expect(tokenOnly.session.conversation).toBeNull();
    laptop.close();
    phone.close();
    tokenOnly.close();
  });

  it('pushes agent replies live, shows widget messages to agents, and relays typing both ways', async () => {
    const admin = await agentSocket(a.adminToken);
    const v = await connectVisitor(t, { inboxToken: chat.token });
    const ack = await v.emit('message:send', { clientMessageId: 'live-1', text: 'is anyone there?' });
    const conversationId = ack.message.conversationId;
    await eventually(async () => admin.events['message:new']?.find((e) => e.message.id === ack.message.id));

    await v.emit('typing', { on: true });
    await eventually(async () =>
      admin.events.typing?.find((e) => e.conversationId === conversationId && e.on && e.who === 'contact'),
    );
    const typingAck = await admin.socket.timeout(5000).emitWithAck('typing', { conversationId, on: true });
    expect(typingAck.ok).toBe(true);
    await eventually(async () => v.events.typing?.find((e) => e.on === true));
    const badTyping = await admin.socket.timeout(5000).emitWithAck('typing', { conversationId: 'x' });
    expect(badTyping.ok).toBe(false);

    const api = client(t.url, a.adminToken);
    const reply = await api.post(`/conversations/${conversationId}/messages`, {
      text: 'Yes, how can I help?',
    });
    expect(reply.status).toBe(201);
    const note = await api.post(`/conversations/${conversationId}/messages`, {
      text: 'internal',
      private: true,
    });
    expect(note.status).toBe(201);
    const pushed = await eventually(async () =>
      v.events['message:new']?.find((e) => e.message.id === reply.body.data.id),
    );
    expect(pushed.message).toMatchObject({
      text: 'Yes, how can I help?',
      senderType: 'agent',
      status: 'sent',
    });
    await eventually(async () =>
      v.events['message:updated']?.find(
        (e) => e.message.id === reply.body.data.id && e.message.status === 'sent',
      ),
    );
    const stored = await eventually(async () => {
      const r = await api.get(`/conversations/${conversationId}/messages`);
      return r.body.data.find((m: any) => m.id === reply.body.data.id && m.status === 'sent');
    });
    expect(stored.status).toBe('sent');

    // Read receipts: the visitor saw up to the reply; the agents hear the status change.
    const read = await v.emit('messages:read', { upToMessageId: reply.body.data.id });
    expect(read).toEqual({ ok: true, read: [reply.body.data.id] });
    await eventually(async () =>
      admin.events['message:updated']?.find(
        (e) => e.message.id === reply.body.data.id && e.message.status === 'read',
      ),
    );
    const after = await api.get(`/conversations/${conversationId}/messages`);
    expect(after.body.data.find((m: any) => m.id === reply.body.data.id).status).toBe('read');

    // Private notes never reach the widget, live or in the session.
    const again = await connectVisitor(t, { inboxToken: chat.token, visitorToken: v.session.visitorToken });
    expect(again.session.messages.map((m: any) => m.text)).toEqual([
      'is anyone there?',
      'Yes, how can I help?',
    ]);
    expect(v.events['message:new'].some((e) => e.message.text === 'internal')).toBe(false);
    v.close();
    again.close();
  });
});
