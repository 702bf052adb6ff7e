// A supervisor uploads a portfolio file (CSV or Excel) into a campaign. The file is read and checked
// here, at once — a file the hub cannot read, or with no name or identifier column, is a 400 before
// anything is stored — and the accepted rows go to the sales worker, which stores them in chunks and
// reports progress (import-portfolio.job.ts). The refused lines are on the import from the start.
import type { Auth } from '#server/auth/auth.ts';
import type { HubContext } from '#server/context.ts';
import { portfolioImports } from '#server/db/sales-schema.ts';
import { AppError } from '#server/errors.ts';
import { jobNames } from '#server/queue/queue.ts';
import type { PortfolioImportJson } from '#shared/sales.schema.ts';
import { loadCampaign } from './campaign-access.ts';
import { parsePortfolio } from './parse-portfolio.ts';
import { importToJson } from './sales-json.ts';

export type ImportJob = { kind: 'portfolio-import'; importId: number };

export async function startImport(
  ctx: HubContext,
  auth: Auth,
  campaignId: number,
  file: { bytes: Buffer; name: string; mime?: string },
): Promise<PortfolioImportJson> {
  const campaign = await loadCampaign(ctx, auth, campaignId);
  if (campaign.status === 'closed') {
    throw new AppError('invalid_state', 'the campaign is closed: reopen it before importing into it');
  }
  const parsed = await parsePortfolio(file, {});
  const row = await ctx.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(portfolioImports)
      .values({
        accountId: auth.accountId,
        campaignId,
        fileName: file.name,
        status: parsed.rows.length ? 'running' : 'done',
        total: parsed.rows.length,
        refused: parsed.refused,
        pending: parsed.rows.length ? parsed.rows : null,
        columns: parsed.columns,
        createdById: auth.user.id,
        finishedAt: parsed.rows.length ? null : ctx.clock.now(),
      })
      .returning();
    if (parsed.rows.length) {
      await ctx.queue.send(
        jobNames.sales,
        { kind: 'portfolio-import', importId: created.id } satisfies ImportJob,
        {
          tx,
        },
      );
    }
    return created;
  });
  ctx.queue.wake(jobNames.sales);
  return importToJson(row);
}
