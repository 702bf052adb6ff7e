// What a report's filters offer (GET /reports/filters): the account's inboxes, teams, agents, labels, the
// categories its conversations carry and the sales desk's campaigns, for every role that reads reports —
// finance and supervisors included, who may not read the admin lists these come from. An agent is offered
// only themselves.
import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Auth } from '#server/auth/auth.ts';
import type { HubContext } from '#server/context.ts';
import { conversations, inboxes, labels, teams, users } from '#server/db/schema.ts';
import { assigneeRoles } from '#shared/permissions.ts';
import { campaignChoices } from './sales-funnel.ts';

export async function reportFilterChoices(ctx: HubContext, auth: Auth) {
  const account = auth.accountId;
  const own = auth.user.role === 'agent';
  const [boxes, teamRows, agentRows, labelRows, categoryRows, campaignRows] = await Promise.all([
    ctx.db
      .select({ id: inboxes.id, name: inboxes.name, channel: inboxes.channel })
      .from(inboxes)
      .where(eq(inboxes.accountId, account))
      .orderBy(asc(inboxes.name)),
    ctx.db
      .select({ id: teams.id, name: teams.name })
      .from(teams)
      .where(eq(teams.accountId, account))
      .orderBy(asc(teams.name)),
    ctx.db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(
        and(
          eq(users.accountId, account),
          own ? eq(users.id, auth.user.id) : inArray(users.role, [...assigneeRoles]),
        ),
      )
      .orderBy(asc(users.name)),
    ctx.db
      .select({ id: labels.id, name: labels.name, color: labels.color })
      .from(labels)
      .where(eq(labels.accountId, account))
      .orderBy(asc(labels.name)),
    ctx.db
      .selectDistinct({ category: conversations.category })
      .from(conversations)
      .where(and(eq(conversations.accountId, account), isNotNull(conversations.category)))
      .orderBy(sql`1`)
      .limit(200),
    campaignChoices(ctx, auth),
  ]);
  const ids = <T extends { id: number }>(rows: T[]) => rows.map((r) => ({ ...r, id: String(r.id) }));
  return {
    inboxes: ids(boxes),
    teams: ids(teamRows),
    agents: ids(agentRows),
    labels: ids(labelRows),
    categories: categoryRows.map((r) => r.category).filter((c): c is string => c !== null),
    campaigns: campaignRows,
  };
}
