// Assignment, status and priority changes: each is checked, recorded as an event with its actor,
// announced as `conversation.changed` (and `conversation.resolved`) to the subscribers (routing moves it
// between queues, the SLA clocks pause or resume), and published to the agents who could see the
// conversation before and after.
import { and, eq, ne } from 'drizzle-orm';
import type { Auth } from '#server/auth/authenticate.ts';
import { assertAssignable, assertMayAct, mayAct } from '#server/auth/permissions.ts';
import type { HubContext } from '#server/context.ts';
import type { Tx } from '#server/db/client.ts';
import { type Conversation, conversations, teams, users } from '#server/db/schema.ts';
import { AppError } from '#server/errors.ts';
import { recordEvent } from '#server/events/record-event.ts';
import { loadVisible } from './load-visible.ts';
import { conversationToJson } from './serialize.ts';
import { scheduleWake } from './wake-snoozed.ts';

type Patch = Partial<
  Pick<
    Conversation,
    | 'assigneeId'
    | 'teamId'
    | 'status'
    | 'priority'
    | 'category'
    | 'snoozedUntil'
    | 'resolvedAt'
    | 'waitingSince'
    | 'firstResponseDueAt'
    | 'nextResponseDueAt'
    | 'resolutionDueAt'
  >
>;

async function apply(
  ctx: HubContext,
  auth: Auth,
  id: number,
  patch: Patch,
  event: string,
  data: Record<string, unknown>,
  /** More of the change's own work, in its transaction, before the subscribers hear of it. */
  inTx?: (tx: Tx, row: Conversation) => Promise<void>,
) {
  const { conversation: before, channel } = await loadVisible(ctx, auth, id);
  assertMayAct(auth, 'manage');
  const after = await ctx.db.transaction(async (tx) => {
    let [row] = await tx
      .update(conversations)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(conversations.id, id))
      .returning();
    await recordEvent(tx, row, event, data, { type: 'user', id: auth.user.id });
    await inTx?.(tx, row);
    row = await ctx.events.emit(tx, 'conversation.changed', {
      channel,
      conversation: row,
      before,
      userId: auth.user.id,
    });
    if (row.status === 'resolved' && before.status !== 'resolved')
      row = await ctx.events.emit(tx, 'conversation.resolved', { channel, conversation: row });
    return row;
  });
  ctx.queue.wake('route');
  const json = conversationToJson(after, channel);
  ctx.publisher.conversationUpdated(after, json, before);
  return json;
}

export async function assignConversation(
  ctx: HubContext,
  auth: Auth,
  id: number,
  body: { assigneeId?: string | null; teamId?: string | null },
) {
  // Who may assign is told before whom they chose is judged.
  if (!mayAct(auth.user.role, 'manage')) {
    await loadVisible(ctx, auth, id);
    assertMayAct(auth, 'manage');
  }
  const patch: Patch = {};
  if (body.assigneeId !== undefined) {
    if (body.assigneeId !== null) {
      const [agent] = await ctx.db
        .select()
        .from(users)
        .where(and(eq(users.id, Number(body.assigneeId)), eq(users.accountId, auth.accountId)));
      assertAssignable(agent);
    }
    patch.assigneeId = body.assigneeId === null ? null : Number(body.assigneeId);
  }
  if (body.teamId !== undefined) {
    if (body.teamId !== null) {
      const [team] = await ctx.db
        .select()
        .from(teams)
        .where(and(eq(teams.id, Number(body.teamId)), eq(teams.accountId, auth.accountId)));
      if (!team) throw new AppError('bad_request', 'teamId names no team of this account');
    }
    patch.teamId = body.teamId === null ? null : Number(body.teamId);
  }
  return apply(ctx, auth, id, patch, 'conversation.assigned', {
    assigneeId: body.assigneeId ?? null,
    teamId: body.teamId ?? null,
  });
}

export async function setConversationStatus(
  ctx: HubContext,
  auth: Auth,
  id: number,
  body: { status: Conversation['status']; snoozedUntil?: string },
) {
  const { conversation } = await loadVisible(ctx, auth, id);
  assertMayAct(auth, 'manage');
  const patch: Patch = { status: body.status, snoozedUntil: null };
  if (body.status === 'snoozed') {
    if (!body.snoozedUntil) throw new AppError('validation_failed', 'snoozing needs snoozedUntil');
    const until = new Date(body.snoozedUntil);
    if (until.getTime() <= ctx.clock.now().getTime())
      throw new AppError('validation_failed', 'snoozedUntil must be in the future');
    patch.snoozedUntil = until;
  }
  patch.resolvedAt = body.status === 'resolved' ? (conversation.resolvedAt ?? ctx.clock.now()) : null;
  if (body.status === 'resolved') {
    // Nobody waits on a resolved conversation: its clocks stop.
    Object.assign(patch, {
      waitingSince: null,
      firstResponseDueAt: null,
      nextResponseDueAt: null,
      resolutionDueAt: null,
    });
  }
  if (conversation.status === 'resolved' && body.status !== 'resolved') {
    // Only one live conversation per thread: a newer one may have started since this was resolved.
    const [live] = await ctx.db
      .select({ id: conversations.id })
      .from(conversations)
      .where(
        and(
          eq(conversations.inboxId, conversation.inboxId),
          eq(conversations.threadKey, conversation.threadKey),
          ne(conversations.status, 'resolved'),
        ),
      );
    if (live) throw new AppError('conflict', `conversation ${live.id} is already open for this thread`);
  }
  return apply(
    ctx,
    auth,
    id,
    patch,
    'conversation.status_changed',
    {
      from: conversation.status,
      to: body.status,
      ...(patch.snoozedUntil ? { snoozedUntil: patch.snoozedUntil.toISOString() } : {}),
    },
    (tx, row) => scheduleWake(ctx, tx, row),
  );
}

export async function setConversationPriority(
  ctx: HubContext,
  auth: Auth,
  id: number,
  priority: Conversation['priority'],
) {
  return apply(ctx, auth, id, { priority }, 'conversation.priority_changed', { priority });
}

/** An agent's category for the conversation (e-mail's PQR kind); the protocol never overwrites it. */
export async function setConversationCategory(
  ctx: HubContext,
  auth: Auth,
  id: number,
  category: string | null,
) {
  return apply(ctx, auth, id, { category }, 'conversation.categorized', { category, by: 'agent' });
}
