// The advisor hands an entry back untouched (taken by mistake, end of shift): it waits in the portfolio
// again where it was. A supervisor may release anyone's.
import { eq } from 'drizzle-orm';
import type { Auth } from '#server/auth/auth.ts';
import type { HubContext } from '#server/context.ts';
import { type PortfolioEntry, portfolioEntries } from '#server/db/sales-schema.ts';
import { loadWorkedEntry } from './entry-access.ts';
import { recordSaleEvent } from './sale-events.ts';

export async function releaseEntry(ctx: HubContext, auth: Auth, entryId: number): Promise<PortfolioEntry> {
  return ctx.db.transaction(async (tx) => {
    const { entry } = await loadWorkedEntry(ctx, auth, entryId, tx);
    // A callback taken early goes back to being a callback; anything else back to the portfolio.
    const status =
      entry.callbackAt && entry.outcome === 'callback' ? ('callback' as const) : ('pending' as const);
    const [row] = await tx
      .update(portfolioEntries)
      .set({
        status,
        takenAt: null,
        updatedAt: ctx.clock.now(),
        ...(status === 'pending' ? { advisorId: null } : {}),
      })
      .where(eq(portfolioEntries.id, entry.id))
      .returning();
    await recordSaleEvent(
      tx,
      { accountId: auth.accountId, campaignId: entry.campaignId, entryId: entry.id },
      'entry.released',
      auth.user.id,
      { to: status, heldBy: entry.advisorId === null ? null : String(entry.advisorId) },
    );
    return row;
  });
}
