// Channel protocols: the steps the hub itself takes in a conversation, driven by the account's protocol
// templates (DOMAIN.md §1; engine.ts). The engine runs from a queue job enqueued in the very transaction
// that stored the customer's message, the agent's reply, the assignment or the resolution, so a step is
// never lost and never holds up ingest; a retried job is harmless because every automatic message a step
// sends has a per-conversation idempotency key.
//
// Every automatic message goes through sendAutomatic, which applies the loop guard (never to mail a
// machine sent) and the cap on automatic messages per customer address per hour, and records the step's
// outcome as a conversation event.
import { and, count, eq, gt, inArray, sql } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import type { HubContext } from '#server/context.ts';
import { afterOutboundCommit, createOutboundInTx } from '#server/conversations/create-outbound.ts';
import { recordEvent } from '#server/conversations/ingest-inbound.ts';
import { type Conversation, conversations, type Inbox, type Message, messages } from '#server/db/schema.ts';
import { jobNames } from '#server/queue/queue.ts';
import type { ChannelKind } from '#shared/channels.ts';
import type { StepAction } from '#shared/protocol.schema.ts';
import { installProtocolEngine, type ProtocolJob, runProtocolJob } from './engine.ts';

const DEFAULT_AUTOMATIC_PER_HOUR = 3;

export type StepScope = { conversation: Conversation; inbox: Inbox };

/** What a channel adds to the template-driven engine (engine.ts): its own actions and inbox texts. */
export type ChannelProtocol = {
  channel: ChannelKind;
  /** The `classify` action (e-mail: request kind). */
  classify?(ctx: HubContext, s: StepScope & { message?: Message }): Promise<'done' | 'skipped'>;
  /** An inbox setting replacing a step's text (a string) or turning it off (false). */
  inboxText?(inbox: Inbox, action: StepAction): string | false | undefined;
};

/** Wires the protocol engine into ingest, replies, assignment and resolution; once per hub. */
export function installProtocols(ctx: HubContext, protocols: ChannelProtocol[]): void {
  installProtocolEngine(ctx, new Map(protocols.map((p) => [p.channel, p])));
}

export async function startProtocolWorkers(ctx: HubContext): Promise<void> {
  await ctx.queue.boss.work<ProtocolJob>(
    jobNames.protocol,
    { batchSize: 1, pollingIntervalSeconds: ctx.config.QUEUE_POLL_SECONDS },
    async ([job]: PgBoss.Job<ProtocolJob>[]) => runProtocolJob(ctx, job.data),
  );
}

export type AutomaticOutcome = { sent: boolean; reason?: 'automated_sender' | 'hourly_cap' | 'already_sent' };

/**
 * Sends a protocol step's message unless the customer's side is a machine or the address already got
 * the hourly number of automatic messages; records the step either way. `key` makes it idempotent.
 */
export async function sendAutomatic(
  ctx: HubContext,
  s: StepScope,
  step: { name: string; key: string; text: string; inReplyTo?: Message },
): Promise<AutomaticOutcome> {
  const record = async (outcome: AutomaticOutcome, messageId?: number) => {
    await recordEvent(ctx.db, s.conversation, 'protocol.step', {
      step: step.name,
      outcome: outcome.sent ? 'done' : 'skipped',
      ...(outcome.reason ? { reason: outcome.reason } : {}),
      ...(messageId ? { messageId } : {}),
    });
    return outcome;
  };
  if (step.inReplyTo?.meta.automated) return record({ sent: false, reason: 'automated_sender' });

  const limit = automaticPerHour(s.inbox);
  const result = await ctx.db.transaction(async (tx) => {
    // One customer address at a time, so two steps racing cannot both pass the cap.
    const who = s.conversation.contactIdentityId ?? -s.conversation.contactId;
    await tx.execute(sqlLock(who));
    const [{ n }] = await tx
      .select({ n: count() })
      .from(messages)
      .innerJoin(conversations, eq(conversations.id, messages.conversationId))
      .where(
        and(
          s.conversation.contactIdentityId !== null
            ? eq(conversations.contactIdentityId, s.conversation.contactIdentityId)
            : eq(conversations.contactId, s.conversation.contactId),
          eq(messages.direction, 'out'),
          inArray(messages.senderType, ['system', 'bot']),
          eq(messages.private, false),
          gt(messages.createdAt, new Date(Date.now() - 3_600_000)),
        ),
      );
    if (n >= limit) return null;
    return createOutboundInTx(ctx, tx, {
      accountId: s.conversation.accountId,
      conversationId: s.conversation.id,
      sender: { type: 'system', id: null },
      text: step.text,
      clientMessageId: `protocol:${step.key}`,
    });
  });
  if (!result) return record({ sent: false, reason: 'hourly_cap' });
  afterOutboundCommit(ctx, result);
  if (!result.created) return { sent: false, reason: 'already_sent' };
  return record({ sent: true }, result.message.id);
}

// The cap guards against auto-reply loops and floods to an address that a machine may answer (e-mail,
// the API channel). On the live chat channels every automatic message is a step of a conversation the
// person is holding (greeting, identification questions, closure check), so only an explicit setting caps.
const cappedByDefault: ChannelKind[] = ['email', 'api'];

function automaticPerHour(inbox: Inbox): number {
  const raw = (inbox.settings as { automaticRepliesPerHour?: unknown }).automaticRepliesPerHour;
  const v = Number(raw);
  if (raw !== undefined && Number.isInteger(v) && v >= 0) return v;
  return cappedByDefault.includes(inbox.channel as ChannelKind)
    ? DEFAULT_AUTOMATIC_PER_HOUR
    : Number.POSITIVE_INFINITY;
}

const sqlLock = (who: number) => sql`select pg_advisory_xact_lock(hashtext('automatic-replies'), ${who})`;
