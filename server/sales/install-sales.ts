// Wires the sales desk into the hub: the sales worker (portfolio imports) and, as the desk grows, its
// timers and the domain events it reacts to (documents arriving in a sale's conversation).
import type { HubContext } from '#server/context.ts';
import { jobNames } from '#server/queue/queue.ts';
import { failPortfolioImport, runPortfolioImport } from './import-portfolio.job.ts';
import type { ImportJob } from './start-import.ts';

export type SalesJob = ImportJob;

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
