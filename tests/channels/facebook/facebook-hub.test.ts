// The Facebook channel through the whole hub: Meta's signed webhooks posted to the real route, the hub's
// ingest, outbox and receipts, and a Graph API stand-in on loopback for everything the hub calls
// (Messenger sends, comment replies, the CDN a customer's file is fetched from). Each spec has its own
// person (PSID) or post, so each has its own conversation.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversations, messages } from '#server/db/schema.ts';
import { socialMetricsSchema } from '#shared/influence.schema.ts';
import { settleQueue } from '#tests/helpers/clock.ts';
import { type GraphApi, startGraphApi } from '#tests/helpers/graph-api.ts';
import {
  client,
  eventually,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';
import * as fb from './payloads.ts';

const TOKEN = 'EAAG-hub-page-token';
const APP_SECRET = 'hub-fb-app-secret-9876543210';
const VERIFY_TOKEN = 'my-fb-verify-token';

let t: TestHub;
let graph: GraphApi;
let acme: SeededAccount;
let api: ReturnType<typeof client>;
let inboxId: string;
let people = 0;

beforeAll(async () => {
  [t, graph] = await Promise.all([startTestHub(), startGraphApi({ accessToken: TOKEN, pageId: fb.PAGE_ID })]);
  acme = await seedAccount(t);
  api = client(t.url, acme.adminToken);
  const res = await api.post('/inboxes', {
    name: 'Acme on Facebook',
    channel: 'facebook',
    config: {
      pageId: fb.PAGE_ID,
      pageAccessToken: TOKEN,
      appSecret: APP_SECRET,
      verifyToken: VERIFY_TOKEN,
      graphBaseUrl: graph.url,
    },
  });
  expect(res.status).toBe(201);
  expect(res.body.data.health).toBe('ready');
  inboxId = res.body.data.id;
});
afterAll(async () => {
  await t?.destroy();
  await graph?.close();
});

/** A Page-scoped id no other spec uses. */
const person = () => `60245182909${String(10000 + ++people)}`;
const hookUrl = () => `${t.url}/webhooks/facebook/${inboxId}`;

/** Posts a payload the way Meta does: the exact bytes, signed with the app secret. */
async function deliver(payload: unknown, sign: string | null = APP_SECRET) {
  const raw = JSON.stringify(payload);
  const res = await fetch(hookUrl(), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(sign !== null ? { 'x-hub-signature-256': fb.signature(sign, raw) } : {}),
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

/** The stored message with this external id and its conversation. */
async function stored(externalId: string): Promise<{ conversation: any; message: any } | undefined> {
  for (const conversation of await conversationsOfInbox()) {
    const message = (await messagesOf(conversation.id)).find((m) => m.externalId === externalId);
    if (message) return { conversation, message };
  }
  return undefined;
}

const reply = (conversationId: string, body: Record<string, unknown>) =>
  api.post(`/conversations/${conversationId}/messages`, body);
const settled = (conversationId: string, id: string, status: string) =>
  eventually(async () => {
    const m = (await messagesOf(conversationId)).find((x) => x.id === id);
    return m?.status === status && m;
  });

describe('webhook subscription handshake', () => {
  const verify = (token: string) =>
    fetch(`${hookUrl()}?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=${token}`);

  it('echoes hub.challenge when the verify token matches, and refuses another token', async () => {
    const ok = await verify(VERIFY_TOKEN);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    const bad = await verify('guess');
    expect(bad.status).toBe(403);
    expect((await bad.json()).error.code).toBe('webhook_verification_failed');
  });
});

describe('Messenger', () => {
  it('refuses a forged or missing signature with 401 and stores nothing', async () => {
    const m = fb.text(person(), 'forged');
    const forged = await deliver(m.payload, 'not-the-app-secret');
    const missing = await deliver(m.payload, null);
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe('invalid_signature');
    expect(missing.status).toBe(401);
    expect(await stored(m.id)).toBeUndefined();
  });

  it('stores a redelivered webhook once', async () => {
    const m = fb.text(person(), 'only once');
    expect((await deliver(m.payload)).status).toBe(200);
    expect((await deliver(m.payload)).status).toBe(200);
    const { conversation } = (await stored(m.id))!;
    expect((await messagesOf(conversation.id)).filter((x) => x.externalId === m.id)).toHaveLength(1);
  });

  it('holds a chat with an image both ways, and follows the receipts', async () => {
    const psid = person();
    graph.addMedia('photo-4410.png', fb.png, 'image/png');
    const hello = fb.text(psid, 'Hola, mi router no enciende');
    const photo = fb.attachment(psid, 'image', graph.mediaUrl('photo-4410.png'));
    expect((await deliver(hello.payload)).status).toBe(200);
    expect((await deliver(photo.payload)).status).toBe(200);
    const { conversation, message } = (await stored(photo.id))!;
    expect(conversation).toMatchObject({ channel: 'facebook', status: 'open' });
    expect((await stored(hello.id))!.conversation.id).toBe(conversation.id);
    expect(message).toMatchObject({ direction: 'in', senderType: 'contact', contentType: 'image' });
    expect(message.attachments).toEqual([
      expect.objectContaining({ name: 'photo-4410.png', mime: 'image/png' }),
    ]);
    const bytes = await fetch(`${t.url}${message.attachments[0].url}`, {
      headers: { authorization: `Bearer ${acme.adminToken}` },
    });
    expect(Buffer.from(await bytes.arrayBuffer()).equals(fb.png)).toBe(true);

    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(fb.png)], { type: 'image/png' }), 'diagrama.png');
    const up = await fetch(`${t.url}/api/v1/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${acme.adminToken}` },
      body: form,
    });
    const file = (await up.json()).data;
    const res = await reply(conversation.id, { text: 'Conecte el cable así', attachmentIds: [file.id] });
    expect(res.status).toBe(201);
    const sent = await settled(conversation.id, res.body.data.id, 'sent');
    const ours = graph.page.sends.filter((s) => s.message.metadata === `hub:${sent.id}`);
    expect(
      ours.map((s) => [s.recipient.id, s.messaging_type, s.message.text ?? s.message.attachment?.type]),
    ).toEqual([
      [psid, 'RESPONSE', 'Conecte el cable así'],
      [psid, 'RESPONSE', 'image'],
    ]);
    expect(ours[1].file?.data.equals(fb.png)).toBe(true);

    await deliver(fb.delivery(psid, [sent.externalId]));
    await settled(conversation.id, sent.id, 'delivered');
    await deliver(fb.read(psid));
    await settled(conversation.id, sent.id, 'read');
  });

  it('keeps a reply typed in Meta’s inbox as the agent’s, without sending it back', async () => {
    const psid = person();
    const hello = fb.text(psid, '¿Tienen fibra en Sopocachi?');
    await deliver(hello.payload);
    const { conversation } = (await stored(hello.id))!;
    await settleQueue(t);
    const sendsBefore = graph.page.sends.length;
    const typed = fb.echo(psid, 'Sí, desde 100 Bs.');
    expect((await deliver(typed.payload)).status).toBe(200);
    const { message, conversation: same } = (await stored(typed.id))!;
    expect(same.id).toBe(conversation.id);
    expect(message).toMatchObject({
      direction: 'out',
      senderType: 'agent',
      status: 'sent',
      text: 'Sí, desde 100 Bs.',
    });
    await settleQueue(t);
    expect(graph.page.sends.slice(sendsBefore)).toEqual([]);

    // The echo of the hub's own reply is not a second message.
    const res = await reply(conversation.id, { text: 'Le paso los planes' });
    const sent = await settled(conversation.id, res.body.data.id, 'sent');
    await deliver(
      fb.echo(psid, 'Le paso los planes', { id: sent.externalId, metadata: `hub:${sent.id}` }).payload,
    );
    await deliver(fb.echo(psid, 'Le paso los planes', { id: fb.mid(), metadata: `hub:${sent.id}` }).payload);
    expect((await messagesOf(conversation.id)).filter((m) => m.text === 'Le paso los planes')).toHaveLength(
      1,
    );
  });

  it('refuses a reply after the 24-hour window without calling Meta, with the reason', async () => {
    const psid = person();
    const hello = fb.text(psid, 'Hola');
    await deliver(hello.payload);
    const { conversation } = (await stored(hello.id))!;
    const [row] = await t.hub.ctx.db
      .update(conversations)
      .set({ lastCustomerMessageAt: new Date(Date.now() - 25 * 3_600_000) })
      .where(eq(conversations.id, Number(conversation.id)))
      .returning();
    const res = await reply(conversation.id, { text: '¿Sigue ahí?' });
    expect(res.status).toBe(201);
    const failed = await settled(conversation.id, res.body.data.id, 'failed');
    const closedAt = new Date(row.lastCustomerMessageAt!.getTime() + 86_400_000).toISOString();
    expect(failed.errorCode).toBe('PERMANENT');
    expect(failed.error).toContain(`24-hour reply window closed at ${closedAt}`);
    expect(graph.page.sends.some((s) => s.message.metadata === `hub:${res.body.data.id}`)).toBe(false);
  });
});

describe('an expired Page token', () => {
  it('fails the reply with the reason and says the inbox needs a new token, until a send works', async () => {
    const hello = fb.text(person(), 'Hola');
    await deliver(hello.payload);
    const { conversation } = (await stored(hello.id))!;
    await settleQueue(t);
    graph.failNextSend({
      status: 400,
      error: {
        code: 190,
        error_subcode: 463,
        message: 'Error validating access token: Session has expired on Monday, 07-Dec-26 09:00:00 PST.',
      },
    });
    const res = await reply(conversation.id, { text: '¿En qué le ayudamos?' });
    const failed = await settled(conversation.id, res.body.data.id, 'failed');
    expect(failed.errorCode).toBe('AUTH');
    expect(failed.error).toMatch(/Session has expired/);
    expect((await api.get(`/inboxes/${inboxId}`)).body.data.health).toBe('needs_auth');
    const ok = await reply(conversation.id, { text: 'Ya estamos de vuelta' });
    await settled(conversation.id, ok.body.data.id, 'sent');
    await eventually(async () => (await api.get(`/inboxes/${inboxId}`)).body.data.health === 'ready');
  });
});

describe('Page comments', () => {
  const ana = { id: '4410977', name: 'Ana Rojas' };

  it('makes one conversation per commenter and post, answered publicly and once privately', async () => {
    const post = fb.postId();
    const first = fb.comment(ana, post, 'Tres días sin internet 😡');
    const second = fb.comment(ana, post, '¿Nadie responde?');
    const other = fb.comment({ id: '5520011', name: 'Luis Mamani' }, post, 'A mí también');
    for (const c of [first, second, other]) expect((await deliver(c.payload)).status).toBe(200);
    const a = (await stored(first.id))!;
    expect((await stored(second.id))!.conversation.id).toBe(a.conversation.id);
    expect((await stored(other.id))!.conversation.id).not.toBe(a.conversation.id);
    expect(a.message).toMatchObject({
      contentType: 'comment',
      text: 'Tres días sin internet 😡',
      social: { postId: post, parentId: post },
    });

    const pub = await reply(a.conversation.id, { text: 'Lo sentimos, le escribimos por privado' });
    const sentPublic = await settled(a.conversation.id, pub.body.data.id, 'sent');
    expect(graph.page.comments.find((c) => c.id === sentPublic.externalId)).toMatchObject({
      parentId: second.id,
      message: 'Lo sentimos, le escribimos por privado',
    });

    const priv = await reply(a.conversation.id, { text: '¿Nos da su número de cliente?', privately: true });
    expect(priv.status).toBe(201);
    const sentPrivate = await settled(a.conversation.id, priv.body.data.id, 'sent');
    // The agent sees which answer went privately.
    expect(priv.body.data.privately).toBe(true);
    expect(sentPublic.privately).toBeUndefined();
    expect(graph.page.sends.find((s) => s.message.metadata === `hub:${sentPrivate.id}`)).toMatchObject({
      recipient: { comment_id: second.id },
      message: { text: '¿Nos da su número de cliente?' },
    });
    const again = await reply(a.conversation.id, { text: '¿Sigue ahí?', privately: true });
    const refused = await settled(a.conversation.id, again.body.data.id, 'failed');
    expect(refused.error).toMatch(/already had its private reply/);

    // A private reply is for public items only: elsewhere it is refused before anything is stored.
    const apiInbox = await acme.apiInbox();
    const elsewhere = await client(t.url).post(
      `/inboxes/${apiInbox.id}/incoming`,
      { externalId: 'fb-private-1', contact: { externalId: 'crm-9' }, text: 'hola' },
      { 'x-inbox-token': apiInbox.token },
    );
    const bad = await reply(elsewhere.body.data.conversation.id, { text: 'x', privately: true });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/private reply is for public items/);
  });

  it('keeps an edited comment’s earlier text, and marks a removed one without deleting it', async () => {
    const post = fb.postId();
    const c = fb.comment(ana, post, 'Pésimo servicio');
    await deliver(c.payload);
    await deliver(
      fb.comment(ana, post, 'Pésimo servicio, 3 días sin señal', { id: c.id, verb: 'edited' }).payload,
    );
    // Meta may deliver the edit again: one history entry.
    await deliver(
      fb.comment(ana, post, 'Pésimo servicio, 3 días sin señal', { id: c.id, verb: 'edited' }).payload,
    );
    const edited = (await stored(c.id))!.message;
    expect(edited.text).toBe('Pésimo servicio, 3 días sin señal');
    expect(edited.social.edits).toEqual([{ text: 'Pésimo servicio', until: expect.any(String) }]);

    await deliver(fb.comment(ana, post, '', { id: c.id, verb: 'remove' }).payload);
    const removed = (await stored(c.id))!.message;
    expect(removed.text).toBe('Pésimo servicio, 3 días sin señal');
    expect(removed.social.removedAt).toEqual(expect.any(String));
  });

  it('keeps the Page’s own answer on Facebook in the commenter’s thread, and its own reply once', async () => {
    const post = fb.postId();
    const c = fb.comment(ana, post, '¿Cobran la reconexión?');
    await deliver(c.payload);
    const { conversation } = (await stored(c.id))!;
    const page = { id: fb.PAGE_ID, name: 'Acme Telecom' };
    const typed = fb.comment(page, post, 'No, es gratuita', { parentId: c.id });
    expect((await deliver(typed.payload)).status).toBe(200);
    const { message, conversation: same } = (await stored(typed.id))!;
    expect(same.id).toBe(conversation.id);
    expect(message).toMatchObject({
      direction: 'out',
      senderType: 'agent',
      status: 'sent',
      text: 'No, es gratuita',
    });

    // Meta reports the hub's own public reply on the feed too: the same comment id, stored once.
    const res = await reply(conversation.id, { text: 'Gracias por escribirnos' });
    const sent = await settled(conversation.id, res.body.data.id, 'sent');
    await deliver(
      fb.comment(page, post, 'Gracias por escribirnos', { id: sent.externalId, parentId: c.id }).payload,
    );
    expect(
      (await messagesOf(conversation.id)).filter((m) => m.text === 'Gracias por escribirnos'),
    ).toHaveLength(1);
  });

  it('marks a comment hidden on Facebook, and shown again', async () => {
    const post = fb.postId();
    const c = fb.comment(ana, post, 'spam spam');
    await deliver(c.payload);
    await deliver(fb.comment(ana, post, '', { id: c.id, verb: 'hide' }).payload);
    expect((await stored(c.id))!.message.social.hidden).toBe(true);
    await deliver(fb.comment(ana, post, '', { id: c.id, verb: 'unhide' }).payload);
    expect((await stored(c.id))!.message).toMatchObject({ text: 'spam spam', social: { hidden: false } });
  });

  it('opens a conversation for a visitor’s post on the Page', async () => {
    const p = fb.visitorPost({ id: '7781002', name: 'Carla Vaca' }, '¿Hacen instalaciones el domingo?');
    expect((await deliver(p.payload)).status).toBe(200);
    const { message } = (await stored(p.id))!;
    expect(message).toMatchObject({
      contentType: 'post',
      text: '¿Hacen instalaciones el domingo?',
      social: { postId: p.id },
    });
  });
});

describe('what the Mentions desk reads', () => {
  /** The stored `meta.social` of a message, as the hub's influence score reads it. */
  async function socialOf(externalId: string): Promise<Record<string, any>[]> {
    const rows = await t.hub.ctx.db
      .select({ meta: messages.meta })
      .from(messages)
      .where(and(eq(messages.inboxId, Number(inboxId)), eq(messages.externalId, externalId)));
    return rows.map((r) => r.meta.social as Record<string, any>);
  }
  const carla = { id: '7781033', name: 'Carla Vaca' };

  it('stores a comment with its likes and replies, and one Graph could not measure without them', async () => {
    const post = fb.postId();
    const liked = fb.comment(carla, post, 'Me cobraron dos veces');
    graph.page.objects.set(liked.id, {
      type: 'comment',
      likes: 120,
      replies: 14,
      permalink_url: fb.commentPermalink(post, liked.id),
      created_time: fb.graphTime(),
    });
    const unmeasured = fb.comment(carla, post, '¿Nadie responde?');
    graph.page.unreadable.set(unmeasured.id, {
      status: 500,
      error: { message: 'Please retry your request later.', type: 'OAuthException', code: 2 },
    });
    expect((await deliver(liked.payload)).status).toBe(200);
    expect((await deliver(unmeasured.payload)).status).toBe(200);

    const [a] = await socialOf(liked.id);
    expect(a).toMatchObject({
      visibility: 'public',
      kind: 'comment',
      url: fb.commentPermalink(post, liked.id),
      item: { likes: 120, replies: 14, reposts: 0 },
    });
    expect(socialMetricsSchema.safeParse(a).success).toBe(true);
    const [b] = await socialOf(unmeasured.id);
    expect(b).toMatchObject({ visibility: 'public', kind: 'comment', author: { followers: null } });
    expect(b.item).toBeUndefined();
    expect((await stored(unmeasured.id))!.message.text).toBe('¿Nadie responde?');
  });

  it('stores a Page’s mention once however often Meta delivers it, with that Page’s followers', async () => {
    const page = { id: '100200300400777', name: 'Diario Las Noticias' };
    graph.page.pages.set(page.id, {
      name: page.name,
      username: 'diariolasnoticias',
      followers_count: 230_000,
      fan_count: 221_000,
      verification_status: 'blue_verified',
    });
    const post = `${page.id}_${Date.now()}`;
    graph.page.objects.set(post, {
      type: 'post',
      reactions: 1500,
      comments: 230,
      shares: 410,
      permalink_url: `https://www.facebook.com/${page.id}/posts/${post.split('_')[1]}`,
      created_time: fb.graphTime(),
    });
    const m = fb.mention(page, post, 'Usuarios reportan caída de Acme Telecom en La Paz');
    expect((await deliver(m.payload)).status).toBe(200);
    expect((await deliver(m.payload)).status).toBe(200);
    const rows = await socialOf(post);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      network: 'facebook',
      visibility: 'public',
      kind: 'mention',
      author: { followers: 230_000, verified: true, page: true },
      item: { likes: 1500, replies: 230, reposts: 410 },
    });
    const { conversation, message } = (await stored(post))!;
    expect(conversation).toMatchObject({ channel: 'facebook', status: 'open' });
    expect(message).toMatchObject({ direction: 'in', contentType: 'mention' });
  });

  it('keeps a Messenger message’s edit, and a customer’s reaction to the agent’s reply until taken back', async () => {
    const psid = person();
    const hello = fb.text(psid, 'Mi número es 701');
    await deliver(hello.payload);
    await deliver(fb.messageEdit(psid, hello.id, 'Mi número es 70123456'));
    const { conversation, message } = (await stored(hello.id))!;
    expect(message.text).toBe('Mi número es 70123456');
    expect(message.social.edits).toEqual([{ text: 'Mi número es 701', until: expect.any(String) }]);

    const res = await reply(conversation.id, { text: 'Gracias, ya lo vemos' });
    const sent = await settled(conversation.id, res.body.data.id, 'sent');
    await deliver(fb.reaction(psid, sent.externalId, { emoji: '👍', name: 'like' }));
    await deliver(fb.reaction(psid, sent.externalId, { emoji: '❤️', name: 'love' }));
    const [reacted] = await socialOf(sent.externalId);
    expect(reacted.reactions).toEqual([{ emoji: '❤️', by: 'contact', at: expect.any(String) }]);
    await deliver(fb.reaction(psid, sent.externalId, null));
    expect((await socialOf(sent.externalId))[0].reactions).toEqual([]);
  });
});
