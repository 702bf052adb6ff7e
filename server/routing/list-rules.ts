// The account's routing rules in evaluation order (position, then id: the order rules.ts applies them).
import { asc, eq } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { routingRules } from '#server/db/schema.ts';
import { ruleToJson } from './save-rule.ts';

export async function listRules(ctx: HubContext, accountId: number) {
  const rows = await ctx.db
    .select()
    .from(routingRules)
    .where(eq(routingRules.accountId, accountId))
    .orderBy(asc(routingRules.position), asc(routingRules.id));
  return rows.map(ruleToJson);
}
