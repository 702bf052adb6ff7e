// Steps 2 and 3 of the procedure: the advisor records what the CRM says about impediments and whether
// the network has capacity on the requested technology (copper or fibre). A failed check closes the entry
// as skipped, with that reason, and the advisor moves to the next customer.
import { eq } from 'drizzle-orm';
import type { Auth } from '#server/auth/auth.ts';
import type { HubContext } from '#server/context.ts';
import { type PortfolioEntry, portfolioEntries } from '#server/db/sales-schema.ts';
import type { EntryChecksBody } from '#shared/sales.schema.ts';
import { loadWorkedEntry } from './entry-access.ts';
import { recordSaleEvent } from './sale-events.ts';

export async function recordChecks(
  ctx: HubContext,
  auth: Auth,
  entryId: number,
  body: EntryChecksBody,
): Promise<PortfolioEntry> {
  return ctx.db.transaction(async (tx) => {
    const { entry } = await loadWorkedEntry(ctx, auth, entryId, tx);
    const now = ctx.clock.now();
    const failed = body.impediment !== null || !body.capacity;
    const reason = body.impediment ?? (body.capacity ? null : `no technical capacity on ${body.technology}`);
    const [row] = await tx
      .update(portfolioEntries)
      .set({
        impediment: body.impediment,
        technology: body.technology,
        capacityOk: body.capacity ? 'yes' : 'no',
        updatedAt: now,
        ...(failed ? { status: 'skipped' as const, outcomeReason: reason, closedAt: now } : {}),
      })
      .where(eq(portfolioEntries.id, entry.id))
      .returning();
    await recordSaleEvent(
      tx,
      { accountId: auth.accountId, campaignId: entry.campaignId, entryId: entry.id },
      failed ? 'entry.skipped' : 'entry.checked',
      auth.user.id,
      { impediment: body.impediment, technology: body.technology, capacity: body.capacity },
    );
    return row;
  });
}
