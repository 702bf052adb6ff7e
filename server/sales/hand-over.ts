// Step 11.1: the Virtual Channels officer checks each registered sale's file and approves it — in time or
// not, against the 24 hours from registration — or returns it to the advisor with the reasons (the
// advisor fixes it and registers again, with a new deadline). Each step is recorded with who and when.
import { eq } from 'drizzle-orm';
import type { Auth } from '#server/auth/auth.ts';
import type { HubContext } from '#server/context.ts';
import type { Tx } from '#server/db/client.ts';
import { type Sale, sales } from '#server/db/sales-schema.ts';
import { AppError } from '#server/errors.ts';
import { loadSale } from './list-sales.ts';
import { recordSaleEvent } from './sale-events.ts';

export const officerRoles = ['admin', 'supervisor', 'back_office'] as const;

/** Runs `step` on the locked sale when its status is `from`, then tells its people. */
export async function saleStep(
  ctx: HubContext,
  auth: Auth,
  saleId: number,
  from: Sale['status'],
  step: (tx: Tx, sale: Sale, now: Date) => Promise<Sale>,
): Promise<Sale> {
  await loadSale(ctx, auth, saleId);
  const done = await ctx.db.transaction(async (tx) => {
    const [sale] = await tx.select().from(sales).where(eq(sales.id, saleId)).for('update');
    if (sale.status !== from) {
      throw new AppError('invalid_state', `the sale is ${sale.status}, not ${from}`, {
        details: { status: sale.status },
      });
    }
    return step(tx, sale, ctx.clock.now());
  });
  ctx.publisher.saleEvent(done.accountId, done.advisorId, {
    type: done.status === 'returned' ? 'returned' : 'updated',
    saleId: String(done.id),
    status: done.status,
    handoverDueAt: done.handoverDueAt?.toISOString() ?? null,
  });
  return done;
}

const at = (s: Sale) => ({
  accountId: s.accountId,
  campaignId: s.campaignId,
  entryId: s.entryId,
  saleId: s.id,
});

export function approveSale(ctx: HubContext, auth: Auth, saleId: number, note?: string): Promise<Sale> {
  return saleStep(ctx, auth, saleId, 'registered', async (tx, sale, now) => {
    const [row] = await tx
      .update(sales)
      .set({ status: 'approved', approvedAt: now, updatedAt: now })
      .where(eq(sales.id, sale.id))
      .returning();
    const inTime = sale.handoverDueAt !== null && now <= sale.handoverDueAt;
    await recordSaleEvent(tx, at(sale), 'sale.approved', auth.user.id, { inTime, ...(note ? { note } : {}) });
    return row;
  });
}

export function returnSale(ctx: HubContext, auth: Auth, saleId: number, reasons: string[]): Promise<Sale> {
  return saleStep(ctx, auth, saleId, 'registered', async (tx, sale, now) => {
    const [row] = await tx
      .update(sales)
      .set({ status: 'returned', updatedAt: now })
      .where(eq(sales.id, sale.id))
      .returning();
    await recordSaleEvent(tx, at(sale), 'sale.returned', auth.user.id, { reasons });
    return row;
  });
}
