// A campaign's imports (newest first) and one import, each with its refused lines, for the supervisor who
// watches the progress bar or reads why a line was refused.
import { and, desc, eq } from 'drizzle-orm';
import type { Auth } from '#server/auth/auth.ts';
import type { HubContext } from '#server/context.ts';
import { portfolioImports } from '#server/db/sales-schema.ts';
import { AppError } from '#server/errors.ts';
import type { PortfolioImportJson } from '#shared/sales.schema.ts';
import { loadCampaign } from './campaign-access.ts';
import { importToJson } from './sales-json.ts';

export async function listImports(
  ctx: HubContext,
  auth: Auth,
  campaignId: number,
): Promise<PortfolioImportJson[]> {
  await loadCampaign(ctx, auth, campaignId);
  const rows = await ctx.db
    .select()
    .from(portfolioImports)
    .where(eq(portfolioImports.campaignId, campaignId))
    .orderBy(desc(portfolioImports.id))
    .limit(100);
  return rows.map(importToJson);
}

export async function loadImport(ctx: HubContext, auth: Auth, id: number): Promise<PortfolioImportJson> {
  const [row] = await ctx.db
    .select()
    .from(portfolioImports)
    .where(and(eq(portfolioImports.id, id), eq(portfolioImports.accountId, auth.accountId)));
  if (!row) throw new AppError('not_found', `no import ${id}`);
  await loadCampaign(ctx, auth, row.campaignId);
  return importToJson(row);
}
