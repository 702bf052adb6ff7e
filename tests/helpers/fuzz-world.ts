// The world tests/server/fuzz.test.ts fuzzes: account A (admin, agent, API, web-chat and WhatsApp Cloud
// inboxes, a conversation, labels, a team, a rule, a canned reply, a widget visitor) whose doors are
// tried, and account B, whose every name, text, e-mail and file carries MARK — so any answer or event
// that contains MARK is B's data shown to A. A's agents and visitor record every event they receive.
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { io as connect, type Socket } from 'socket.io-client';
import { expect } from 'vitest';
import { whatsappChannel } from '#channels/whatsapp/index.ts';
import { issueToken } from '#server/auth/login.ts';
import { type User, users } from '#server/db/schema.ts';
import { createInbox } from '#server/inboxes/save-inbox.ts';
import { protocolNames } from '#shared/protocol.schema.ts';
import { fakeTransport } from '#tests/channels/whatsapp/fake-baileys.ts';
import { hostileString, pct, type WireBody } from './fuzz.ts';
import { startGraphApi } from './graph-api.ts';
import { client, eventually, incoming, seedAccount, type TestHub } from './hub.ts';
import { connectVisitor, type WidgetVisitor, webchatInbox } from './widget.ts';

/** In B's names, texts, e-mails and files; lower case, as answers are searched lower-cased. */
export const MARK = 'qzxmarkb';

const PASSWORD = 'Tundra-Quokka-Lantern-81!';
// A deadline, not a wait: a hub that never answers an event or a handshake fails the run instead of
// hanging it; an answer ends the wait at once.
const ACK_TIMEOUT_MS = 15_000;
const realTransport = whatsappChannel.transport;

export type FuzzWorld = Awaited<ReturnType<typeof seedFuzzWorld>>;

type Recorder = { socket: Socket; events: unknown[] };

function agentSocket(t: TestHub, token: string): Promise<Recorder> {
  const socket = connect(`${t.url}/agent`, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
  });
  const events: unknown[] = [];
  socket.onAny((event: string, payload: unknown) => events.push({ event, payload }));
  return new Promise((resolve, reject) => {
    socket.once('hello', () => resolve({ socket, events }));
    socket.once('connect_error', reject);
  });
}

export async function seedFuzzWorld(t: TestHub) {
  const ctx = t.hub.ctx;
  const A = await seedAccount(t, 'Fuzzed');
  const agent = await A.user('agent', 'Fuzz Agent');
  const harness: { user: User; role: User['role']; token: string }[] = [
    { user: A.admin, role: 'admin', token: A.adminToken },
    { user: agent.user, role: 'agent', token: agent.token },
  ];
  const apiA = await A.apiInbox();
  const chatA = await webchatInbox(t, A);
  // WhatsApp (Baileys) inboxes the fuzz creates talk to a stand-in, never to WhatsApp's servers.
  whatsappChannel.transport = fakeTransport().transport;
  const graph = await startGraphApi({ accessToken: 'fuzz-access', phoneNumberId: '106540352242922' });
  const cloud = { appSecret: 'fuzz-app-secret', verifyToken: 'fuzz-verify' };
  const cloudInbox = await createInbox(ctx, A.accountId, {
    name: 'WhatsApp',
    channel: 'whatsapp_cloud',
    config: {
      phoneNumberId: '106540352242922',
      accessToken: 'fuzz-access',
      graphBaseUrl: graph.url,
      ...cloud,
    },
    settings: {},
  });
  const a = client(t.url, A.adminToken);
  const first = await incoming(t.url, apiA, {
    externalId: 'a-1',
    contact: { externalId: 'ann', name: 'Ann' },
    text: 'hi',
  });
  const made = await Promise.all([
    a.post('/labels', { name: 'Venta', color: '#112233' }),
    a.post('/teams', { name: 'Ventas', strategy: 'manual', memberIds: [String(agent.user.id)] }),
    a.post('/routing/rules', {
      name: 'vip',
      conditions: { keywords: ['vip'] },
      actions: { priority: 'high' },
    }),
    a.post('/canned-responses', { shortcut: 'hola', title: 'Hola', text: 'Hola, ¿en qué ayudo?' }),
  ]);
  for (const r of made) expect(r.status, JSON.stringify(r.body)).toBe(201);

  const B = await seedOtherAccount(t);
  const recorders = [await agentSocket(t, A.adminToken), await agentSocket(t, agent.token)];
  let visitor = await connectVisitor(t, { inboxToken: chatA.token });
  const visitorEvents: unknown[] = [];
  const visitorToken: string = visitor.session.visitorToken;
  const record = (v: WidgetVisitor) =>
    v.socket.onAny((event: string, payload: unknown) => visitorEvents.push({ event, payload }));
  record(visitor);
  const sent = await visitor.emit('message:send', { clientMessageId: 'first', text: 'hola' });
  expect(sent).toMatchObject({ ok: true });
  const form = new FormData();
  form.append('file', new Blob(['fuzz file'], { type: 'text/plain' }), 'fuzz.txt');
  const upload = await fetch(`${t.url}/api/v1/attachments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${A.adminToken}` },
    body: form,
  });
  expect(upload.status).toBe(201);
  const [label, team, rule, canned] = made.map((r) => String(r.body.data.id));
  // A's own ids by the collection a path names them in, so answers get past "not found" often.
  const own: Record<string, string[]> = {
    conversations: [first.body.data.conversation.id, sent.message.conversationId],
    contacts: [first.body.data.conversation.contactId],
    inboxes: [apiA.id, chatA.id, cloudInbox.id].map(String),
    users: [A.admin.id, agent.user.id].map(String),
    messages: [first.body.data.message.id],
    attachments: [((await upload.json()) as { data: { id: string } }).data.id],
    labels: [label],
    teams: [team],
    rules: [rule],
    'canned-responses': [canned],
  };
  // In bodies: any of those, any id of either account (ids are sequences the accounts share), none.
  const ids = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...Object.values(own).flat()) },
    { weight: 4, arbitrary: fc.integer({ min: 1, max: 60 }).map(String) },
    { weight: 1, arbitrary: fc.constantFrom('0', '99999999999999999999') },
  );

  const judgeAck = (what: string, answer: unknown) => {
    const text = JSON.stringify(answer) ?? '';
    const said = `${what}\n→ ${text.slice(0, 400)}`;
    const a = answer as { ok?: unknown; error?: { code?: unknown } } | null;
    if (a?.ok !== true && typeof a?.error?.code !== 'string')
      throw new Error(`an answer without ok or a code: ${said}`);
    if (a?.error?.code === 'internal' || a?.error?.code === 'unavailable')
      throw new Error(`a failure of the hub: ${said}`);
    if (text.toLowerCase().includes(MARK)) throw new Error(`the other account's data leaked: ${said}`);
  };

  return {
    ids,
    /** Ids for a path's `{param}` after `collection`: A's own of that kind most often, else any. */
    idsIn(collection: string | undefined): fc.Arbitrary<string> {
      const mine = own[collection ?? ''];
      return mine
        ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...mine) }, { weight: 2, arbitrary: ids })
        : ids;
    },
    cloudInbox: { id: cloudInbox.id, ...cloud },
    apiInbox: { id: apiA.id, token: apiA.token },
    /** Names in paths (a protocol, a step key): real ones, and any text at all. */
    names: fc.oneof(fc.constantFrom(...protocolNames, 'greeting', 'identify'), hostileString.map(pct)),
    inboxTokens: fc.constantFrom(chatA.token, apiA.token, 'nope'),
    visitorTokens: fc.constantFrom(visitorToken, 'nope'),
    headerValues(name: string): fc.Arbitrary<string> {
      if (/inbox/i.test(name)) return fc.constantFrom(apiA.token, chatA.token, cloudInbox.token, 'nope', '');
      return fc.constantFrom(visitorToken, 'nope', '');
    },
    token(who: string): string | undefined {
      if (who === 'garbage') return 'not-a-token';
      return harness.find((h) => h.role === who)?.token;
    },
    agentTokens: () => [...harness.map((h) => h.token), 'nope'],
    /** Multipart uploads: a file, a hostile file name, no file, the wrong field, a lying type. */
    uploads: fc
      .tuple(
        fc.oneof(fc.constantFrom('note.txt', 'a.png', ''), hostileString),
        fc.constantFrom('file', 'other'),
        fc.constantFrom('text/plain', 'image/png', 'application/x-msdownload', ''),
        fc.oneof(fc.constant('hello'), hostileString),
      )
      .map(([filename, field, type, content]): WireBody => {
        const b = 'fuzzboundary7d1';
        const part = `--${b}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\n${type ? `Content-Type: ${type}\r\n` : ''}\r\n${content}\r\n--${b}--\r\n`;
        return { contentType: `multipart/form-data; boundary=${b}`, body: part, label: 'multipart' };
      }),
    /** Puts the harness's users back as they were (the fuzz may demote, disable or sign them out). */
    async restoreHarness() {
      for (const h of harness) {
        await ctx.db.update(users).set({ role: h.role, disabled: false }).where(eq(users.id, h.user.id));
        h.token = await issueToken(ctx, h.user, 'fuzz');
      }
    },
    async expectUp() {
      const res = await fetch(`${t.url}/health`);
      expect(res.status).toBe(200);
    },
    /** The fuzzed visitor, connected again (same visitor token) if the hub dropped the socket. */
    async visitor(): Promise<WidgetVisitor> {
      if (!visitor.socket.connected) {
        visitor = await connectVisitor(
          t,
          { inboxToken: chatA.token, visitorToken },
          { address: randomAddress() },
        );
        record(visitor);
      }
      return visitor;
    },
    judgeAck,
    async agentEmit(who: string, event: string, payload: unknown): Promise<unknown> {
      const i = who === 'admin' ? 0 : 1;
      if (!recorders[i].socket.connected) {
        const again = await agentSocket(t, harness[i].token);
        recorders[i].socket = again.socket;
        again.socket.onAny((e: string, p: unknown) => recorders[i].events.push({ event: e, payload: p }));
      }
      return recorders[i].socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload);
    },
    /** A handshake: accepted (its first event judged), or refused with a code that is not a failure. */
    async handshake(ns: '/widget' | '/agent', auth: unknown): Promise<void> {
      const socket = connect(`${t.url}${ns}`, {
        auth: (auth && typeof auth === 'object' ? auth : { value: auth }) as Record<string, unknown>,
        transports: ['websocket'],
        reconnection: false,
        extraHeaders: { 'x-forwarded-for': randomAddress() },
      });
      try {
        const outcome = await new Promise<unknown>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no answer to a ${ns} handshake`)), ACK_TIMEOUT_MS);
          socket.once(ns === '/widget' ? 'session' : 'hello', (first: unknown) => {
            clearTimeout(timer);
            resolve({ ok: true, first });
          });
          socket.once('connect_error', (err: Error & { data?: { code?: unknown } }) => {
            clearTimeout(timer);
            resolve({ ok: false, error: { code: err.data?.code, message: err.message } });
          });
          // socket.io itself drops a connection whose CONNECT packet is malformed (auth not an object):
          // the protocol has no way to say a code then, and the hub never saw it. A refusal closes the
          // connection too, just before its connect_error, which is let through first.
          socket.io.once('close', (reason: string) =>
            setImmediate(() => {
              clearTimeout(timer);
              const plain = Object.prototype.toString.call(auth) === '[object Object]';
              resolve(plain ? { closed: reason } : { ok: false, error: { code: `dropped: ${reason}` } });
            }),
          );
        });
        judgeAck(`${ns} handshake ${JSON.stringify(auth)?.slice(0, 300)}`, outcome);
      } finally {
        socket.close();
      }
    },
    /** B's customer writes; B's own admin sees it live (so it was published) before this returns. */
    async otherAccountTalks(tag: string) {
      const text = `${MARK} live ${tag}`;
      const res = await incoming(t.url, B.inbox, {
        externalId: `b-${tag}`,
        contact: { externalId: MARK, name: MARK },
        text,
      });
      expect(res.status).toBe(201);
      await eventually(async () => JSON.stringify(B.admin.events).includes(text));
    },
    expectNoLeakInEvents() {
      const seen = JSON.stringify([...recorders.flatMap((r) => r.events), ...visitorEvents]).toLowerCase();
      expect(seen.length).toBeGreaterThan(2);
      expect(seen.includes(MARK), 'an event of the other account reached this one').toBe(false);
    },
    close() {
      for (const r of [...recorders, B.admin]) r.socket.close();
      visitor.close();
      void graph.close();
      whatsappChannel.transport = realTransport;
    },
  };
}

/** A fresh client address per connection: the per-address session limits have their own specs. */
const randomAddress = () => `10.${[0, 0, 0].map(() => Math.floor(Math.random() * 250) + 1).join('.')}`;

/** Account B: MARK in everything an answer could carry. */
async function seedOtherAccount(
  t: TestHub,
): Promise<{ inbox: { id: string; token: string }; admin: Recorder }> {
  const B = await seedAccount(t, `${MARK} Corp`);
  const b = client(t.url, B.adminToken);
  const inbox = await B.apiInbox();
  await webchatInbox(t, B, {});
  const conv = await incoming(t.url, inbox, {
    externalId: 'b-1',
    contact: { externalId: `${MARK}-customer`, name: `${MARK} Customer` },
    text: `${MARK} secret order`,
  });
  const contactId = conv.body.data.conversation.contactId;
  const form = new FormData();
  form.append('file', new Blob([`${MARK} secret file`], { type: 'text/plain' }), `${MARK}.txt`);
  const made = await Promise.all([
    b.post('/users', {
      name: `${MARK} Agent`,
      email: `${MARK}@example.test`,
      password: PASSWORD,
      role: 'agent',
    }),
    b.post('/inboxes', { name: `${MARK} Inbox`, channel: 'api', config: {} }),
    b.post('/labels', { name: `${MARK}-label`, color: '#445566' }),
    b.post('/teams', { name: `${MARK} Team`, strategy: 'manual' }),
    b.post('/routing/rules', {
      name: `${MARK} rule`,
      conditions: { keywords: [MARK] },
      actions: { priority: 'high' },
    }),
    b.post('/canned-responses', { shortcut: MARK, title: `${MARK} title`, text: `${MARK} canned` }),
    b.post(`/conversations/${conv.body.data.conversation.id}/messages`, {
      text: `${MARK} note`,
      private: true,
    }),
    fetch(`${t.url}/api/v1/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${B.adminToken}` },
      body: form,
    }).then((r) => ({ status: r.status, body: null })),
  ]);
  for (const r of made) expect(r.status, JSON.stringify(r.body)).toBe(201);
  const patched = await b.patch(`/contacts/${contactId}`, {
    email: `${MARK}.c@example.test`,
    attributes: { note: MARK },
  });
  expect(patched.status).toBe(200);
  const protocol = await b.raw('PUT', '/protocols/chat', {
    name: `${MARK} chat`,
    steps: [{ key: 'only', title: `${MARK} step`, kind: 'agent', trigger: 'manual', required: true }],
  });
  expect(protocol.status, JSON.stringify(protocol.body)).toBe(200);
  return { inbox, admin: await agentSocket(t, B.adminToken) };
}
