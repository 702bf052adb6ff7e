// The campaigns the caller may see, newest first, each with its entries counted by status.
import { and, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Auth } from '#server/auth/auth.ts';
import type { HubContext } from '#server/context.ts';
import { type Campaign, campaigns, portfolioEntries } from '#server/db/sales-schema.ts';
import type { CampaignJson } from '#shared/sales.schema.ts';
import { campaignReaders } from './campaign-access.ts';
import { campaignToJson } from './sales-json.ts';

export async function entryCounts(
  ctx: HubContext,
  ids: number[],
): Promise<Map<number, CampaignJson['entries']>> {
  const out = new Map<number, CampaignJson['entries']>();
  if (!ids.length) return out;
  const rows = await ctx.db
    .select({
      campaignId: portfolioEntries.campaignId,
      status: portfolioEntries.status,
      n: sql<number>`count(*)::int`,
    })
    .from(portfolioEntries)
    .where(inArray(portfolioEntries.campaignId, ids))
    .groupBy(portfolioEntries.campaignId, portfolioEntries.status);
  for (const r of rows) {
    const counts = out.get(r.campaignId) ?? {};
    counts[r.status] = Number(r.n);
    out.set(r.campaignId, counts);
  }
  return out;
}

export async function listCampaigns(ctx: HubContext, auth: Auth): Promise<CampaignJson[]> {
  if (!(campaignReaders as readonly string[]).includes(auth.user.role)) return [];
  const teamRule =
    auth.user.role === 'agent'
      ? or(
          isNull(campaigns.teamId),
          auth.teamIds.length ? inArray(campaigns.teamId, auth.teamIds) : sql`false`,
        )
      : undefined;
  const rows: Campaign[] = await ctx.db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.accountId, auth.accountId), teamRule))
    .orderBy(desc(campaigns.id));
  const counts = await entryCounts(
    ctx,
    rows.map((r) => r.id),
  );
  return rows.map((r) => campaignToJson(r, counts.get(r.id)));
}
