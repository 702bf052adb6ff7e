// Admins add, change and remove routing rules. A rule may name teams (its action's team, its time
// condition's calendar): each must be a team of the same account.
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { HubContext } from '#server/context.ts';
import { type RoutingRule, routingRules, teams } from '#server/db/schema.ts';
import { AppError, notFound } from '#server/errors.ts';
import type { routingRuleBody, routingRulePatch } from '#shared/routing.schema.ts';

export const ruleToJson = (r: RoutingRule) => ({
  id: String(r.id),
  name: r.name,
  position: r.position,
  enabled: r.enabled,
  conditions: r.conditions,
  actions: r.actions,
});

async function checkRuleTeams(ctx: HubContext, accountId: number, body: z.infer<typeof routingRulePatch>) {
  const ids = [body.actions?.teamId, body.conditions?.time?.teamId].filter((v): v is string => Boolean(v));
  for (const id of ids) {
    const [team] = await ctx.db
      .select({ id: teams.id })
      .from(teams)
      .where(and(eq(teams.id, Number(id)), eq(teams.accountId, accountId)));
    if (!team) throw new AppError('bad_request', `team ${id} is not a team of this account`);
  }
}

/** Without a position the rule goes last. */
export async function createRule(ctx: HubContext, accountId: number, body: z.infer<typeof routingRuleBody>) {
  await checkRuleTeams(ctx, accountId, body);
  const existing = await ctx.db.select().from(routingRules).where(eq(routingRules.accountId, accountId));
  const position = body.position ?? existing.reduce((m, r) => Math.max(m, r.position + 1), 0);
  const [row] = await ctx.db
    .insert(routingRules)
    .values({ accountId, ...body, position })
    .returning();
  return ruleToJson(row);
}

export async function updateRule(
  ctx: HubContext,
  accountId: number,
  id: number,
  body: z.infer<typeof routingRulePatch>,
) {
  await checkRuleTeams(ctx, accountId, body);
  const [row] = await ctx.db
    .update(routingRules)
    .set(body)
    .where(and(eq(routingRules.id, id), eq(routingRules.accountId, accountId)))
    .returning();
  if (!row) throw notFound('routing rule');
  return ruleToJson(row);
}

export async function deleteRule(ctx: HubContext, accountId: number, id: number) {
  const [row] = await ctx.db
    .delete(routingRules)
    .where(and(eq(routingRules.id, id), eq(routingRules.accountId, accountId)))
    .returning();
  if (!row) throw notFound('routing rule');
  return ruleToJson(row);
}
