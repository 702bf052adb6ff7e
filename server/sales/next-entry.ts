// "Next customer": the advisor gets one entry at a time, as the procedure goes through the portfolio one
// by one. An entry the advisor already holds comes back first (a reload does not take a second one), then
// their callbacks that are due, then the campaign's waiting entries — fewest attempts first, in portfolio
// order — skipping rows another advisor is taking at this very moment (SKIP LOCKED). A customer an
// advisor took and left untouched for HOLD_HOURS (they went home, the browser closed) is waiting again:
// no entry stays held by someone who is not working it.
import { and, asc, eq, isNull, lte, or } from 'drizzle-orm';
import type { Auth } from '#server/auth/auth.ts';
import type { HubContext } from '#server/context.ts';
import { type PortfolioEntry, portfolioEntries } from '#server/db/sales-schema.ts';
import { AppError } from '#server/errors.ts';
import { loadCampaign } from './campaign-access.ts';
import { recordSaleEvent } from './sale-events.ts';

/** How long an entry taken and not worked stays with its advisor before another may take it. */
export const HOLD_HOURS = 12;

export async function takeNextEntry(
  ctx: HubContext,
  auth: Auth,
  campaignId: number,
): Promise<PortfolioEntry | null> {
  const campaign = await loadCampaign(ctx, auth, campaignId);
  if (campaign.status !== 'active') {
    throw new AppError('invalid_state', `the campaign is ${campaign.status}`, {
      details: { status: campaign.status },
    });
  }
  const now = ctx.clock.now();
  const staleBefore = new Date(now.getTime() - HOLD_HOURS * 3600_000);
  const e = portfolioEntries;
  return ctx.db.transaction(async (tx) => {
    const [held] = await tx
      .select()
      .from(e)
      .where(and(eq(e.campaignId, campaignId), eq(e.status, 'in_progress'), eq(e.advisorId, auth.user.id)))
      .limit(1);
    if (held) return held;
    const [due] = await tx
      .select()
      .from(e)
      .where(
        and(
          eq(e.campaignId, campaignId),
          eq(e.status, 'callback'),
          eq(e.advisorId, auth.user.id),
          lte(e.callbackAt, now),
        ),
      )
      .orderBy(asc(e.callbackAt))
      .limit(1)
      .for('update', { skipLocked: true });
    const [waiting] = due
      ? [due]
      : await tx
          .select()
          .from(e)
          .where(
            and(
              eq(e.campaignId, campaignId),
              or(
                and(eq(e.status, 'pending'), or(isNull(e.availableAt), lte(e.availableAt, now))),
                and(eq(e.status, 'in_progress'), lte(e.updatedAt, staleBefore)),
              ),
            ),
          )
          .orderBy(asc(e.attempts), asc(e.id))
          .limit(1)
          .for('update', { skipLocked: true });
    if (!waiting) return null;
    const [taken] = await tx
      .update(e)
      .set({ status: 'in_progress', advisorId: auth.user.id, takenAt: now, updatedAt: now })
      .where(eq(e.id, waiting.id))
      .returning();
    await recordSaleEvent(
      tx,
      { accountId: auth.accountId, campaignId, entryId: taken.id },
      'entry.taken',
      auth.user.id,
      {
        from: waiting.status,
        ...(waiting.status === 'in_progress' && waiting.advisorId !== null
          ? { heldBy: String(waiting.advisorId), heldSince: waiting.updatedAt.toISOString() }
          : {}),
      },
    );
    return taken;
  });
}
