// The sales desk's figures (issue 17, DOMAIN.md §3), read from its audit trail: every step is a
// `sale_events` row with who took it and when, so a month's funnel and the procedure's indicator are counts
// of those rows in the range (by the event's time in the account's zone). One scan of the range's events,
// grouped by advisor, team, campaign and month at once (grouped.ts).
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Auth } from '#server/auth/auth.ts';
import type { HubContext } from '#server/context.ts';
import { campaigns, saleEvents, sales } from '#server/db/sales-schema.ts';
import { inRange, type ReportFrame } from './frame.ts';
import { type GroupedRow, grouped } from './grouped.ts';
import { num } from './table.ts';

/** The procedure's parameter: at or above it the month is "accepted", below it "observed". */
export const INDICATOR_THRESHOLD = 98;
export type Verdict = 'accepted' | 'observed';

export const verdictOf = (indicator: number | null): Verdict | null =>
  indicator === null ? null : indicator >= INDICATOR_THRESHOLD ? 'accepted' : 'observed';

/** The funnel's stages, in the order a customer goes through them. */
export const stages = [
  'entries',
  'checked',
  'reached',
  'accepted',
  'documentsComplete',
  'registered',
  'handedOverInTime',
  'installed',
] as const;
export type Stage = (typeof stages)[number];

export type SalesFigures = Record<Stage | 'effectiveCalls', number>;

const counted = [
  'entry.imported',
  'entry.checked',
  'entry.called',
  'sale.opened',
  'sale.documents_complete',
  'sale.registered',
  'sale.approved',
  'sale.installed',
];

/** A call that reached the customer: they answered, whatever they said. */
const effectiveSql = sql`(${saleEvents.type} = 'entry.called' and ${saleEvents.data}->>'outcome' in ('callback', 'declined', 'accepted'))`;

/**
 * Whose figure a step is: a call or a check is the advisor's who made it; a step of a sale (the officer's
 * approval, the installation) counts for the sale's advisor, so an advisor's row follows their own sales
 * to the end. An import belongs to no advisor.
 */
const advisorSql = sql`(case when ${saleEvents.type} = 'entry.imported' then null else coalesce(${sales.advisorId}, ${saleEvents.actorId}) end)`;

function eventsSql(f: ReportFrame): SQL {
  const x = f.filters;
  return sql`(select
      ${saleEvents.type} as type,
      ${saleEvents.entryId} as entry_id,
      ${saleEvents.saleId} as sale_id,
      ${saleEvents.campaignId} as campaign,
      coalesce(${campaigns.teamId}, 0) as team,
      ${advisorSql} as advisor,
      to_char(${saleEvents.createdAt} at time zone ${f.timeZone}, 'YYYY-MM') as month,
      ${effectiveSql} as effective,
      (${saleEvents.type} = 'sale.approved' and ${saleEvents.createdAt} <= ${sales.handoverDueAt}) as in_time
    from ${saleEvents}
    join ${campaigns} on ${campaigns.id} = ${saleEvents.campaignId}
    left join ${sales} on ${sales.id} = ${saleEvents.saleId}
    where ${and(
      eq(saleEvents.accountId, f.accountId),
      inArray(saleEvents.type, counted),
      inRange(f, saleEvents.createdAt),
      x.campaignId !== undefined ? eq(saleEvents.campaignId, x.campaignId) : undefined,
      x.teamId !== undefined ? eq(campaigns.teamId, x.teamId) : undefined,
      x.agentId !== undefined ? sql`${advisorSql} = ${x.agentId}` : undefined,
    )})`;
}

/** One count per stage; a sale registered again after a return is one registered sale. */
const aggregates = sql`
  count(distinct entry_id) filter (where type = 'entry.imported')::int as entries,
  count(distinct entry_id) filter (where type = 'entry.checked')::int as checked,
  count(*) filter (where effective)::int as effective_calls,
  count(distinct entry_id) filter (where effective)::int as reached,
  count(distinct sale_id) filter (where type = 'sale.opened')::int as accepted,
  count(distinct sale_id) filter (where type = 'sale.documents_complete')::int as documents_complete,
  count(distinct sale_id) filter (where type = 'sale.registered')::int as registered,
  count(distinct sale_id) filter (where in_time)::int as handed_over_in_time,
  count(distinct sale_id) filter (where type = 'sale.installed')::int as installed`;

export type SalesGroups = 'advisor' | 'team' | 'campaign' | 'month';

/** The range's figures by each of the sets asked, and over the whole range (set ""). */
export function salesFigures(ctx: HubContext, f: ReportFrame, sets: SalesGroups[][]): Promise<GroupedRow[]> {
  return grouped(ctx.db, eventsSql(f), [...sets, []], aggregates);
}

/** A grouped row's counts by stage (none counted: zeros). */
export function figuresOf(r: GroupedRow | undefined): SalesFigures {
  const n = (k: string) => num(r?.[k]) ?? 0;
  return {
    entries: n('entries'),
    checked: n('checked'),
    effectiveCalls: n('effective_calls'),
    reached: n('reached'),
    accepted: n('accepted'),
    documentsComplete: n('documents_complete'),
    registered: n('registered'),
    handedOverInTime: n('handed_over_in_time'),
    installed: n('installed'),
  };
}

/** The account's campaigns, for the report's campaign filter (every role that reads reports). */
export async function campaignChoices(ctx: HubContext, auth: Auth) {
  const rows = await ctx.db
    .select({ id: campaigns.id, name: campaigns.name })
    .from(campaigns)
    .where(eq(campaigns.accountId, auth.accountId))
    .orderBy(asc(campaigns.name));
  return rows.map((r) => ({ id: String(r.id), name: r.name }));
}
