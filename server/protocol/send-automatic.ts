// Every automatic message of a protocol step goes through sendAutomatic, which applies the loop guard
// (never to mail a machine sent) and the cap on automatic messages per customer address per hour, and
// records the step's outcome as a conversation event. A per-conversation key makes a retried job harmless.
import { and, count, eq, gt, inArray, sql } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { afterOutboundCommit, createOutboundInTx } from '#server/conversations/create-outbound.ts';
import { conversations, type Inbox, type Message, messages } from '#server/db/schema.ts';
import { recordEvent } from '#server/events/record-event.ts';
import { definitionOf } from '#server/inboxes/channel-facts.ts';
import type { StepScope } from './channel-protocol.ts';

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

// The cap guards against auto-reply loops and floods to an address that a machine may answer (the channel
// says so with its default cap: e-mail, the API channel). On the live chat channels every automatic
// message is a step of a conversation the person is holding (greeting, identification questions, closure
// check), so only an explicit setting caps.
function automaticPerHour(inbox: Inbox): number {
  const raw = (inbox.settings as { automaticRepliesPerHour?: unknown }).automaticRepliesPerHour;
  const v = Number(raw);
  if (raw !== undefined && Number.isInteger(v) && v >= 0) return v;
  return definitionOf(inbox.channel)?.protocol.automaticRepliesPerHour ?? Number.POSITIVE_INFINITY;
}

const sqlLock = (who: number) => sql`select pg_advisory_xact_lock(hashtext('automatic-replies'), ${who})`;
