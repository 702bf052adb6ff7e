// The 24 hours from registration to hand-over (step 10.1) are a service-level timer like the others: a
// warning when four hours are left, and the breach when they run out, both durable queue timers scheduled
// in the registering transaction. A timer whose sale was approved meanwhile — or registered again after a
// return, with a new deadline — does nothing. Each one fired is an event and an alert on the socket.
import { eq } from 'drizzle-orm';
import type { HubContext, TimerJob } from '#server/context.ts';
import type { Tx } from '#server/db/client.ts';
import { type Sale, sales } from '#server/db/sales-schema.ts';
import { recordSaleEvent } from './sale-events.ts';

export const HANDOVER_WARNING = 'sale.handover.warning';
export const HANDOVER_BREACH = 'sale.handover.breach';
const WARNING_BEFORE_MS = 4 * 3600_000;

export async function scheduleHandover(ctx: HubContext, tx: Tx, sale: Sale): Promise<void> {
  if (!sale.handoverDueAt) return;
  const due = sale.handoverDueAt.getTime();
  const base = { accountId: sale.accountId, saleId: sale.id, deadline: sale.handoverDueAt.toISOString() };
  await ctx.timers.schedule(tx, {
    kind: HANDOVER_WARNING,
    dueAt: new Date(due - WARNING_BEFORE_MS).toISOString(),
    ...base,
  });
  await ctx.timers.schedule(tx, { kind: HANDOVER_BREACH, dueAt: sale.handoverDueAt.toISOString(), ...base });
}

export async function onHandoverTimer(ctx: HubContext, job: TimerJob): Promise<void> {
  const breach = job.kind === HANDOVER_BREACH;
  const fired = await ctx.db.transaction(async (tx) => {
    const [sale] = await tx
      .select()
      .from(sales)
      .where(eq(sales.id, Number(job.saleId)))
      .for('update');
    if (sale?.status !== 'registered' || sale.handoverDueAt?.toISOString() !== job.deadline) return null;
    await recordSaleEvent(
      tx,
      { accountId: sale.accountId, campaignId: sale.campaignId, entryId: sale.entryId, saleId: sale.id },
      breach ? 'sale.handover_breached' : 'sale.handover_warning',
      null,
      { deadline: job.deadline },
    );
    return sale;
  });
  if (!fired) return;
  ctx.publisher.saleEvent(fired.accountId, fired.advisorId, {
    type: breach ? 'handover_breached' : 'handover_warning',
    saleId: String(fired.id),
    status: fired.status,
    handoverDueAt: job.deadline as string,
  });
}

export function installHandoverTimers(ctx: HubContext): void {
  ctx.timers.on(HANDOVER_WARNING, onHandoverTimer);
  ctx.timers.on(HANDOVER_BREACH, onHandoverTimer);
}
