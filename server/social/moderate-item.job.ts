// Hide, show again, delete or like a public item on its network: a queued job (nothing sent to the
// outside world fire-and-forget), retried like a reply, and on its last failure the reason stays on the
// item for marketing to see. Hiding and deleting also mark the stored message (as a change reported by
// the channel would), so the conversation shows it too.
import { eq } from 'drizzle-orm';
import { ChannelError, toChannelError } from '#channels/errors.ts';
import type { HubContext } from '#server/context.ts';
import { applyMessageChange } from '#server/conversations/apply-message-change.ts';
import { messages, socialItems } from '#server/db/schema.ts';
import { jobNames, type QueueJob } from '#server/queue/queue.ts';
import type { MentionAction } from '#shared/mentions.schema.ts';
import { publishMentionChanges } from './publish-mentions.ts';

export type MentionActionJob = { itemId: number; action: MentionAction };

export async function runMentionAction(ctx: HubContext, job: QueueJob<MentionActionJob>): Promise<void> {
  const { itemId, action } = job.data;
  const [row] = await ctx.db
    .select({ item: socialItems, externalId: messages.externalId })
    .from(socialItems)
    .innerJoin(messages, eq(messages.id, socialItems.messageId))
    .where(eq(socialItems.id, itemId));
  // Gone, or superseded by another action on the same item: nothing left to do.
  if (!row || row.item.pendingAction !== action) return;
  try {
    const running = await ctx.channels.ensure(row.item.inboxId);
    const moderate = running?.connection.moderate;
    if (!running || !moderate || !row.externalId) {
      throw new ChannelError('PERMANENT', 'the inbox of this item is not running, or cannot do this');
    }
    const signal = AbortSignal.any([
      running.abort.signal,
      AbortSignal.timeout(ctx.config.WEBHOOK_TIMEOUT_MS),
    ]);
    await moderate.call(running.connection, { externalId: row.externalId, action }, signal);
  } catch (err) {
    const ce = toChannelError(err);
    if (ce.retryable && job.retryCount < job.retryLimit) {
      if (ce.code === 'RATE_LIMITED' && ce.retryAfterMs) {
        await ctx.queue.send(jobNames.social, job.data, {
          startAfter: Math.ceil(ce.retryAfterMs / 1000),
          retryLimit: job.retryLimit - job.retryCount - 1,
        });
        return;
      }
      throw ce;
    }
    await ctx.db
      .update(socialItems)
      .set({ pendingAction: null, actionError: ce.message })
      .where(eq(socialItems.id, itemId));
    await publishMentionChanges(ctx, [itemId]);
    return;
  }
  const now = ctx.clock.now();
  // The message first (its change also marks the item hidden or removed): once the item stops showing
  // the action pending, everything the action changed is there to see.
  if (row.externalId && action !== 'like') {
    await applyMessageChange(ctx, {
      inboxId: row.item.inboxId,
      externalId: row.externalId,
      at: now,
      ...(action === 'delete' ? { removed: true } : { hidden: action === 'hide' }),
    });
  }
  await ctx.db
    .update(socialItems)
    .set({
      pendingAction: null,
      actionError: null,
      ...(action === 'hide' ? { hiddenAt: now } : {}),
      ...(action === 'unhide' ? { hiddenAt: null } : {}),
      ...(action === 'delete' ? { removedAt: now, nextRefreshAt: null } : {}),
      ...(action === 'like' ? { likedAt: now } : {}),
    })
    .where(eq(socialItems.id, itemId));
  await publishMentionChanges(ctx, [itemId]);
}

export async function startSocialWorkers(ctx: HubContext): Promise<void> {
  const id = await ctx.queue.work<MentionActionJob>(jobNames.social, (job) => runMentionAction(ctx, job));
  ctx.queue.register(jobNames.social, id);
}
