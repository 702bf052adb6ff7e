// Many visitors whose first messages arrive together (issue 13): every conversation runs its protocol
// exactly once — one greeting stored per conversation, none lost, none doubled — and every visitor's
// socket hears its own greeting, however many arrive in the same instant (the ingest group commit puts
// them in one transaction, the protocol worker takes their jobs one after another, without pausing
// between jobs).
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '#server/db/schema.ts';
import { settleQueue } from '#tests/helpers/clock.ts';
import {
  eventually,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';
import {
  closeAllVisitors,
  connectVisitor,
  hubSaid,
  type WidgetVisitor,
  webchatInbox,
} from '#tests/helpers/widget.ts';

let t: TestHub;
let a: SeededAccount;
let inbox: Awaited<ReturnType<typeof webchatInbox>>;

beforeAll(async () => {
  t = await startTestHub();
  a = await seedAccount(t, 'Fijacom');
  // Two hundred visitors from one address (the spec's loopback) in an instant is a load test, not a
  // crowd the rate limits are meant to let in: the inbox raises them, as such an inbox would.
  inbox = await webchatInbox(t, a, {
    language: 'es',
    rateLimits: { newVisitorsPerMinute: 1000, messagesPerMinute: 1000 },
  });
});
afterAll(async () => {
  closeAllVisitors();
  await t?.destroy();
});

async function firstMessagesTogether(n: number, tag: string) {
  const visitors: WidgetVisitor[] = await Promise.all(
    // Hundreds of sockets at once on a loaded two-core machine can take longer than socket.io's 20 s to
    // all connect (it failed so); the spec's point is what happens after.
    Array.from({ length: n }, () =>
      connectVisitor(t, { inboxToken: inbox.token }, { connectTimeoutMs: 120_000 }),
    ),
  );
  // All sockets are connected and have their session: the sends leave in the same tick.
  // Acked once stored: two hundred new conversations take PGlite several seconds on a busy two-core
  // machine, more than the helper's 10 s — what this spec is about comes after the store.
  const acks = await Promise.all(
    visitors.map((v, i) =>
      v.socket
        .timeout(120_000)
        .emitWithAck('message:send', { clientMessageId: `${tag}-${i}`, text: `Hola ${tag} ${i}` }),
    ),
  );
  expect(acks.every((ack) => ack.ok)).toBe(true);
  const ids = acks.map((ack) => Number(ack.message.conversationId));
  expect(new Set(ids).size).toBe(n);
  // Every protocol step and delivery that was due has run (a queue worker took one job per polling
  // interval before: two hundred greetings took minutes, and this wait failed).
  await settleQueue(t, 60_000);
  const automatic = await t.hub.ctx.db
    .select({ conversationId: messages.conversationId, text: messages.text, status: messages.status })
    .from(messages)
    .where(and(inArray(messages.conversationId, ids), eq(messages.senderType, 'system')));
  const greetings = automatic.filter((m) => m.text?.includes('Bienvenido'));
  // Exactly one greeting per conversation, each sent.
  expect(greetings.map((m) => m.conversationId).sort((x, y) => x - y)).toEqual(
    [...ids].sort((x, y) => x - y),
  );
  expect(greetings.every((m) => m.status === 'sent')).toBe(true);
  // And each visitor heard their own.
  await eventually(
    async () => visitors.every((v) => hubSaid(v).some((text) => text.includes('Bienvenido'))),
    60_000,
  );
  for (const v of visitors) expect(hubSaid(v).filter((text) => text.includes('Bienvenido'))).toHaveLength(1);
  for (const v of visitors) v.close();
}

describe('first messages that arrive together', () => {
  it('one visitor: greeted once', () => firstMessagesTogether(1, 'one'));
  it('ten visitors in the same instant: each greeted once, each socket hears it', () =>
    firstMessagesTogether(10, 'ten'));
  // Its own time limit: two hundred sockets, stores and greetings on a loaded machine; a hang still fails.
  it(
    'two hundred visitors in the same instant: each greeted once, each socket hears it',
    () => firstMessagesTogether(200, 'many'),
    240_000,
  );
});
