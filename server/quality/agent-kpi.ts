// The monthly KPI per agent (QP-14: "a system that measures each employee's productivity by quality
// criteria set by the management, on which the monthly rewards and penalties are computed"), from three
// figures of the month in the account's time zone:
// - evaluations: the average score of the agent's evaluations submitted in the month that stand (submitted,
//   acknowledged or settled — a disputed one waits for its settlement);
// - satisfaction: the average survey rating (1–5) of the month's ratings of the agent, as 0–100
//   ((average − 1) / 4 × 100);
// - first response: the share (0–100) of the agent's first replies of the month that came by the target
//   (conversations.firstResponseMet, as the service-level report counts them).
// KPI = Σ weightₚ · figureₚ / Σ weightₚ over the figures the agent has (a missing one gives its weight to
// the others), one decimal. Ranked best first; equal KPIs share a rank; agents with no figure come last.
import { and, eq, gte, inArray, isNotNull, lt, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { HubContext } from '#server/context.ts';
import { evaluations } from '#server/db/quality-schema.ts';
import { conversationRatings, conversations, users } from '#server/db/schema.ts';
import type { kpiJson } from '#shared/quality.schema.ts';
import { monthRange } from './list-evaluations.ts';
import { loadQualitySettings } from './quality-settings.ts';
import { accountTimeZone } from './sampling-week.ts';

type KpiJson = z.infer<typeof kpiJson>;
const round1 = (n: number) => Math.round(n * 10) / 10;

export async function agentKpi(ctx: HubContext, accountId: number, month: string): Promise<KpiJson> {
  const timeZone = await accountTimeZone(ctx, accountId);
  const { startsAt, endsAt } = monthRange(month, timeZone);
  const { kpiWeights: w } = await loadQualitySettings(ctx.db, accountId);
  const [evals, ratings, firsts] = await Promise.all([
    ctx.db
      .select({
        agentId: evaluations.agentId,
        n: sql<number>`count(*)::int`,
        avg: sql<number>`avg(${evaluations.score})::float8`,
      })
      .from(evaluations)
      .where(
        and(
          eq(evaluations.accountId, accountId),
          inArray(evaluations.status, ['submitted', 'acknowledged', 'settled']),
          gte(evaluations.submittedAt, startsAt),
          lt(evaluations.submittedAt, endsAt),
        ),
      )
      .groupBy(evaluations.agentId),
    ctx.db
      .select({
        agentId: conversationRatings.agentId,
        n: sql<number>`count(*)::int`,
        avg: sql<number>`avg(${conversationRatings.rating})::float8`,
      })
      .from(conversationRatings)
      .where(
        and(
          eq(conversationRatings.accountId, accountId),
          isNotNull(conversationRatings.agentId),
          gte(conversationRatings.createdAt, startsAt),
          lt(conversationRatings.createdAt, endsAt),
        ),
      )
      .groupBy(conversationRatings.agentId),
    ctx.db
      .select({
        agentId: conversations.firstResponderId,
        n: sql<number>`count(*)::int`,
        met: sql<number>`count(*) filter (where ${conversations.firstResponseMet})::int`,
      })
      .from(conversations)
      .where(
        and(
          eq(conversations.accountId, accountId),
          isNotNull(conversations.firstResponderId),
          isNotNull(conversations.firstResponseMet),
          gte(conversations.firstAgentReplyAt, startsAt),
          lt(conversations.firstAgentReplyAt, endsAt),
        ),
      )
      .groupBy(conversations.firstResponderId),
  ]);
  const byAgent = <T extends { agentId: number | null }>(rows: T[]) =>
    new Map(rows.map((r) => [Number(r.agentId), r]));
  const [e, r, f] = [byAgent(evals), byAgent(ratings), byAgent(firsts)];
  const ids = [...new Set([...e.keys(), ...r.keys(), ...f.keys()])];
  const people = await ctx.db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(
      and(
        eq(users.accountId, accountId),
        or(
          and(eq(users.role, 'agent'), eq(users.disabled, false)),
          ids.length ? inArray(users.id, ids) : undefined,
        ),
      ),
    );
  const rows = people.map((p) => {
    const ev = e.get(p.id);
    const ra = r.get(p.id);
    const fr = f.get(p.id);
    const evaluationScore = ev ? round1(Number(ev.avg)) : null;
    const ratingAverage = ra ? Math.round(Number(ra.avg) * 100) / 100 : null;
    const satisfactionScore = ra ? round1(((Number(ra.avg) - 1) / 4) * 100) : null;
    const firstResponseScore = fr && fr.n > 0 ? round1((100 * fr.met) / fr.n) : null;
    const parts: [number, number | null][] = [
      [w.evaluations, ev ? Number(ev.avg) : null],
      [w.satisfaction, ra ? ((Number(ra.avg) - 1) / 4) * 100 : null],
      [w.firstResponse, fr && fr.n > 0 ? (100 * fr.met) / fr.n : null],
    ];
    const present = parts.filter(([weight, v]) => v !== null && weight > 0) as [number, number][];
    const total = present.reduce((s, [weight]) => s + weight, 0);
    const kpi = total > 0 ? round1(present.reduce((s, [weight, v]) => s + weight * v, 0) / total) : null;
    return {
      rank: 0,
      agentId: String(p.id),
      agentName: p.name,
      evaluations: ev?.n ?? 0,
      evaluationScore,
      ratings: ra?.n ?? 0,
      ratingAverage,
      satisfactionScore,
      firstResponses: fr?.n ?? 0,
      firstResponseScore,
      kpi,
    };
  });
  rows.sort((a, b) => (b.kpi ?? -1) - (a.kpi ?? -1) || a.agentName.localeCompare(b.agentName));
  rows.forEach((row, i) => {
    const prev = rows[i - 1];
    row.rank = prev && prev.kpi === row.kpi ? prev.rank : i + 1;
  });
  return { month, timeZone, weights: w, agents: rows };
}

/** The KPI month by month, with each month's ranking; one agent's rows only when `agentId` is given. */
export async function agentKpiHistory(
  ctx: HubContext,
  accountId: number,
  months: string[],
  agentId?: number,
): Promise<KpiJson[]> {
  const out: KpiJson[] = [];
  for (const month of months) {
    const k = await agentKpi(ctx, accountId, month);
    out.push(
      agentId === undefined ? k : { ...k, agents: k.agents.filter((a) => a.agentId === String(agentId)) },
    );
  }
  return out;
}
