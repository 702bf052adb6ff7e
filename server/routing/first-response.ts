// When a conversation's first-response clock starts: the one definition that the breach timer and its
// alert (sla.ts), QP-14's unanswered threshold, the pending pause (sla-pause.ts) and the reports
// (server/reports/definitions.ts) read.
//
// The rule. The clock starts when the conversation is waiting for a person. As an ACD leaves IVR time
// out, the hub's own automatic questions do not count against the team:
// - where the conversation's protocol asks identification questions when it starts (the chat protocol's
//   Fijacom number, name and CI), the clock starts when those questions end: the last answer stored,
//   the hub giving up after invalid answers, the fields found already known (pre-chat form), the
//   questions not sent, an agent taking the step over (ticking it, or answering), or
//   IDENTIFICATION_LIMIT_SECONDS after the first message with a question still open (the customer is
//   then waiting for a person as well);
// - where nothing is asked (no protocol, or a template without the automatic identification step), it
//   starts at the customer's first message.
// The instant is stored once, in conversations.first_response_started_at, and never moves afterwards.
// First-response time = the first agent reply − that instant, never below 0: an agent who answers while
// the questions are still being asked answered at 0 s, and no clock starts after an answer.
import { eq, type SQL, sql } from 'drizzle-orm';
import type { HubContext, TimerJob } from '#server/context.ts';
import type { Db, Tx } from '#server/db/client.ts';
import { type Conversation, conversations, type Inbox, inboxes } from '#server/db/schema.ts';
import { recordEvent } from '#server/events/record-event.ts';
import { loadTemplate, protocolOfConversation } from '#server/protocol/load-template.ts';
import type { ChannelKind } from '#shared/channels.ts';
import { addBusinessSeconds } from './business-hours.ts';
import { loadRoutingSettings, slaTargetOf } from './settings.ts';
import { scheduleSlaTimer, slaHoursOf } from './sla.ts';

/** A question left unanswered this long after the first message no longer holds the clock back. */
export const IDENTIFICATION_LIMIT_SECONDS = 180;

export const FIRST_RESPONSE_LIMIT = 'routing.first_response_limit';

export type ClockStartReason =
  | 'identified'
  | 'already_known'
  // The identification's questions ended early (server/protocol/identification.ts).
  | 'asked_for_person'
  | 'cannot_answer'
  | 'invalid_answers'
  | 'not_asked'
  | 'taken_over'
  | 'limit';

/** Whether the conversation's protocol asks the hub's identification questions before a person. */
export async function asksIdentificationFirst(
  tx: Db,
  c: Conversation,
  inbox: Pick<Inbox, 'channel' | 'settings'>,
): Promise<boolean> {
  const protocol = protocolOfConversation(c, inbox);
  if (!protocol) return false;
  const template = await loadTemplate(tx, c.accountId, protocol);
  return template.steps.some(
    (s) => s.action === 'identification' && s.kind === 'automatic' && s.trigger === 'conversation_created',
  );
}

/**
 * A new conversation's first-response clock: started at its first message, or (while the hub asks its
 * questions) left for the protocol to start, with the limit as a durable timer in case nobody does.
 */
export async function firstResponseOnArrival(
  ctx: HubContext,
  tx: Tx,
  c: Conversation,
  inbox: Pick<Inbox, 'channel' | 'settings'>,
): Promise<Conversation> {
  const arrived = c.firstCustomerMessageAt ?? c.waitingSince ?? ctx.clock.now();
  if (!(await asksIdentificationFirst(tx, c, inbox)))
    return (await startInTx(ctx, tx, c, inbox.channel as ChannelKind, arrived)) ?? c;
  await ctx.timers.schedule(tx, {
    kind: FIRST_RESPONSE_LIMIT,
    conversationId: c.id,
    dueAt: new Date(arrived.getTime() + IDENTIFICATION_LIMIT_SECONDS * 1000).toISOString(),
  });
  return c;
}

/**
 * Starts the clock at `at` unless it already started (or the conversation is closed). Called by the
 * protocol when its questions end and by the limit timer; whichever comes first wins.
 */
export async function startFirstResponseClock(
  ctx: HubContext,
  inTx: Tx | null,
  conversationId: number,
  at: Date,
  reason: ClockStartReason,
): Promise<void> {
  const run = async (tx: Tx) => {
    const [row] = await tx
      .select({ conversation: conversations, channel: inboxes.channel })
      .from(conversations)
      .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
      .where(eq(conversations.id, conversationId))
      .for('update', { of: conversations });
    if (!row) return;
    const started = await startInTx(ctx, tx, row.conversation, row.channel as ChannelKind, at);
    if (started)
      await recordEvent(tx, started, 'sla.first_response_started', { reason, at: at.toISOString() });
  };
  await (inTx ? run(inTx) : ctx.db.transaction(run));
}

/** The limit timer's body: the questions are still open, so the customer waits for a person from now. */
export async function firstResponseLimit(ctx: HubContext, job: TimerJob): Promise<void> {
  if (job.conversationId)
    await startFirstResponseClock(ctx, null, job.conversationId, new Date(job.dueAt), 'limit');
}

async function startInTx(
  ctx: HubContext,
  tx: Tx,
  c: Conversation,
  channel: ChannelKind,
  at: Date,
): Promise<Conversation | null> {
  if (c.firstResponseStartedAt || c.status === 'resolved') return null;
  // Answered before the clock could start: answered at 0 s, and nothing left to time.
  if (c.firstAgentReplyAt) {
    const [row] = await tx
      .update(conversations)
      .set({ firstResponseStartedAt: c.firstAgentReplyAt })
      .where(eq(conversations.id, c.id))
      .returning();
    return row;
  }
  const settings = await loadRoutingSettings(tx, c.accountId);
  const seconds = slaTargetOf(settings, channel).firstResponseSeconds;
  const patch: Partial<Conversation> = { firstResponseStartedAt: at };
  if (seconds) {
    const hours = await slaHoursOf(tx, c, settings);
    // Paused (pending) before it started: it stands still from the pause, so resuming gives it all of
    // its seconds (sla-pause.ts counts what is left from the pause to the due time).
    const from = c.status === 'pending' && c.slaPausedAt && c.slaPausedAt < at ? c.slaPausedAt : at;
    patch.firstResponseDueAt = addBusinessSeconds(hours, from, seconds);
  }
  const [row] = await tx.update(conversations).set(patch).where(eq(conversations.id, c.id)).returning();
  if (seconds && patch.firstResponseDueAt)
    await scheduleSlaTimer(ctx, tx, c.id, {
      kind: 'first_response',
      dueAt: patch.firstResponseDueAt,
      seconds,
      startedAt: at,
    });
  // QP-14's unanswered threshold counts the same wait, in calendar time and through pending.
  const unanswered = settings.unansweredSeconds;
  await scheduleSlaTimer(ctx, tx, c.id, {
    kind: 'unanswered',
    dueAt: new Date(at.getTime() + unanswered * 1000),
    seconds: unanswered,
    startedAt: at,
  });
  return row;
}

/**
 * Whether a first reply at `at` meets the conversation's first-response target: by its due time, which
 * business hours and pending pauses have moved (a reply while pending is judged at the pause). Decided
 * when the reply is stored, since answering clears the due time. Answered before the clock started: met
 * (0 s). No target for the channel: null.
 */
export function firstResponseMet(
  c: Pick<Conversation, 'firstResponseStartedAt' | 'firstResponseDueAt' | 'status' | 'slaPausedAt'>,
  at: Date,
): boolean | null {
  if (!c.firstResponseStartedAt) return true;
  if (!c.firstResponseDueAt) return null;
  const counted = c.status === 'pending' && c.slaPausedAt && c.slaPausedAt < at ? c.slaPausedAt : at;
  return counted.getTime() <= c.firstResponseDueAt.getTime();
}

/** Stores the first reply's verdict (firstResponseMet) on the conversation the reply left. */
export async function recordFirstResponseMet(
  tx: Tx,
  before: Conversation,
  after: Conversation,
  at: Date,
): Promise<Conversation> {
  const [row] = await tx
    .update(conversations)
    .set({ firstResponseMet: firstResponseMet(before, at) })
    .where(eq(conversations.id, after.id))
    .returning();
  return row ?? after;
}

/** First-response seconds of a row, per the rule above (null while nobody answered). */
export function firstResponseSecondsSql(): SQL<number | null> {
  const reply = conversations.firstAgentReplyAt;
  const start = sql`coalesce(${conversations.firstResponseStartedAt}, ${reply})`;
  // greatest() skips nulls: without the case, an unanswered row would read as answered at 0 s.
  return sql<
    number | null
  >`case when ${reply} is not null then extract(epoch from greatest(${reply} - ${start}, interval '0'))::float8 end`;
}
