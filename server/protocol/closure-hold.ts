// The closure check's hold, and the rule for when silence counts (issue 19, bug 5).
//
// The rule: the customer's silence counts only while the customer owes the next message, which is after
// an agent's public reply (a question, an answer, "it is done") — never after an internal note, an
// automatic message (greeting, the closure check itself), or a template (WhatsApp's, sent to reopen the
// service window: nothing was asked of the customer). So only `reply.created` of a non-template reply
// arms the closure-check timer (inactivity.ts), and any later customer message cancels it (the timer
// re-reads the messages when it fires).
//
// An agent may hold the check (POST /conversations/:id/closure-check), kept in conversations.meta as
// `closureHold`:
// - `until`: no closure check and no auto-resolve before that instant. A durable timer fires then; it
//   drops the hold and, if the customer owes the next message, arms the check from that instant (so the
//   check comes at until + closureCheckSeconds). Replies while held arm nothing: the end of the hold does.
// - `waiting_on_us`: the customer is waiting on the agent (a repair, a call back). Nothing fires until the
//   agent's next public reply, which drops the hold and arms the check the normal way.
// - `null`: released now; if the customer owes the next message the check is armed from now.
// Each change stamps `closureHoldChangedAt` in meta; an inactivity timer armed before the latest change
// is stale and does nothing (a newer one, armed by the change or by a reply after it, decides). Every
// change is a conversation event with its actor and is pushed as `conversation:updated`.
import { and, desc, eq, ne, sql } from 'drizzle-orm';
import type { Auth } from '#server/auth/authenticate.ts';
import { assertMayAct } from '#server/auth/permissions.ts';
import type { HubContext, TimerJob } from '#server/context.ts';
import { loadVisible } from '#server/conversations/load-visible.ts';
import { conversationToJson } from '#server/conversations/serialize.ts';
import type { Db, Tx } from '#server/db/client.ts';
import { type Conversation, conversations, type Message, messages } from '#server/db/schema.ts';
import { AppError } from '#server/errors.ts';
import { type EventActor, recordEvent } from '#server/events/record-event.ts';
import type { ChannelKind } from '#shared/channels.ts';
import type { ClosureHoldBody } from '#shared/closure-hold.schema.ts';
import { closureHoldOf, holdsAt, type StoredHold } from './closure-hold-state.ts';
import { scheduleInactivity } from './inactivity.ts';
import { loadScope } from './scope.ts';

export const CLOSURE_HOLD_END = 'protocol.closure_hold_end';

async function writeHold(tx: Tx, id: number, hold: StoredHold | null, now: Date): Promise<Conversation> {
  const patch = JSON.stringify({ closureHold: hold, closureHoldChangedAt: now.toISOString() });
  const [row] = await tx
    .update(conversations)
    .set({ meta: sql`${conversations.meta} || ${patch}::jsonb`, updatedAt: now })
    .where(eq(conversations.id, id))
    .returning();
  return row;
}

/** The newest public message that is not the hub's own, and the newest message of all. */
async function lastMessages(db: Db, conversationId: number) {
  const [person] = await db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, conversationId),
        eq(messages.private, false),
        ne(messages.senderType, 'system'),
        ne(messages.senderType, 'bot'),
      ),
    )
    .orderBy(desc(messages.id))
    .limit(1);
  const [any] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(eq(messages.conversationId, conversationId))
    .orderBy(desc(messages.id))
    .limit(1);
  return { person: person as Message | undefined, lastId: any?.id };
}

/** Whether this message leaves the customer to answer: an agent's public reply that is not a template. */
export function customerOwesAfter(m: Pick<Message, 'direction' | 'senderType' | 'private' | 'contentType'>) {
  return m.direction === 'out' && m.senderType === 'agent' && !m.private && m.contentType !== 'template';
}

/** Arms the closure check from now when the customer owes the next message (after a hold ends). */
async function armIfOwed(ctx: HubContext, tx: Tx, conversationId: number): Promise<boolean> {
  const s = await loadScope(tx, conversationId);
  if (!s?.template.settings.inactivity || s.conversation.status === 'resolved') return false;
  const { person, lastId } = await lastMessages(tx, conversationId);
  if (!person || !customerOwesAfter(person) || lastId === undefined) return false;
  await scheduleInactivity(ctx, tx, s, 'check', lastId);
  return true;
}

export async function setClosureHold(ctx: HubContext, auth: Auth, id: number, body: ClosureHoldBody) {
  const { conversation: before, channel } = await loadVisible(ctx, auth, id);
  assertMayAct(auth, 'manage');
  if (before.status === 'resolved')
    throw new AppError('invalid_state', 'the conversation is resolved: there is no closure check to hold');
  const now = ctx.clock.now();
  let hold: StoredHold | null = null;
  if (body.hold === 'until') {
    if (Date.parse(body.until) <= now.getTime())
      throw new AppError('hold_in_past', 'until must be in the future');
    hold = {
      hold: 'until',
      until: new Date(body.until).toISOString(),
      by: auth.user.id,
      at: now.toISOString(),
    };
  } else if (body.hold === 'waiting_on_us') {
    hold = { hold: 'waiting_on_us', by: auth.user.id, at: now.toISOString() };
  }
  const had = closureHoldOf(before.meta);
  // Nothing held, nothing to release: the silence already counting keeps counting.
  if (!hold && !had) return conversationToJson(before, channel);
  const actor: EventActor = { type: 'user', id: auth.user.id };
  const after = await ctx.db.transaction(async (tx) => {
    const row = await writeHold(tx, id, hold, now);
    if (hold) {
      await recordEvent(
        tx,
        row,
        'closure_check.held',
        { hold: hold.hold, ...(hold.until ? { until: hold.until } : {}) },
        actor,
      );
      if (hold.until) {
        await ctx.timers.schedule(tx, {
          kind: CLOSURE_HOLD_END,
          dueAt: hold.until,
          conversationId: id,
          accountId: row.accountId,
          until: hold.until,
        });
      }
    } else {
      const armed = await armIfOwed(ctx, tx, id);
      await recordEvent(tx, row, 'closure_check.released', { hadHold: had?.hold ?? null, armed }, actor);
    }
    return row;
  });
  const json = conversationToJson(after, channel);
  ctx.publisher.conversationUpdated(after, json, before);
  return json;
}

/**
 * In `reply.created`'s transaction: whether this reply arms the closure check. A `waiting_on_us` hold is
 * answered by it (dropped, and the reply arms as usual); an `until` still running keeps it unarmed.
 */
export async function replyArmsClosureCheck(
  ctx: HubContext,
  tx: Tx,
  c: Conversation,
  message: Message,
): Promise<{ arms: boolean; conversation?: Conversation }> {
  if (!customerOwesAfter(message)) return { arms: false };
  const hold = closureHoldOf(c.meta);
  if (!hold) return { arms: true };
  const now = ctx.clock.now();
  if (hold.hold === 'waiting_on_us') {
    const row = await writeHold(tx, c.id, null, now);
    await recordEvent(
      tx,
      row,
      'closure_check.released',
      { hadHold: 'waiting_on_us', reason: 'agent_replied', messageId: message.id },
      { type: 'user', id: message.senderId },
    );
    return { arms: true, conversation: row };
  }
  return { arms: !holdsAt(hold, now) };
}

/** The `until` hold's timer: the hold ends and, if the customer owes the next message, silence counts. */
export async function closureHoldEnded(ctx: HubContext, job: TimerJob): Promise<void> {
  if (!job.conversationId) return;
  const done = await ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(conversations)
      .where(eq(conversations.id, job.conversationId!))
      .for('update');
    const hold = before ? closureHoldOf(before.meta) : null;
    // Released, or held again to another time (its own timer decides) meanwhile.
    if (!before || hold?.hold !== 'until' || hold.until !== job.until) return null;
    const row = await writeHold(tx, before.id, null, ctx.clock.now());
    const armed = await armIfOwed(ctx, tx, before.id);
    await recordEvent(tx, row, 'closure_check.hold_ended', { until: hold.until, armed });
    return { before, after: row };
  });
  if (!done) return;
  const s = await loadScope(ctx.db, done.after.id);
  const channel = s?.inbox.channel as ChannelKind | undefined;
  if (channel)
    ctx.publisher.conversationUpdated(done.after, conversationToJson(done.after, channel), done.before);
}

/** Asking to resolve is the agent saying it is settled: a hold in force gives way (request-resolve.ts). */
export async function dropHoldForResolveRequest(
  ctx: HubContext,
  tx: Tx,
  c: Conversation,
  userId: number,
): Promise<Conversation> {
  const hold = closureHoldOf(c.meta);
  if (!hold) return c;
  const row = await writeHold(tx, c.id, null, ctx.clock.now());
  await recordEvent(
    tx,
    row,
    'closure_check.released',
    { hadHold: hold.hold, reason: 'resolve_requested' },
    { type: 'user', id: userId },
  );
  return row;
}
