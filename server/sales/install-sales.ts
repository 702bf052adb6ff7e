// Wires the sales desk into the hub: the sales worker (portfolio imports, the signed sales webhooks), the
// hand-over and callback timers, and the customer's files landing in their sale's document slots as
// messages arrive.
import type { HubContext } from '#server/context.ts';
import { jobNames } from '#server/queue/queue.ts';
import { installCallbackTimers } from './callback-due.ts';
import { collectDocuments } from './collect-documents.ts';
import { installHandoverTimers } from './handover-timers.ts';
import { failPortfolioImport, runPortfolioImport } from './import-portfolio.job.ts';
import { deliverSaleWebhook, giveUpSaleWebhook, type WebhookJob } from './sale-webhook.ts';
import type { ImportJob } from './start-import.ts';

export type SalesJob = ImportJob | WebhookJob;

export function installSales(ctx: HubContext): void {
  ctx.events.on('message.received', async (tx, e) => {
    // Only a conversation tied to a sale, or a new one (its customer's sale may wait), can bring
    // documents: the hot path pays nothing for the rest.
    if (typeof e.conversation.meta.saleId !== 'string' && !e.conversationCreated) return;
    await collectDocuments(tx, e.conversation, e.message, e.conversationCreated);
  });
  installHandoverTimers(ctx);
  installCallbackTimers(ctx);
}

export async function startSalesWorkers(ctx: HubContext): Promise<void> {
  const id = await ctx.queue.work<SalesJob>(jobNames.sales, async (job) => {
    const last = job.retryCount >= job.retryLimit;
    const data = job.data;
    try {
      if (data.kind === 'sale-webhook') await deliverSaleWebhook(ctx, data);
      else await runPortfolioImport(ctx, data.importId);
    } catch (err) {
      if (!last) throw err;
      const reason = (err as Error).message;
      if (data.kind === 'sale-webhook') await giveUpSaleWebhook(ctx, data, reason);
      else await failPortfolioImport(ctx, data.importId, reason);
    }
  });
  ctx.queue.register(jobNames.sales, id);
}
