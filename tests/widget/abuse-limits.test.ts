// Anonymous widget traffic has limits (issue 14, point 5): new visitors per client address, messages,
// uploads and transcripts per visitor and per address, each refusal saying `rate_limited` and when to try
// again; an e-mail address gets only a few transcripts a day whatever the session or address asking; an
// inbox's settings raise the limits; a customer typing fast is never held back. Every client here comes
// through the hub's trusted loopback proxy, whose X-Forwarded-For names the client's address.
import { randomBytes } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversations, messages } from '#server/db/schema.ts';
import type { Hub } from '#server/hub.ts';
import { createInbox } from '#server/inboxes/save-inbox.ts';
import { advanceClock, settleQueue } from '#tests/helpers/clock.ts';
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
import { type SmtpCapture, startSmtpCapture } from '#tests/helpers/smtp-capture.ts';
import { closeAllVisitors, connectVisitor, type WidgetVisitor, webchatInbox } from '#tests/helpers/widget.ts';

let t: TestHub;
let a: SeededAccount;
let smtp: SmtpCapture;

beforeAll(async () => {
  [t, smtp] = await Promise.all([startTestHub(), startSmtpCapture()]);
  a = await seedAccount(t, 'A');
});
afterAll(async () => {
  closeAllVisitors();
  await t?.destroy();
  await smtp?.close();
});

/** A fresh documentation address (RFC 5737) for each probe, so that probes do not share budgets. */
let nextHost = 1;
const anAddress = () => `198.51.100.${nextHost++}`;

const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** Many new visitors at once; the admitted ones, and the connect errors of the others. */
async function newVisitors(target: { url: string }, inboxToken: string, n: number, address: string) {
  const tries = await Promise.allSettled(
    Array.from({ length: n }, () => connectVisitor(target as TestHub, { inboxToken }, { address })),
  );
  return {
    admitted: tries.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])),
    refused: tries.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error & { data?: any }] : [])),
  };
}

/** One socket sending `n` messages all at once, as a script would. */
const flood = (v: WidgetVisitor, n: number, tag: string) =>
  Promise.all(
    Array.from({ length: n }, (_, i) =>
      v.socket
        .timeout(120_000)
        .emitWithAck('message:send', { clientMessageId: `${tag}-${i}`, text: `${tag} ${i}` }),
    ),
  );

const conversationsOf = async (inboxId: string) => {
  const [{ n }] = await t.hub.ctx.db
    .select({ n: count() })
    .from(conversations)
    .where(eq(conversations.inboxId, Number(inboxId)));
  return n;
};

const visitorMessages = async (conversationId: string) => {
  const [{ n }] = await t.hub.ctx.db
    .select({ n: count() })
    .from(messages)
    .where(and(eq(messages.conversationId, Number(conversationId)), eq(messages.direction, 'in')));
  return n;
};

function upload(inboxToken: string, visitorToken: string, address: string) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'pic.png');
  return fetch(`${t.url}/api/v1/widget/attachments`, {
    method: 'POST',
    headers: { 'x-inbox-token': inboxToken, 'x-visitor-token': visitorToken, 'x-forwarded-for': address },
    body: form,
  });
}

describe('new visitors', () => {
  it('lets a few new visitors in from one address, then tells the rest when to come back', async () => {
    const chat = await webchatInbox(t, a, { protocol: 'none' });
    const address = anAddress();
    const { admitted, refused } = await newVisitors(t, chat.token, 100, address);
    expect(admitted.length).toBeGreaterThanOrEqual(5);
    expect(admitted.length).toBeLessThanOrEqual(20);
    expect(refused[0].data).toEqual({ code: 'rate_limited', retryAfterMs: expect.any(Number) });
    expect(refused[0].data.retryAfterMs).toBeGreaterThan(0);

    const acks = await Promise.all(
      admitted.map((v, i) => v.emit('message:send', { clientMessageId: `s-${i}`, text: 'hola' })),
    );
    expect(acks.every((ack) => ack.ok)).toBe(true);
    expect(await conversationsOf(chat.id)).toBe(admitted.length);

    // Someone at another address, and a visitor of that address coming back, still get in.
    await expect(
      connectVisitor(t, { inboxToken: chat.token }, { address: anAddress() }),
    ).resolves.toBeTruthy();
    const back = await connectVisitor(
      t,
      { inboxToken: chat.token, visitorToken: admitted[0].session.visitorToken },
      { address },
    );
    expect(back.session.conversation.id).toBe(acks[0].message.conversationId);
  });
});

describe('messages', () => {
  it('never holds back a customer typing ten messages in a row', async () => {
    const chat = await webchatInbox(t, a, { protocol: 'none' });
    const v = await connectVisitor(t, { inboxToken: chat.token }, { address: anAddress() });
    const acks = await flood(v, 10, 'fast');
    expect(acks.filter((ack) => !ack.ok)).toEqual([]);
  });

  it('stores a burst from one socket, then refuses the flood and says when to try again', async () => {
    const chat = await webchatInbox(t, a, { protocol: 'none' });
    const v = await connectVisitor(t, { inboxToken: chat.token }, { address: anAddress() });
    const acks = await flood(v, 500, 'spam');
    const stored = acks.filter((ack) => ack.ok);
    expect(stored.length).toBeGreaterThanOrEqual(10);
    expect(stored.length).toBeLessThanOrEqual(40);
    const refused = acks.find((ack) => !ack.ok);
    expect(refused.error).toEqual({
      code: 'rate_limited',
      message: expect.stringMatching(/too many messages/i),
      retryAfterMs: expect.any(Number),
    });
    expect(refused.error.retryAfterMs).toBeGreaterThan(0);
    expect(refused.error.retryAfterMs).toBeLessThanOrEqual(60_000);
    expect(await visitorMessages(stored[0].message.conversationId)).toBe(stored.length);
  });

  it('holds one address to its budget however many visitors it opens', async () => {
    const chat = await webchatInbox(t, a, { protocol: 'none' });
    const address = anAddress();
    const { admitted } = await newVisitors(t, chat.token, 5, address);
    const acks = (await Promise.all(admitted.map((v, i) => flood(v, 40, `many-${i}`)))).flat();
    const stored = acks.filter((ack) => ack.ok).length;
    // Five visitors could store 5 × 30 on their own; the address as a whole gets less than that.
    expect(stored).toBeLessThanOrEqual(100);
    expect(acks.find((ack) => !ack.ok)?.error.code).toBe('rate_limited');
  });
});

describe('uploads', () => {
  it('takes a handful of files at once, then answers 429 with Retry-After', async () => {
    const chat = await webchatInbox(t, a, { protocol: 'none' });
    const address = anAddress();
    const v = await connectVisitor(t, { inboxToken: chat.token }, { address });
    const responses = await Promise.all(
      Array.from({ length: 40 }, () => upload(chat.token, v.session.visitorToken, address)),
    );
    const statuses = responses.map((r) => r.status);
    // Ten files (as many as one message takes) always go through.
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(10);
    expect(statuses.filter((s) => s === 201).length).toBeLessThanOrEqual(20);
    const refused = responses.find((r) => r.status === 429)!;
    expect(refused).toBeTruthy();
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const body = await refused.json();
    expect(body.error.code).toBe('rate_limited');
    expect(body.error.details.retryAfterMs).toBeGreaterThan(0);
  });
});

describe('inbox settings', () => {
  it('lets more through for an inbox whose settings raise its limits, and checks what is set', async () => {
    const chat = await webchatInbox(t, a, { protocol: 'none' });
    const admin = client(t.url, a.adminToken);
    const bad = await admin.patch(`/inboxes/${chat.id}`, {
      settings: { rateLimits: { messagesPerMinute: 0 } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    const raised = { newVisitorsPerMinute: 100, messagesPerMinute: 3000 };
    const ok = await admin.patch(`/inboxes/${chat.id}`, { settings: { rateLimits: raised } });
    expect(ok.status).toBe(200);
    expect(ok.body.data.settings.rateLimits).toEqual(raised);

    const address = anAddress();
    const { admitted, refused } = await newVisitors(t, chat.token, 100, address);
    expect(refused).toEqual([]);
    const acks = await flood(admitted[0], 200, 'raised');
    expect(acks.filter((ack) => !ack.ok)).toEqual([]);
  });
});

describe('transcripts', () => {
  const victim = 'stranger@example.test';

  it('mails one recipient only a few a day, whatever the session or address asking', async () => {
    const mail = await createInbox(t.hub.ctx, a.accountId, {
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
    const chat = await webchatInbox(t, a, { protocol: 'none', offlineEmailInboxId: mail.id });
    const visitor = async (tag: string) => {
      const v = await connectVisitor(t, { inboxToken: chat.token }, { address: anAddress() });
      await v.emit('message:send', { clientMessageId: tag, text: `buy now ${tag}` });
      return v;
    };
    const ask = (v: WidgetVisitor, email = victim) => v.emit('transcript:request', { email });

    // Five sessions from five addresses, three requests each: the probe that mailed fifteen copies.
    const acks = [];
    for (let i = 0; i < 5; i++) {
      const v = await visitor(`tr-${i}`);
      for (let j = 0; j < 3; j++) acks.push(await ask(v));
    }
    expect(acks.filter((ack) => ack.ok)).toHaveLength(3);
    const refused = acks.find((ack) => !ack.ok);
    expect(refused.error).toMatchObject({
      code: 'rate_limited',
      message: expect.stringMatching(/transcripts/),
    });
    expect(refused.error.retryAfterMs).toBeGreaterThan(0);
    expect(refused.error.retryAfterMs).toBeLessThanOrEqual(24 * 3600_000);
    // Written another way, it is still the same mailbox.
    expect((await ask(await visitor('tr-alias'), 'Stranger+spam@example.test')).error.code).toBe(
      'rate_limited',
    );
    // Another address to mail is not held back by that one's cap.
    expect(await ask(await visitor('tr-other'), 'me@example.test')).toEqual({ ok: true });

    await eventually(
      async () => smtp.mails.filter((m) => m.envelopeTo.includes(victim)).length === 3,
      30_000,
    );
    await settleQueue(t);
    expect(smtp.mails.filter((m) => m.envelopeTo.includes(victim))).toHaveLength(3);

    // The inbox may allow more a day; and a day later the count starts again.
    const admin = client(t.url, a.adminToken);
    await admin.patch(`/inboxes/${chat.id}`, {
      settings: { rateLimits: { transcriptsPerRecipientPerDay: 4 } },
    });
    expect(await ask(await visitor('tr-raised'))).toEqual({ ok: true });
    expect((await ask(await visitor('tr-raised-2'))).error.code).toBe('rate_limited');
    await advanceClock(t, 24 * 3600_000 + 60_000);
    expect(await ask(await visitor('tr-next-day'))).toEqual({ ok: true });
  });
});

describe.runIf(onPostgres)('across hub nodes', () => {
  let first: TestHub;
  let second: Hub;
  const prefix = `test-${randomBytes(4).toString('hex')}`;
  afterAll(async () => {
    closeAllVisitors();
    await second?.stop();
    await first?.destroy();
  });

  it('holds an address to one budget of new visitors, whichever node it reaches', async () => {
    first = await startTestHub({ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_PREFIX: prefix });
    second = await startSecondNode(first, { REDIS_URL: 'redis://127.0.0.1:6379', REDIS_PREFIX: prefix });
    const acct = await seedAccount(first, 'Nodes');
    const chat = await webchatInbox(first, acct, { protocol: 'none' });
    const address = anAddress();
    const [one, two] = await Promise.all([
      newVisitors(first, chat.token, 30, address),
      newVisitors(second, chat.token, 30, address),
    ]);
    // One node alone admits at most 20; two nodes counting apart would admit up to 40.
    expect(one.admitted.length + two.admitted.length).toBeLessThanOrEqual(20);
    expect(one.refused.length + two.refused.length).toBeGreaterThanOrEqual(40);
  });
});
