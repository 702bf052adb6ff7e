// Mentions per UTC day by tier for the desk's chart: the last `days` days, today included, every day
// present (zeros too) so the chart's axis is continuous.
import { and, eq, gte, sql } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { socialItems } from '#server/db/schema.ts';
import type { MentionStatsJson } from '#shared/mentions.schema.ts';

const dayMs = 86_400_000;

export async function mentionStats(
  ctx: HubContext,
  accountId: number,
  days: number,
): Promise<MentionStatsJson> {
  const today = Math.floor(ctx.clock.now().getTime() / dayMs) * dayMs;
  const from = new Date(today - (days - 1) * dayMs);
  const day = sql<string>`to_char(${socialItems.createdAt} at time zone 'UTC', 'YYYY-MM-DD')`;
  const rows = await ctx.db
    .select({ day, tier: socialItems.tier, n: sql<number>`count(*)::int` })
    .from(socialItems)
    .where(and(eq(socialItems.accountId, accountId), gte(socialItems.createdAt, from)))
    .groupBy(day, socialItems.tier);
  const out = Array.from({ length: days }, (_, i) => ({
    day: new Date(from.getTime() + i * dayMs).toISOString().slice(0, 10),
    low: 0,
    medium: 0,
    high: 0,
    critical: 0,
    unscored: 0,
  }));
  const byDay = new Map(out.map((d) => [d.day, d]));
  for (const r of rows) {
    const d = byDay.get(r.day);
    if (d) d[r.tier ?? 'unscored'] += Number(r.n);
  }
  return { days: out };
}
