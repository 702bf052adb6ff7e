// Wires the sales desk into the hub: the sales worker (portfolio imports), and the customer's files
// landing in their sale's document slots as their messages are stored.
import type { HubContext } from '#server/context.ts';
import { jobNames } from '#server/queue/queue.ts';
import { collectDocuments } from './collect-documents.ts';
import { failPortfolioImport, runPortfolioImport } from './import-portfolio.job.ts';
import type { ImportJob } from './start-import.ts';

export type SalesJob = ImportJob;

export function installSales(ctx: HubContext): void {
  ctx.events.on('message.received', async (tx, e) => {
    // Only a conversation tied to a sale, or a new one (its customer's sale may wait), can bring
    // documents: the hot path pays nothing for the rest.
    if (typeof e.conversation.meta.saleId !== 'string' && !e.conversationCreated) return;
    await collectDocuments(tx, e.conversation, e.message, e.conversationCreated);
  });
}

export async function startSalesWorkers(ctx: HubContext): Promise<void> {
  const id = await ctx.queue.work<SalesJob>(jobNames.sales, async (job) => {
    try {
      await runPortfolioImport(ctx, job.data.importId);
    } catch (err) {
      if (job.retryCount < job.retryLimit) throw err;
      await failPortfolioImport(ctx, job.data.importId, (err as Error).message);
    }
  });
  ctx.queue.register(jobNames.sales, id);
}
