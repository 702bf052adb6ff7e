// The Facebook adapter against a Graph API stand-in on loopback: the shared contract (sends, Graph errors
// as ChannelError codes, abort, a redelivered webhook with one external id), then what only this channel
// promises — Messenger's 24-hour window and the HUMAN_AGENT tag, replies to comments (public, and one
// private), receipts by watermark, the echo guard, edits and removals, hiding and deleting comments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelErrorCode } from '#channels/errors.ts';
import { type FacebookConfig, GRAPH_API_VERSION } from '#channels/facebook/config.ts';
import { facebookChannel } from '#channels/facebook/index.ts';
import type { ChannelContext, OutboundMessage, WebhookRequest } from '#channels/types.ts';
import { type GraphApi, type GraphFailure, startGraphApi } from '#tests/helpers/graph-api.ts';
import { type ContractPeer, contractContext, describeChannelContract, outbound } from '../contract.ts';
import * as fb from './payloads.ts';

const TOKEN = 'EAAG-page-access-token';
const APP_SECRET = 'fb-app-secret-0123456789';
const graphs = new WeakMap<ContractPeer, GraphApi>();

const configFor = (graph: GraphApi, over: Partial<FacebookConfig> = {}): FacebookConfig => ({
  pageId: fb.PAGE_ID,
  pageAccessToken: TOKEN,
  appSecret: APP_SECRET,
  verifyToken: 'verify-me',
  graphBaseUrl: graph.url,
  ...over,
});

const refusals: Record<ChannelErrorCode, GraphFailure> = {
  TEMPORARY: {
    status: 500,
    error: { code: 2, message: 'An unexpected error has occurred. Please retry your request later.' },
  },
  RATE_LIMITED: {
    status: 400,
    error: { code: 613, message: 'Calls to this api have exceeded the rate limit.' },
    headers: { 'retry-after': '3' },
  },
  AUTH: {
    status: 400,
    error: {
      code: 190,
      error_subcode: 463,
      message: 'Error validating access token: Session has expired on Monday, 07-Dec-26 09:00:00 PST.',
    },
  },
  PERMANENT: { status: 400, error: { code: 551, message: 'This person isn’t available right now.' } },
};

const webhookRequest = (payload: unknown): WebhookRequest => {
  const raw = JSON.stringify(payload);
  return {
    headers: { 'x-hub-signature-256': fb.signature(APP_SECRET, raw) },
    query: {},
    rawBody: Buffer.from(raw),
    body: JSON.parse(raw),
  };
};

describeChannelContract('facebook', {
  definition: facebookChannel,
  failures: ['TEMPORARY', 'RATE_LIMITED', 'AUTH', 'PERMANENT'],
  invalidConfigs: [
    {},
    { pageId: fb.PAGE_ID, pageAccessToken: TOKEN, appSecret: APP_SECRET },
    { pageId: 'acme-page', pageAccessToken: TOKEN, appSecret: APP_SECRET, verifyToken: 'v' },
    { pageId: fb.PAGE_ID, pageAccessToken: '', appSecret: APP_SECRET, verifyToken: 'v' },
    {
      pageId: fb.PAGE_ID,
      pageAccessToken: TOKEN,
      appSecret: APP_SECRET,
      verifyToken: 'v',
      graphBaseUrl: 'ftp://x',
    },
  ],
  async startPeer() {
    const graph = await startGraphApi({ accessToken: TOKEN, pageId: fb.PAGE_ID });
    const peer: ContractPeer = {
      failNext: (kind) => graph.failNextSend(refusals[kind]),
      async received(messageId) {
        const send = graph.page.sends.find((s) => s.message.metadata === `hub:${messageId}`);
        return send ? { text: send.message.text ?? null } : undefined;
      },
      close: () => graph.close(),
    };
    graphs.set(peer, graph);
    return peer;
  },
  validConfig: (peer) => configFor(graphs.get(peer)!),
  async emitInbound(_peer, _conn, _recorded, ctx) {
    const { payload } = fb.text('6024518290917366', 'twice');
    for (let i = 0; i < 2; i++) {
      const req = webhookRequest(payload);
      expect(facebookChannel.webhook!.verify(req, { config: ctx.config, secret: null })).toBe(true);
      await facebookChannel.webhook!.handle(req, ctx);
    }
  },
});

describe('facebook adapter', () => {
  let graph: GraphApi;
  const PSID = '6024518290917366';
  const customerWrote = (hoursAgo: number) => new Date(Date.now() - hoursAgo * 3_600_000);
  const message = (over: Partial<OutboundMessage>): OutboundMessage => ({
    ...outbound('hello'),
    recipient: { externalId: PSID, name: 'Ana', email: null, phone: null },
    threadKey: PSID,
    ...over,
  });
  const connect = (over: Partial<FacebookConfig> = {}) => {
    const made = contractContext('facebook', configFor(graph, over), null);
    return { conn: facebookChannel.create(made.ctx), ...made };
  };
  const handle = (ctx: ChannelContext<FacebookConfig>, payload: unknown) =>
    facebookChannel.webhook!.handle(webhookRequest(payload), ctx);

  beforeAll(async () => {
    graph = await startGraphApi({ accessToken: TOKEN, pageId: fb.PAGE_ID });
  });
  afterAll(() => graph.close());

  it('tests the connection by reading the Page with the token, and says why when it cannot', async () => {
    const ok = await facebookChannel.testConnection!(configFor(graph));
    expect(ok).toEqual([{ step: 'graph api page', ok: true, detail: 'Acme Telecom' }]);
    const bad = await facebookChannel.testConnection!(configFor(graph, { pageAccessToken: 'expired' }));
    expect(bad).toMatchObject([{ step: 'graph api page', ok: false }]);
    expect(bad[0].detail).toBeTruthy();
  });

  it('answers within 24 hours as a RESPONSE, through the versioned Page messages endpoint', async () => {
    const before = graph.requests.length;
    const { externalId } = await connect().conn.send(
      message({ text: 'Hola Ana', lastCustomerMessageAt: customerWrote(2) }),
    );
    const [req] = graph.requests.slice(before);
    expect(req.path).toBe(`/${GRAPH_API_VERSION}/${fb.PAGE_ID}/messages`);
    expect(req.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(req.json).toMatchObject({
      recipient: { id: PSID },
      messaging_type: 'RESPONSE',
      message: { text: 'Hola Ana' },
    });
    expect(externalId).toMatch(/^m_/);
  });

  it('uses the HUMAN_AGENT tag after 24 hours only where the Page has that permission', async () => {
    const { conn } = connect({ humanAgentTag: true });
    const out = message({ text: 'Seguimos con su caso', lastCustomerMessageAt: customerWrote(30) });
    await conn.send(out);
    expect(graph.page.sends.at(-1)).toMatchObject({ messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });

    const before = graph.requests.length;
    const plain = await connect()
      .conn.send(message({ lastCustomerMessageAt: customerWrote(30) }))
      .catch((e) => e);
    expect(plain).toMatchObject({ code: 'PERMANENT' });
    expect(plain.message).toMatch(/24-hour reply window closed at .*Human Agent permission/);
    const late = await conn.send(message({ lastCustomerMessageAt: customerWrote(8 * 24) })).catch((e) => e);
    expect(late).toMatchObject({ code: 'PERMANENT' });
    expect(late.message).toMatch(/7 days/);
    // Refused before asking Meta.
    expect(graph.requests.length).toBe(before);
  });

  it('sends a file as its own multipart message after the text', async () => {
    const out = message({
      text: 'El plan',
      lastCustomerMessageAt: customerWrote(1),
      attachments: [
        {
          id: 1,
          name: 'plan.png',
          mime: 'image/png',
          size: fb.png.length,
          sha256: 'x',
          read: async () => fb.png,
        },
      ],
    });
    const before = graph.page.sends.length;
    await connect().conn.send(out);
    const [first, second] = graph.page.sends.slice(before);
    expect(first.message.text).toBe('El plan');
    expect(second.message.attachment).toEqual({ type: 'image', payload: { is_reusable: false } });
    expect(second.file?.data.equals(fb.png)).toBe(true);
    expect(second.message.metadata).toBe(`hub:${out.messageId}`);
  });

  it('replies publicly under the customer’s comment, and privately only once per comment', async () => {
    const post = fb.postId();
    const commentId = fb.commentId(post);
    const thread = {
      threadKey: `comment:${post}:4410`,
      answersExternalId: commentId,
      recipient: { externalId: '4410', name: null, email: null, phone: null },
    };
    const { conn } = connect();
    const pub = await conn.send(message({ ...thread, text: 'Le escribimos por privado' }));
    expect(graph.page.comments.at(-1)).toEqual({
      parentId: commentId,
      id: pub.externalId,
      message: 'Le escribimos por privado',
      file: undefined,
    });

    const priv = await conn.send(
      message({ ...thread, text: 'Hola, ¿su número de cliente?', privately: true }),
    );
    expect(graph.page.sends.at(-1)).toMatchObject({
      recipient: { comment_id: commentId },
      message: { text: 'Hola, ¿su número de cliente?' },
    });
    expect(priv.externalId).toMatch(/^m_/);
    const again = await conn.send(message({ ...thread, text: 'otra vez', privately: true })).catch((e) => e);
    expect(again).toMatchObject({ code: 'PERMANENT' });
    expect(again.message).toMatch(/already had its private reply/);
    // Meta allows a private reply for 7 days after the comment: refused before asking.
    const old = {
      ...thread,
      answersExternalId: fb.commentId(post),
      lastCustomerMessageAt: customerWrote(8 * 24),
    };
    const before = graph.requests.length;
    const late = await conn.send(message({ ...old, text: 'tarde', privately: true })).catch((e) => e);
    expect(late).toMatchObject({ code: 'PERMANENT' });
    expect(late.message).toMatch(/7 days after the comment/);
    expect(graph.requests.length).toBe(before);
  });

  it('says the inbox needs a new token when Meta refuses the expired one', async () => {
    const { conn, recorded } = connect();
    await conn.start();
    graph.failNextSend(refusals.AUTH);
    await expect(conn.send(message({ lastCustomerMessageAt: customerWrote(1) }))).rejects.toMatchObject({
      code: 'AUTH',
    });
    expect(recorded.health.at(-1)).toBe('needs_auth');
    await conn.send(message({ lastCustomerMessageAt: customerWrote(1) }));
    expect(recorded.health.at(-1)).toBe('ready');
  });

  it('turns delivery ids and read watermarks into receipts for what it sent', async () => {
    const { conn, ctx, recorded } = connect();
    const a = await conn.send(message({ text: 'uno', lastCustomerMessageAt: customerWrote(1) }));
    const watermark = Date.now();
    await handle(ctx, fb.delivery(PSID, [a.externalId], watermark));
    await handle(ctx, fb.read(PSID, watermark));
    expect(recorded.statuses.map((s) => [s.externalId, s.status])).toEqual([
      [a.externalId, 'delivered'],
      [a.externalId, 'read'],
    ]);
  });

  it('keeps a reply typed in Meta’s inbox as the business’s, and skips the echo of its own send', async () => {
    const { ctx, recorded } = connect();
    await handle(ctx, fb.echo(PSID, 'Respondido desde Meta').payload);
    await handle(ctx, fb.echo(PSID, 'del hub', { metadata: 'hub:1234' }).payload);
    expect(recorded.received).toHaveLength(1);
    expect(recorded.received[0]).toMatchObject({
      fromBusiness: true,
      threadKey: PSID,
      text: 'Respondido desde Meta',
      sender: { externalId: PSID },
    });
  });

  it('reads comments into one thread per commenter and post, and edits, removals and hiding as changes', async () => {
    const { ctx, recorded } = connect();
    const post = fb.postId();
    const ana = { id: '4410', name: 'Ana Rojas' };
    const c = fb.comment(ana, post, 'Sin señal desde ayer');
    await handle(ctx, c.payload);
    expect(recorded.received.at(-1)).toMatchObject({
      externalId: c.id,
      threadKey: `comment:${post}:4410`,
      sender: { externalId: '4410', name: 'Ana Rojas' },
      text: 'Sin señal desde ayer',
      meta: { social: { postId: post, parentId: post } },
    });
    await handle(
      ctx,
      fb.comment(ana, post, 'Sin señal desde el lunes', { id: c.id, verb: 'edited' }).payload,
    );
    await handle(ctx, fb.comment(ana, post, '', { id: c.id, verb: 'hide' }).payload);
    await handle(ctx, fb.comment(ana, post, '', { id: c.id, verb: 'remove' }).payload);
    expect(recorded.changes.map(({ at: _at, ...rest }) => rest)).toEqual([
      { inboxId: 4242, externalId: c.id, text: 'Sin señal desde el lunes' },
      { inboxId: 4242, externalId: c.id, hidden: true },
      { inboxId: 4242, externalId: c.id, removed: true },
    ]);
  });

  it('hides, shows again and deletes a comment', async () => {
    const { conn } = connect();
    const signal = AbortSignal.timeout(5000);
    const before = graph.requests.length;
    await conn.moderate!({ externalId: '122100_55', action: 'hide' }, signal);
    expect(graph.page.hidden.get('122100_55')).toBe(true);
    await conn.moderate!({ externalId: '122100_55', action: 'unhide' }, signal);
    expect(graph.page.hidden.get('122100_55')).toBe(false);
    await conn.moderate!({ externalId: '122100_55', action: 'delete' }, signal);
    expect(graph.page.deleted.has('122100_55')).toBe(true);
    expect(graph.requests.slice(before).map((r) => [r.method, r.path, r.json])).toEqual([
      ['POST', `/${GRAPH_API_VERSION}/122100_55`, { is_hidden: true }],
      ['POST', `/${GRAPH_API_VERSION}/122100_55`, { is_hidden: false }],
      ['DELETE', `/${GRAPH_API_VERSION}/122100_55`, undefined],
    ]);
    // Gone already: Meta's "does not exist" is final.
    await expect(conn.moderate!({ externalId: '122100_55', action: 'delete' }, signal)).rejects.toMatchObject(
      {
        code: 'PERMANENT',
      },
    );
  });
});
