// Sales as each role may see them: an advisor their own; supervisors and admins all of the account's; the
// Virtual Channels officer (back_office) the ones handed over to them — registered and after.
import { and, asc, eq, gt, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Auth } from '#server/auth/auth.ts';
import type { HubContext } from '#server/context.ts';
import { portfolioEntries, type Sale, saleEvents, sales } from '#server/db/sales-schema.ts';
import { users } from '#server/db/schema.ts';
import { AppError } from '#server/errors.ts';
import type { SaleEventJson, SaleJson, salesQuery } from '#shared/sales.schema.ts';
import { keepsCampaigns } from './campaign-access.ts';
import { saleEventToJson, saleToJson } from './sales-json.ts';

const handedOver = ['registered', 'returned', 'approved', 'installed'] as const;

function roleRule(auth: Auth): SQL | undefined {
  if (keepsCampaigns(auth)) return undefined;
  if (auth.user.role === 'back_office') return inArray(sales.status, handedOver);
  if (auth.user.role === 'agent') return eq(sales.advisorId, auth.user.id);
  return sql`false`; // other roles have no sales to see
}

/** A page of the sales the caller may see, as rows with their customer's and advisor's names. */
export async function listSaleRows(ctx: HubContext, auth: Auth, q: z.output<typeof salesQuery>) {
  const rows = await ctx.db
    .select({ sale: sales, customerName: portfolioEntries.name, advisorName: users.name })
    .from(sales)
    .innerJoin(portfolioEntries, eq(portfolioEntries.id, sales.entryId))
    .innerJoin(users, eq(users.id, sales.advisorId))
    .where(
      and(
        eq(sales.accountId, auth.accountId),
        roleRule(auth),
        q.status ? eq(sales.status, q.status) : undefined,
        q.campaignId ? eq(sales.campaignId, Number(q.campaignId)) : undefined,
        q.advisorId ? eq(sales.advisorId, Number(q.advisorId)) : undefined,
        q.cursor ? gt(sales.id, Number(q.cursor)) : undefined,
      ),
    )
    .orderBy(asc(sales.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  return { page, nextCursor: rows.length > q.limit ? String(page[page.length - 1].sale.id) : null };
}

export async function listSales(
  ctx: HubContext,
  auth: Auth,
  q: z.output<typeof salesQuery>,
): Promise<{ data: SaleJson[]; nextCursor: string | null }> {
  const { page, nextCursor } = await listSaleRows(ctx, auth, q);
  return { data: page.map((r) => saleToJson(r.sale, r)), nextCursor };
}

export async function loadSale(ctx: HubContext, auth: Auth, id: number): Promise<Sale> {
  const [sale] = await ctx.db
    .select()
    .from(sales)
    .where(and(eq(sales.id, id), eq(sales.accountId, auth.accountId), roleRule(auth)));
  if (!sale) throw new AppError('not_found', `no sale ${id}`);
  return sale;
}

export async function loadSaleDetail(
  ctx: HubContext,
  auth: Auth,
  id: number,
): Promise<{ sale: SaleJson; row: Sale; events: SaleEventJson[] }> {
  const sale = await loadSale(ctx, auth, id);
  const events = await ctx.db
    .select({ event: saleEvents, actorName: users.name })
    .from(saleEvents)
    .leftJoin(users, eq(users.id, saleEvents.actorId))
    .where(or(eq(saleEvents.saleId, id), eq(saleEvents.entryId, sale.entryId)))
    .orderBy(asc(saleEvents.id));
  return {
    sale: await saleJsonOf(ctx, sale),
    row: sale,
    events: events.map((e) => saleEventToJson(e.event, e.actorName)),
  };
}

/** A sale as the API shows it, with its customer's and advisor's names. */
export async function saleJsonOf(ctx: HubContext, sale: Sale): Promise<SaleJson> {
  const [names] = await ctx.db
    .select({ customerName: portfolioEntries.name, advisorName: users.name })
    .from(portfolioEntries)
    .innerJoin(users, eq(users.id, sale.advisorId))
    .where(eq(portfolioEntries.id, sale.entryId));
  return saleToJson(sale, names);
}
