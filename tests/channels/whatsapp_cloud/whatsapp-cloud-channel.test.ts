// The WhatsApp Cloud API adapter against a Graph API stand-in on loopback: the shared contract (sends,
// Graph errors as ChannelError codes, abort, a redelivered webhook with one external id), then what only
// this channel promises — the 24-hour window, templates, files uploaded before the message that uses them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelErrorCode } from '#channels/errors.ts';
import type { OutboundMessage, WebhookRequest } from '#channels/types.ts';
import { GRAPH_API_VERSION, type WhatsappCloudConfig } from '#channels/whatsapp_cloud/config.ts';
import { whatsappCloudChannel } from '#channels/whatsapp_cloud/index.ts';
import { type GraphApi, type GraphFailure, startGraphApi } from '#tests/helpers/graph-api.ts';
import { type ContractPeer, contractContext, describeChannelContract, outbound } from '../contract.ts';
import { files, PHONE_NUMBER_ID, signature, text } from './payloads.ts';

const TOKEN = 'EAAG-test-access-token';
const APP_SECRET = 'app-secret-0123456789';
const graphs = new WeakMap<ContractPeer, GraphApi>();

const configFor = (graph: GraphApi): WhatsappCloudConfig => ({
  phoneNumberId: PHONE_NUMBER_ID,
  accessToken: TOKEN,
  appSecret: APP_SECRET,
  verifyToken: 'verify-me',
  graphBaseUrl: graph.url,
});

const refusals: Record<ChannelErrorCode, GraphFailure> = {
  TEMPORARY: { status: 500, error: { code: 131000, message: 'Something went wrong' } },
  RATE_LIMITED: {
    status: 400,
    error: { code: 130429, message: '(#130429) Rate limit hit' },
    headers: { 'retry-after': '3' },
  },
  AUTH: { status: 401, error: { code: 190, message: 'Error validating access token: Session has expired' } },
  PERMANENT: {
    status: 400,
    error: {
      code: 131026,
      message: 'Message undeliverable',
      error_data: { details: 'Receiver is incapable' },
    },
  },
};

const webhookRequest = (payload: unknown): WebhookRequest => {
  const raw = JSON.stringify(payload);
  return {
    headers: { 'x-hub-signature-256': signature(APP_SECRET, raw) },
    query: {},
    rawBody: Buffer.from(raw),
    body: JSON.parse(raw),
  };
};

describeChannelContract('whatsapp_cloud', {
  definition: whatsappCloudChannel,
  failures: ['TEMPORARY', 'RATE_LIMITED', 'AUTH', 'PERMANENT'],
  invalidConfigs: [
    {},
    { phoneNumberId: PHONE_NUMBER_ID, accessToken: TOKEN, appSecret: APP_SECRET },
    { phoneNumberId: '+1 555 0100', accessToken: TOKEN, appSecret: APP_SECRET, verifyToken: 'v' },
    { phoneNumberId: PHONE_NUMBER_ID, accessToken: '', appSecret: APP_SECRET, verifyToken: 'v' },
    {
      phoneNumberId: PHONE_NUMBER_ID,
      accessToken: TOKEN,
      appSecret: APP_SECRET,
      verifyToken: 'v',
      graphBaseUrl: 'ftp://graph.example',
    },
  ],
  async startPeer() {
    const graph = await startGraphApi({ accessToken: TOKEN, phoneNumberId: PHONE_NUMBER_ID });
    const peer: ContractPeer = {
      failNext: (kind) => graph.failNextSend(refusals[kind]),
      async received(messageId) {
        const body = graph.messagesSent().find((b) => b.biz_opaque_callback_data === `hub:${messageId}`);
        return body ? { text: body.text?.body ?? body[body.type]?.caption ?? null } : undefined;
      },
      close: () => graph.close(),
    };
    graphs.set(peer, graph);
    return peer;
  },
  validConfig: (peer) => configFor(graphs.get(peer)!),
  async emitInbound(_peer, _conn, _recorded, ctx) {
    const { payload } = text({ waId: '59171234567', name: 'Ana' }, 'twice');
    const webhook = whatsappCloudChannel.webhook!;
    for (let i = 0; i < 2; i++) {
      const req = webhookRequest(payload);
      expect(webhook.verify(req, { config: ctx.config, secret: null })).toBe(true);
      await webhook.handle(req, ctx);
    }
  },
});

describe('whatsapp_cloud adapter', () => {
  let graph: GraphApi;
  const customerWrote = (hoursAgo: number) => new Date(Date.now() - hoursAgo * 3_600_000);
  const message = (over: Partial<OutboundMessage>): OutboundMessage => ({
    ...outbound('hello'),
    recipient: { externalId: '+59171234567', name: 'Ana', email: null, phone: '+59171234567' },
    threadKey: '59171234567',
    ...over,
  });
  const connect = () =>
    whatsappCloudChannel.create(contractContext('whatsapp_cloud', configFor(graph), null).ctx);

  beforeAll(async () => {
    graph = await startGraphApi({ accessToken: TOKEN, phoneNumberId: PHONE_NUMBER_ID });
  });
  afterAll(() => graph.close());

  it('sends text to the customer’s wa_id through the versioned messages endpoint', async () => {
    const before = graph.requests.length;
    const { externalId } = await connect().send(
      message({ text: 'Your top-up is done', lastCustomerMessageAt: customerWrote(1) }),
    );
    const [req] = graph.requests.slice(before);
    expect(req.method).toBe('POST');
    expect(req.path).toBe(`/${GRAPH_API_VERSION}/${PHONE_NUMBER_ID}/messages`);
    expect(req.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(req.json).toMatchObject({
      messaging_product: 'whatsapp',
      to: '59171234567',
      type: 'text',
      text: { body: 'Your top-up is done' },
    });
    expect(externalId).toMatch(/^wamid\./);
  });

  it('refuses free text 24 hours after the customer’s last message, without calling Meta', async () => {
    const before = graph.requests.length;
    const wrote = customerWrote(25);
    const err: any = await connect()
      .send(message({ text: 'too late', lastCustomerMessageAt: wrote }))
      .catch((e: unknown) => e);
    expect(err.code).toBe('PERMANENT');
    expect(err.message).toBe(
      `the 24-hour window closed at ${new Date(wrote.getTime() + 86_400_000).toISOString()}; send an approved template`,
    );
    const never: any = await connect()
      .send(message({ text: 'never wrote', lastCustomerMessageAt: null }))
      .catch((e: unknown) => e);
    expect(never.code).toBe('PERMANENT');
    expect(graph.requests.length).toBe(before);
  });

  it('sends an approved template outside the window', async () => {
    const before = graph.requests.length;
    const components = [{ type: 'body', parameters: [{ type: 'text', text: 'Ana' }] }];
    const { externalId } = await connect().send(
      message({
        text: null,
        lastCustomerMessageAt: customerWrote(72),
        template: { name: 'order_update', language: 'es', components },
      }),
    );
    expect(externalId).toMatch(/^wamid\./);
    expect(graph.requests.slice(before).map((r) => r.json)).toEqual([
      expect.objectContaining({
        to: '59171234567',
        type: 'template',
        template: { name: 'order_update', language: { code: 'es' }, components },
      }),
    ]);
  });

  it('uploads the files first, then sends each by id, the text as the first one’s caption', async () => {
    const before = graph.requests.length;
    const attachment = (name: string, mime: string, data: Buffer, id: number) => ({
      id,
      name,
      mime,
      size: data.length,
      sha256: 'x',
      read: async () => data,
    });
    await connect().send(
      message({
        text: 'Here is your invoice',
        lastCustomerMessageAt: customerWrote(2),
        attachments: [
          attachment('photo.png', 'image/png', files.png, 1),
          attachment('invoice.pdf', 'application/pdf', files.pdf, 2),
        ],
      }),
    );
    const reqs = graph.requests.slice(before);
    expect(reqs.map((r) => r.path.split('/').at(-1))).toEqual(['media', 'media', 'messages', 'messages']);
    expect(reqs[0].form?.fields).toMatchObject({ messaging_product: 'whatsapp', type: 'image/png' });
    expect(reqs[0].form?.file?.data.equals(files.png)).toBe(true);
    expect(reqs[1].form?.file?.name).toBe('invoice.pdf');
    const [imageId, pdfId] = [...graph.uploads.keys()].slice(-2);
    expect(reqs[2].json).toMatchObject({
      type: 'image',
      image: { id: imageId, caption: 'Here is your invoice' },
    });
    expect(reqs[3].json).toMatchObject({
      type: 'document',
      document: { id: pdfId, filename: 'invoice.pdf' },
    });
    expect(reqs[3].json.document.caption).toBeUndefined();
  });

  it('sends the text on its own before a voice note, which takes no caption', async () => {
    const before = graph.requests.length;
    await connect().send(
      message({
        text: 'Listen to this',
        lastCustomerMessageAt: customerWrote(1),
        attachments: [
          { id: 3, name: 'note.ogg', mime: 'audio/ogg', size: 3, sha256: 'x', read: async () => files.ogg },
        ],
      }),
    );
    const sends = graph.requests.slice(before).filter((r) => r.path.endsWith('/messages'));
    expect(sends.map((r) => r.json.type)).toEqual(['text', 'audio']);
    expect(sends[1].json.audio.caption).toBeUndefined();
  });

  it('asks for the wait Meta named, or a sensible default, when throttled', async () => {
    graph.failNextSend(
      { status: 429, error: { code: 80007, message: 'Rate limit issues' }, headers: { 'retry-after': '12' } },
      {
        status: 400,
        error: {
          code: 131056,
          message: '(#131056) (Business Account, Consumer Account) pair rate limit hit',
        },
      },
    );
    const named: any = await connect()
      .send(message({ lastCustomerMessageAt: customerWrote(1) }))
      .catch((e) => e);
    const guessed: any = await connect()
      .send(message({ lastCustomerMessageAt: customerWrote(1) }))
      .catch((e) => e);
    expect([named.code, named.retryAfterMs]).toEqual(['RATE_LIMITED', 12_000]);
    expect(guessed.code).toBe('RATE_LIMITED');
    expect(guessed.retryAfterMs).toBeGreaterThan(0);
  });

  it('says a template is needed when Meta itself answers #131047', async () => {
    graph.failNextSend({
      status: 400,
      error: {
        code: 131047,
        message: 'Re-engagement message',
        error_data: {
          details:
            'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
        },
      },
    });
    const err: any = await connect()
      .send(message({}))
      .catch((e) => e);
    expect(err.code).toBe('PERMANENT');
    expect(err.message).toMatch(/only an approved template can be sent/);
  });

  it('marks the inbox as needing a new token when Meta refuses it', async () => {
    const made = contractContext('whatsapp_cloud', { ...configFor(graph), accessToken: 'revoked' }, null);
    const err: any = await whatsappCloudChannel
      .create(made.ctx)
      .send(message({}))
      .catch((e) => e);
    expect(err.code).toBe('AUTH');
    expect(made.recorded.health.at(-1)).toBe('needs_auth');
  });

  it('tests the settings by reading the phone number', async () => {
    const ok = await whatsappCloudChannel.testConnection!(configFor(graph));
    expect(ok).toEqual([
      { step: 'graph api phone number', ok: true, detail: 'Acme Telecom · +1 555-078-3881' },
    ]);
    const bad = await whatsappCloudChannel.testConnection!({ ...configFor(graph), accessToken: 'nope' });
    expect(bad[0].ok).toBe(false);
    expect(bad[0].detail).toMatch(/access token/);
  });

  it('answers the subscription handshake only with the right verify token', () => {
    const config = configFor(graph);
    const hook = whatsappCloudChannel.webhook!;
    const query = { 'hub.mode': 'subscribe', 'hub.verify_token': 'verify-me', 'hub.challenge': '1158201444' };
    expect(hook.verifyChallenge!(query, config)).toBe('1158201444');
    expect(hook.verifyChallenge!({ ...query, 'hub.verify_token': 'verify-mE' }, config)).toBeNull();
    expect(hook.verifyChallenge!({ ...query, 'hub.mode': 'unsubscribe' }, config)).toBeNull();
  });

  it('accepts only the signature made with the app secret over the exact bytes', () => {
    const config = configFor(graph);
    const hook = whatsappCloudChannel.webhook!;
    const req = webhookRequest(text({ waId: '59171234567', name: 'Ana' }, 'hi').payload);
    expect(hook.verify(req, { config, secret: null })).toBe(true);
    const tampered = { ...req, rawBody: Buffer.concat([req.rawBody, Buffer.from(' ')]) };
    expect(hook.verify(tampered, { config, secret: null })).toBe(false);
    expect(hook.verify({ ...req, headers: {} }, { config, secret: null })).toBe(false);
    expect(hook.verify(req, { config: { ...config, appSecret: 'other' }, secret: null })).toBe(false);
  });
});
