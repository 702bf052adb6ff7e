// A campaign's portfolio, page by page (newest id last, keyset on id): supervisors see every entry, an
// advisor the ones they hold or worked. Each entry carries the id of its sale when the call opened one.
import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { Auth } from '#server/auth/auth.ts';
import type { HubContext } from '#server/context.ts';
import { type PortfolioEntry, portfolioEntries, saleEvents, sales } from '#server/db/sales-schema.ts';
import { users } from '#server/db/schema.ts';
import type { EntryJson, entriesQuery, SaleEventJson } from '#shared/sales.schema.ts';
import { keepsCampaigns, loadCampaign } from './campaign-access.ts';
import { loadEntry } from './entry-access.ts';
import { entryToJson, saleEventToJson } from './sales-json.ts';

async function withSales(ctx: HubContext, rows: PortfolioEntry[]): Promise<EntryJson[]> {
  const accepted = rows.filter((r) => r.status === 'accepted').map((r) => r.id);
  const saleOf = new Map<number, number>();
  if (accepted.length) {
    for (const s of await ctx.db
      .select({ id: sales.id, entryId: sales.entryId })
      .from(sales)
      .where(inArray(sales.entryId, accepted))) {
      saleOf.set(s.entryId, s.id);
    }
  }
  return rows.map((r) => entryToJson(r, saleOf.get(r.id) ?? null));
}

export async function listEntries(
  ctx: HubContext,
  auth: Auth,
  campaignId: number,
  q: z.output<typeof entriesQuery>,
): Promise<{ data: EntryJson[]; nextCursor: string | null }> {
  await loadCampaign(ctx, auth, campaignId);
  const e = portfolioEntries;
  const advisor = keepsCampaigns(auth) ? (q.advisorId ? Number(q.advisorId) : undefined) : auth.user.id;
  const rows = await ctx.db
    .select()
    .from(e)
    .where(
      and(
        eq(e.campaignId, campaignId),
        q.status ? eq(e.status, q.status) : undefined,
        advisor !== undefined ? eq(e.advisorId, advisor) : undefined,
        q.cursor ? gt(e.id, Number(q.cursor)) : undefined,
      ),
    )
    .orderBy(asc(e.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  return {
    data: await withSales(ctx, page),
    nextCursor: rows.length > q.limit ? String(page[page.length - 1].id) : null,
  };
}

export async function loadEntryDetail(
  ctx: HubContext,
  auth: Auth,
  id: number,
): Promise<{ entry: EntryJson; events: SaleEventJson[] }> {
  const { entry } = await loadEntry(ctx, auth, id);
  const [json] = await withSales(ctx, [entry]);
  const events = await ctx.db
    .select({ event: saleEvents, actorName: users.name })
    .from(saleEvents)
    .leftJoin(users, eq(users.id, saleEvents.actorId))
    .where(eq(saleEvents.entryId, id))
    .orderBy(asc(saleEvents.id));
  return { entry: json, events: events.map((e) => saleEventToJson(e.event, e.actorName)) };
}
