// Compensations as finance reads them: only what the credit needs (the customer's name, the service
// number when known, the amount, the reason, the team) — nothing of the conversation's content. Finance,
// supervisors and admins list every one of the account; a follow_up user those of their follow-ups. The
// report sums amounts by month (account time zone, of the estimate), reason and team.
import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Auth } from '#server/auth/auth.ts';
import type { HubContext } from '#server/context.ts';
import { type Compensation, compensations, followUps } from '#server/db/followup-schema.ts';
import { contacts, teams } from '#server/db/schema.ts';
import { accountTimeZone } from '#server/quality/sampling-week.ts';
import type { CompensationJson, compensationStatuses } from '#shared/followups.schema.ts';

const sid = (n: number | null) => (n === null ? null : String(n));
const iso = (d: Date | null) => (d ? d.toISOString() : null);

function select(ctx: HubContext) {
  return ctx.db
    .select({
      c: compensations,
      ownerId: followUps.ownerId,
      teamId: followUps.teamId,
      teamName: teams.name,
      customerName: contacts.name,
      serviceNumber: sql<string | null>`${contacts.attributes} ->> 'serviceNumber'`,
    })
    .from(compensations)
    .innerJoin(followUps, eq(followUps.id, compensations.followUpId))
    .leftJoin(teams, eq(teams.id, followUps.teamId))
    .leftJoin(contacts, eq(contacts.id, followUps.contactId));
}
type Row = Awaited<ReturnType<ReturnType<typeof select>['where']>>[number];

function toJson(r: Row): CompensationJson {
  const c = r.c;
  return {
    id: String(c.id),
    followUpId: String(c.followUpId),
    status: c.status,
    amount: c.amount,
    reason: c.reason,
    customerName: r.customerName ?? null,
    serviceNumber: typeof r.serviceNumber === 'string' ? r.serviceNumber : null,
    teamId: sid(r.teamId),
    teamName: r.teamName ?? null,
    creditReference: c.creditReference,
    toldVia: c.toldVia,
    estimatedById: String(c.estimatedById),
    estimatedAt: c.estimatedAt.toISOString(),
    creditedById: sid(c.creditedById),
    creditedAt: iso(c.creditedAt),
    toldById: sid(c.toldById),
    toldAt: iso(c.toldAt),
    closedById: sid(c.closedById),
    closedAt: iso(c.closedAt),
  };
}

export async function compensationToJson(ctx: HubContext, c: Compensation): Promise<CompensationJson> {
  const [r] = await select(ctx).where(eq(compensations.id, c.id));
  return toJson(r);
}

export async function followUpCompensation(
  ctx: HubContext,
  followUpId: number,
): Promise<CompensationJson | null> {
  const [r] = await select(ctx).where(eq(compensations.followUpId, followUpId));
  return r ? toJson(r) : null;
}

export async function listCompensations(
  ctx: HubContext,
  auth: Auth,
  q: { status?: (typeof compensationStatuses)[number] },
): Promise<CompensationJson[]> {
  const where: SQL[] = [eq(compensations.accountId, auth.accountId)];
  if (auth.user.role === 'follow_up') where.push(eq(followUps.ownerId, auth.user.id));
  if (q.status) where.push(eq(compensations.status, q.status));
  const rows = await select(ctx)
    .where(and(...where))
    .orderBy(desc(compensations.id))
    .limit(500);
  return rows.map(toJson);
}

export async function compensationReport(
  ctx: HubContext,
  accountId: number,
  q: { from: string; to: string },
) {
  const tz = await accountTimeZone(ctx, accountId);
  const local = sql`(${compensations.estimatedAt} at time zone ${tz})`;
  const month = sql<string>`to_char(${local}, 'YYYY-MM')`;
  const rows = await ctx.db
    .select({
      month,
      reason: compensations.reason,
      teamId: followUps.teamId,
      teamName: teams.name,
      count: sql<number>`count(*)::int`,
      amount: sql<string>`sum(${compensations.amount})::numeric(14,2)::text`,
    })
    .from(compensations)
    .innerJoin(followUps, eq(followUps.id, compensations.followUpId))
    .leftJoin(teams, eq(teams.id, followUps.teamId))
    .where(
      and(
        eq(compensations.accountId, accountId),
        sql`${local}::date between ${q.from}::date and ${q.to}::date`,
      ),
    )
    // By position: the month's expression carries the zone as a parameter, which GROUP BY would not match.
    .groupBy(sql`1`, sql`2`, sql`3`, sql`4`)
    .orderBy(sql`1`, sql`2`, sql`3`);
  const cents = rows.reduce((s, r) => s + Math.round(Number(r.amount) * 100), 0);
  return {
    from: q.from,
    to: q.to,
    total: (cents / 100).toFixed(2),
    rows: rows.map((r) => ({
      month: r.month,
      reason: r.reason,
      teamId: sid(r.teamId),
      teamName: r.teamName ?? null,
      count: Number(r.count),
      amount: Number(r.amount).toFixed(2),
    })),
  };
}
