// Presence, routing settings (auxiliary reasons, service-level targets, unanswered threshold, default
// capacities), routing rules, the live queues, transfer and claim, and the service-level report.
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { HubContext } from '#server/context.ts';
import { accounts, routingRules, teams, users } from '#server/db/schema.ts';
import { AppError, notFound } from '#server/errors.ts';
import { presenceJson, setPresence } from '#server/routing/presence.ts';
import { listQueues } from '#server/routing/queues-view.ts';
import { serviceLevel } from '#server/routing/service-level.ts';
import { routingSettingsOf } from '#server/routing/settings.ts';
import { claimConversation, transferConversation } from '#server/routing/transfer.ts';
import { conversationJson } from '#shared/api.schema.ts';
import { channelKindSchema } from '#shared/channels.ts';
import {
  presenceBody,
  routingRuleBody,
  routingRulePatch,
  routingSettingsPatch,
  routingSettingsSchema,
  transferBody,
} from '#shared/routing.schema.ts';
import type { RouteTable } from './route.ts';

const admin = ['admin'] as const;
const readers = ['admin', 'supervisor'] as const;
const tag = 'Routing';
const one = (s: z.ZodType) => z.object({ data: s });

const ruleJson = z.object({
  id: z.string(),
  name: z.string(),
  position: z.number(),
  enabled: z.boolean(),
  conditions: z.record(z.string(), z.unknown()),
  actions: z.record(z.string(), z.unknown()),
});
const ruleToJson = (r: typeof routingRules.$inferSelect) => ({
  id: String(r.id),
  name: r.name,
  position: r.position,
  enabled: r.enabled,
  conditions: r.conditions,
  actions: r.actions,
});
const presenceJsonSchema = z.object({
  status: z.string(),
  reason: z.string().nullable(),
  since: z.string().nullable(),
});

export function routingRoutes(ctx: HubContext, t: RouteTable): void {
  t.route(
    { method: 'get', path: '/me/presence', tag, summary: 'My presence', response: one(presenceJsonSchema) },
    async ({ auth }) => {
      const [u] = await ctx.db.select().from(users).where(eq(users.id, auth.user.id));
      return { data: presenceJson(u) };
    },
  );
  t.route(
    {
      method: 'post',
      path: '/me/presence',
      tag,
      summary: 'Set my presence: online, away, auxiliary (with a reason from the list) or offline',
      body: presenceBody,
      response: one(presenceJsonSchema),
    },
    async ({ auth, body }) => ({ data: await setPresence(ctx, auth.accountId, auth.user.id, body) }),
  );
  t.route(
    {
      method: 'get',
      path: '/presence',
      tag,
      summary: "Every agent's presence and open conversations per channel (the floor view)",
      roles: readers,
    },
    async ({ auth }) => ({ data: (await listQueues(ctx, auth.accountId)).agents, nextCursor: null }),
  );
  t.route(
    {
      method: 'get',
      path: '/routing/queues',
      tag,
      summary: 'The queues: per team, how many wait, the oldest wait, who is online',
      roles: readers,
    },
    async ({ auth }) => ({ data: (await listQueues(ctx, auth.accountId)).teams, nextCursor: null }),
  );

  t.route(
    {
      method: 'get',
      path: '/routing/settings',
      tag,
      // Every agent reads them: the console offers the auxiliary reasons and shows the targets.
      summary: 'Routing settings with their defaults',
    },
    async ({ auth }) => {
      const [a] = await ctx.db.select().from(accounts).where(eq(accounts.id, auth.accountId));
      return { data: routingSettingsOf(a.settings) };
    },
  );
  t.route(
    {
      method: 'patch',
      path: '/routing/settings',
      tag,
      summary:
        'Change routing settings: auxiliaryReasons, sla per channel, unansweredSeconds, presenceGraceSeconds, defaultCapacity, businessHours (the account calendar teams without their own follow; 422 unknown_time_zone, hours_reversed, hours_overlap, invalid_date, duplicate_holiday)',
      roles: admin,
      body: routingSettingsPatch,
    },
    async ({ auth, body }) => {
      const data = await ctx.db.transaction(async (tx) => {
        const [a] = await tx.select().from(accounts).where(eq(accounts.id, auth.accountId)).for('update');
        const current = routingSettingsOf(a.settings);
        const next = routingSettingsSchema.parse({
          ...current,
          ...body,
          sla: body.sla ? { ...current.sla, ...body.sla } : current.sla,
          defaultCapacity: body.defaultCapacity
            ? { ...current.defaultCapacity, ...body.defaultCapacity }
            : current.defaultCapacity,
        });
        await tx
          .update(accounts)
          .set({ settings: { ...a.settings, routing: next } })
          .where(eq(accounts.id, auth.accountId));
        return next;
      });
      return { data };
    },
  );

  t.route(
    {
      method: 'get',
      path: '/routing/rules',
      tag,
      summary: 'Routing rules in evaluation order',
      roles: readers,
    },
    async ({ auth }) => {
      const rows = await ctx.db
        .select()
        .from(routingRules)
        .where(eq(routingRules.accountId, auth.accountId))
        .orderBy(asc(routingRules.position), asc(routingRules.id));
      return { data: rows.map(ruleToJson), nextCursor: null };
    },
  );
  t.route(
    {
      method: 'post',
      path: '/routing/rules',
      tag,
      summary: 'Add a routing rule (conditions → team and/or priority); without a position it goes last',
      roles: admin,
      body: routingRuleBody,
      response: one(ruleJson),
      status: 201,
    },
    async ({ auth, body }) => {
      await checkRuleTeams(ctx, auth.accountId, body);
      const existing = await ctx.db
        .select()
        .from(routingRules)
        .where(eq(routingRules.accountId, auth.accountId));
      const position = body.position ?? existing.reduce((m, r) => Math.max(m, r.position + 1), 0);
      const [row] = await ctx.db
        .insert(routingRules)
        .values({ accountId: auth.accountId, ...body, position })
        .returning();
      return { data: ruleToJson(row) };
    },
  );
  t.route(
    {
      method: 'patch',
      path: '/routing/rules/:id',
      tag,
      summary: 'Change a routing rule',
      roles: admin,
      body: routingRulePatch,
      response: one(ruleJson),
    },
    async ({ auth, params, body }) => {
      await checkRuleTeams(ctx, auth.accountId, body);
      const [row] = await ctx.db
        .update(routingRules)
        .set(body)
        .where(and(eq(routingRules.id, params.id), eq(routingRules.accountId, auth.accountId)))
        .returning();
      if (!row) throw notFound('routing rule');
      return { data: ruleToJson(row) };
    },
  );
  t.route(
    { method: 'delete', path: '/routing/rules/:id', tag, summary: 'Remove a routing rule', roles: admin },
    async ({ auth, params }) => {
      const [row] = await ctx.db
        .delete(routingRules)
        .where(and(eq(routingRules.id, params.id), eq(routingRules.accountId, auth.accountId)))
        .returning();
      if (!row) throw notFound('routing rule');
      return { data: ruleToJson(row) };
    },
  );

  t.route(
    {
      method: 'post',
      path: '/conversations/:id/transfer',
      tag: 'Conversations',
      summary: 'Transfer to an agent or a team, with a private note for whoever takes it',
      body: transferBody,
      response: one(conversationJson),
    },
    async ({ auth, params, body }) => ({ data: await transferConversation(ctx, auth, params.id, body) }),
  );
  t.route(
    {
      method: 'post',
      path: '/conversations/:id/claim',
      tag: 'Conversations',
      summary: 'Take a waiting conversation from the pool (manual teams), within my capacity',
      response: one(conversationJson),
    },
    async ({ auth, params }) => ({ data: await claimConversation(ctx, auth, params.id) }),
  );

  t.route(
    {
      method: 'get',
      path: '/reports/service-level',
      tag: 'Reports',
      summary: 'Contacts answered within the first-response target (e.g. % within 20 s), per channel',
      roles: readers,
      query: z.object({
        from: z.iso.datetime({ offset: true }),
        to: z.iso.datetime({ offset: true }),
        channel: channelKindSchema.optional(),
        targetSeconds: z.coerce.number().int().min(1).max(86_400).optional(),
      }),
    },
    async ({ auth, query }) => {
      if (Date.parse(query.from) >= Date.parse(query.to)) {
        throw new AppError('validation_failed', 'from must be before to');
      }
      return { data: await serviceLevel(ctx, auth.accountId, query) };
    },
  );
}

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
