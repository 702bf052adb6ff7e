// The scheduled re-measurement of open public items (issue 15: "the hub refreshes the metrics of open
// public items on a schedule, within the X budget, and re-scores"). Each item has one timer chain
// (REFRESH_TIMER with its id); when one fires, every item of that inbox then due is measured in one call
// of the adapter's measure(), so a burst of mentions costs one request, not one each. A channel that
// says stop (X's budget, a 429) pushes the whole inbox's schedule back instead of failing.
import { and, asc, eq, inArray, isNull, lte } from 'drizzle-orm';
import { toChannelError } from '#channels/errors.ts';
import type { MeasuredItem } from '#channels/types.ts';
import type { HubContext, TimerJob } from '#server/context.ts';
import { messages, type SocialItem, socialItems } from '#server/db/schema.ts';
import { socialMetricsSchema } from '#shared/influence.schema.ts';
import { scoreInfluence } from '#shared/influence.ts';
import { loadInfluenceSettings } from './influence-settings.ts';
import { publishMentionChanges } from './publish-mentions.ts';
import { raiseTier, type TierRise } from './raise-tier.ts';
import { REFRESH_TIMER } from './record-social-item.ts';
import { nextRefreshAt } from './refresh-schedule.ts';

/** One adapter call measures at most this many items (Graph's batch and X's lookup both allow it). */
const BATCH = 50;
/** A channel that cannot measure now, without saying until when, is asked again after this long. */
const BACKOFF_MS = 10 * 60_000;

export async function onRefreshTimer(ctx: HubContext, job: TimerJob): Promise<void> {
  const itemId = Number(job.itemId);
  const [item] = await ctx.db.select().from(socialItems).where(eq(socialItems.id, itemId));
  // The chain ends once the item is handled, removed or old; a refresh asked for by hand still runs.
  if (!item || (item.nextRefreshAt === null && job.once !== true)) return;
  const now = ctx.clock.now();
  if (job.once !== true && item.nextRefreshAt !== null && item.nextRefreshAt > now) {
    // Measured meanwhile with another item of its inbox: this chain goes on from the new time.
    await ctx.timers.schedule(null, { kind: REFRESH_TIMER, dueAt: item.nextRefreshAt.toISOString(), itemId });
    return;
  }
  await refreshInbox(ctx, item.inboxId, job.once === true ? [itemId] : []);
  if (job.once === true) return;
  const [after] = await ctx.db.select().from(socialItems).where(eq(socialItems.id, itemId));
  if (after?.nextRefreshAt) {
    await ctx.timers.schedule(null, {
      kind: REFRESH_TIMER,
      dueAt: after.nextRefreshAt.toISOString(),
      itemId,
    });
  }
}

/** Measures the inbox's due items (and `also`, due or not) now; returns how many were measured. */
export async function refreshInbox(ctx: HubContext, inboxId: number, also: number[] = []): Promise<number> {
  const now = ctx.clock.now();
  const due = await ctx.db
    .select({ item: socialItems, externalId: messages.externalId, meta: messages.meta })
    .from(socialItems)
    .innerJoin(messages, eq(messages.id, socialItems.messageId))
    .where(
      and(
        eq(socialItems.inboxId, inboxId),
        isNull(socialItems.removedAt),
        also.length ? inArray(socialItems.id, also) : lte(socialItems.nextRefreshAt, now),
      ),
    )
    .orderBy(asc(socialItems.nextRefreshAt))
    .limit(BATCH);
  if (due.length === 0) return 0;
  const running = await ctx.channels.ensure(inboxId);
  const measure = running?.connection.measure;
  if (!running || !measure) {
    await postpone(
      ctx,
      due.map((d) => d.item),
      null,
    );
    return 0;
  }
  let measured: MeasuredItem[];
  try {
    measured = await measure.call(
      running.connection,
      due.flatMap((d) =>
        d.externalId
          ? [{ externalId: d.externalId, social: (d.meta.social ?? {}) as Record<string, unknown> }]
          : [],
      ),
      AbortSignal.any([running.abort.signal, AbortSignal.timeout(ctx.config.WEBHOOK_TIMEOUT_MS)]),
    );
  } catch (err) {
    const ce = toChannelError(err);
    ctx.log.warn({ inboxId, code: ce.code, err: ce.message }, 'could not measure social items');
    await postpone(
      ctx,
      due.map((d) => d.item),
      ce.retryAfterMs ?? null,
    );
    return 0;
  }
  const byExternal = new Map(measured.map((m) => [m.externalId, m]));
  const settings = await loadInfluenceSettings(ctx.db, due[0].item.accountId);
  const rises: TierRise[] = [];
  const changed: number[] = [];
  await ctx.db.transaction(async (tx) => {
    for (const d of due) {
      const m = d.externalId ? byExternal.get(d.externalId) : undefined;
      const next = nextRefreshAt(d.item.createdAt, now);
      if (!m) {
        // Not measured (the network no longer has it, or left it out): the schedule goes on.
        await tx.update(socialItems).set({ nextRefreshAt: next }).where(eq(socialItems.id, d.item.id));
        continue;
      }
      const social = (d.meta.social ?? {}) as Record<string, unknown>;
      const updatedSocial = {
        ...social,
        ...(social.item ? { previous: social.item } : {}),
        item: m.item,
        ...(m.author ? { author: { ...(social.author as object | undefined), ...m.author } } : {}),
      };
      await tx
        .update(messages)
        .set({ meta: { ...d.meta, social: updatedSocial } })
        .where(eq(messages.id, d.item.messageId));
      const metrics = socialMetricsSchema.safeParse(updatedSocial);
      const scored = metrics.success ? scoreInfluence(metrics.data, settings) : null;
      const open = d.item.status !== 'handled';
      const [row] = await tx
        .update(socialItems)
        .set({
          score: scored?.score ?? d.item.score,
          tier: scored?.tier ?? d.item.tier,
          refreshedAt: now,
          nextRefreshAt: open ? next : null,
        })
        .where(eq(socialItems.id, d.item.id))
        .returning();
      changed.push(row.id);
      const rise = await raiseTier(ctx, tx, d.item, row);
      if (rise) rises.push(rise);
    }
  });
  await publishMentionChanges(ctx, changed, rises);
  return measured.length;
}

async function postpone(ctx: HubContext, items: SocialItem[], afterMs: number | null): Promise<void> {
  const at = new Date(ctx.clock.now().getTime() + (afterMs ?? BACKOFF_MS));
  await ctx.db
    .update(socialItems)
    .set({ nextRefreshAt: at })
    .where(
      inArray(
        socialItems.id,
        items.filter((i) => i.nextRefreshAt !== null).map((i) => i.id),
      ),
    );
}
