// Agent presence: online, away, auxiliary (an approved break with a reason from the admin's list),
// offline. Every change closes one presence session and opens the next (the attendance report reads
// them). Going online asks the router for work; going offline — by hand or by a dropped socket after
// the grace period — sends the agent's waiting live chats back to their queues, at their original age.
import { and, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { conversationToJson } from '#server/conversations/serialize.ts';
import type { Tx } from '#server/db/client.ts';
import {
  type Conversation,
  conversations,
  inboxes,
  type Presence,
  presenceSessions,
  users,
} from '#server/db/schema.ts';
import { AppError, notFound } from '#server/errors.ts';
import { recordEvent } from '#server/events/record-event.ts';
import type { ChannelKind } from '#shared/channels.ts';
import { requestRouting } from './enqueue.ts';
import { loadRoutingSettings } from './settings.ts';

/** Channels where a customer waits live; an e-mail stays with its agent through a break. */
const asyncChannels = ['email'];

export function presenceJson(u: {
  presence: Presence;
  presenceReason: string | null;
  presenceChangedAt: Date | null;
}) {
  return {
    status: u.presence,
    reason: u.presenceReason,
    since: u.presenceChangedAt?.toISOString() ?? null,
  };
}

/** The caller's own presence (GET /me/presence). */
export async function loadPresence(ctx: HubContext, userId: number) {
  const [u] = await ctx.db.select().from(users).where(eq(users.id, userId));
  return presenceJson(u);
}

export async function setPresence(
  ctx: HubContext,
  accountId: number,
  userId: number,
  body: { status: Presence; reason?: string },
  cause: 'user' | 'disconnected' = 'user',
) {
  const settings = await loadRoutingSettings(ctx.db, accountId);
  const reason =
    body.status === 'auxiliary' ? (body.reason ?? null) : cause === 'disconnected' ? 'disconnected' : null;
  if (body.status === 'auxiliary' && !settings.auxiliaryReasons.includes(reason ?? '')) {
    throw new AppError(
      'validation_failed',
      `the reason must be one of: ${settings.auxiliaryReasons.join(', ')}`,
    );
  }
  const now = ctx.clock.now();
  const { user, requeued } = await ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(users)
      .where(and(eq(users.id, userId), eq(users.accountId, accountId)))
      .for('update');
    if (!before) throw notFound('user');
    if (before.presence === body.status && before.presenceReason === reason)
      return { user: before, requeued: [] };
    const [user] = await tx
      .update(users)
      .set({ presence: body.status, presenceReason: reason, presenceChangedAt: now })
      .where(eq(users.id, userId))
      .returning();
    await tx
      .update(presenceSessions)
      .set({ endedAt: now })
      .where(and(eq(presenceSessions.userId, userId), isNull(presenceSessions.endedAt)));
    await tx
      .insert(presenceSessions)
      .values({ accountId, userId, status: body.status, reason, startedAt: now });
    const requeued = body.status === 'offline' ? await requeueWaiting(ctx, tx, userId, cause) : [];
    if (body.status === 'online' || requeued.length) await requestRouting(ctx, tx, accountId);
    return { user, requeued };
  });
  if (requeued.length) ctx.queue.wake('route');
  if (user.presence === 'online') ctx.queue.wake('route');
  ctx.publisher.presenceUpdated(accountId, userId, presenceJson(user));
  for (const r of requeued)
    ctx.publisher.conversationUpdated(
      r.conversation,
      conversationToJson(r.conversation, r.channel),
      r.before,
    );
  return presenceJson(user);
}

/**
 * A disabled user will not come back to their work: every conversation still theirs (e-mails, pending and
 * snoozed ones included, not only the waiting chats that going offline gives back) loses its assignee and
 * goes to its team's queue. Open ones are routed at once; pending and snoozed ones are routed when they
 * wake. Runs after the commit that disabled the user, so a conversation assigned meanwhile is caught too.
 */
export async function releaseDisabledUser(ctx: HubContext, accountId: number, userId: number) {
  const released = await ctx.db.transaction(async (tx) => {
    const out = await requeueWaiting(ctx, tx, userId, 'user_disabled', 'all');
    if (out.some((r) => r.conversation.status === 'open')) await requestRouting(ctx, tx, accountId);
    return out;
  });
  if (released.length) ctx.queue.wake('route');
  for (const r of released)
    ctx.publisher.conversationUpdated(
      r.conversation,
      conversationToJson(r.conversation, r.channel),
      r.before,
    );
  return released.length;
}

/**
 * Back to the queue: by default the agent's open live conversations whose customer is waiting (or never
 * got an answer); with `which = 'all'` every conversation of theirs that is not resolved.
 */
async function requeueWaiting(
  ctx: HubContext,
  tx: Tx,
  userId: number,
  cause: string,
  which: 'waiting' | 'all' = 'waiting',
) {
  const rows = await tx
    .select({ conversation: conversations, channel: inboxes.channel })
    .from(conversations)
    .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
    .where(
      which === 'all'
        ? and(eq(conversations.assigneeId, userId), ne(conversations.status, 'resolved'))
        : and(
            eq(conversations.assigneeId, userId),
            eq(conversations.status, 'open'),
            ne(inboxes.channel, asyncChannels[0]),
            or(sql`${conversations.waitingSince} is not null`, isNull(conversations.firstAgentReplyAt)),
          ),
    );
  if (!rows.length) return [];
  const ids = rows.map((r) => r.conversation.id);
  const updated = await tx
    .update(conversations)
    .set({ assigneeId: null, assignedAt: null, updatedAt: ctx.clock.now() })
    .where(and(inArray(conversations.id, ids), eq(conversations.assigneeId, userId)))
    .returning();
  const out: { conversation: Conversation; before: Conversation; channel: ChannelKind }[] = [];
  for (const c of updated) {
    const r = rows.find((x) => x.conversation.id === c.id)!;
    await recordEvent(tx, c, 'conversation.requeued', { fromAssigneeId: String(userId), reason: cause });
    out.push({ conversation: c, before: r.conversation, channel: r.channel as ChannelKind });
  }
  return out;
}

/** The grace timer after an agent's last socket dropped: still gone → offline. */
export async function presenceGrace(
  ctx: HubContext,
  job: { userId?: number; accountId?: number },
): Promise<void> {
  const [u] = await ctx.db.select().from(users).where(eq(users.id, job.userId!));
  if (!u || u.presence === 'offline') return;
  if (await ctx.publisher.userConnected(u.id)) return;
  await setPresence(ctx, u.accountId, u.id, { status: 'offline' }, 'disconnected');
}

/** Called when an agent socket disconnects: starts the grace period if it was the user's last one. */
export async function agentSocketClosed(
  ctx: HubContext,
  user: { id: number; accountId: number },
): Promise<void> {
  const [u] = await ctx.db.select({ presence: users.presence }).from(users).where(eq(users.id, user.id));
  if (!u || u.presence === 'offline') return;
  if (await ctx.publisher.userConnected(user.id)) return;
  const { presenceGraceSeconds } = await loadRoutingSettings(ctx.db, user.accountId);
  await ctx.timers.schedule(null, {
    kind: 'routing.presence_grace',
    userId: user.id,
    accountId: user.accountId,
    dueAt: new Date(ctx.clock.now().getTime() + presenceGraceSeconds * 1000).toISOString(),
  });
}
