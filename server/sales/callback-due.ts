// A callback the customer asked for ("call me at four") is a durable queue timer scheduled with the call's
// outcome: when it comes due, and the entry is still waiting for that very callback, the hub records it in
// the entry's history and tells the advisor it belongs to — in the console's alerts, on whatever page they
// are — so the promise is kept even when "Next customer" is not pressed. A rescheduled, released or
// already worked callback does nothing when its old timer fires.
import { eq } from 'drizzle-orm';
import type { HubContext, TimerJob } from '#server/context.ts';
import type { Tx } from '#server/db/client.ts';
import { type PortfolioEntry, portfolioEntries } from '#server/db/sales-schema.ts';
import { recordSaleEvent } from './sale-events.ts';

export const CALLBACK_DUE = 'sale.callback.due';

export async function scheduleCallback(ctx: HubContext, tx: Tx, entry: PortfolioEntry): Promise<void> {
  if (!entry.callbackAt) return;
  await ctx.timers.schedule(tx, {
    kind: CALLBACK_DUE,
    dueAt: entry.callbackAt.toISOString(),
    accountId: entry.accountId,
    entryId: entry.id,
  });
}

async function onCallbackDue(ctx: HubContext, job: TimerJob): Promise<void> {
  const due = await ctx.db.transaction(async (tx) => {
    const [entry] = await tx
      .select()
      .from(portfolioEntries)
      .where(eq(portfolioEntries.id, Number(job.entryId)))
      .for('update');
    if (entry?.status !== 'callback' || entry.advisorId === null) return null;
    if (entry.callbackAt?.toISOString() !== job.dueAt) return null;
    await recordSaleEvent(
      tx,
      { accountId: entry.accountId, campaignId: entry.campaignId, entryId: entry.id },
      'entry.callback_due',
      null,
      { callbackAt: job.dueAt },
    );
    return entry;
  });
  if (!due?.advisorId) return;
  ctx.publisher.userNotice(due.advisorId, {
    type: 'sale.callback_due',
    campaignId: String(due.campaignId),
    entryId: String(due.id),
    customerName: due.name,
    dueAt: job.dueAt,
  });
}

export function installCallbackTimers(ctx: HubContext): void {
  ctx.timers.on(CALLBACK_DUE, onCallbackDue);
}
