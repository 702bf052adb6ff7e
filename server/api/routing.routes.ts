// Presence, routing settings (auxiliary reasons, service-level targets, unanswered threshold, default
// capacities), routing rules, the live queues, transfer and claim, and the service-level report.
import { z } from 'zod';
import type { HubContext } from '#server/context.ts';
import { listRules } from '#server/routing/list-rules.ts';
import { loadPresence, setPresence } from '#server/routing/presence.ts';
import { listQueues } from '#server/routing/queues-view.ts';
import { restorePresence } from '#server/routing/restore-presence.ts';
import { createRule, deleteRule, updateRule } from '#server/routing/save-rule.ts';
import { readRoutingSettings } from '#server/routing/settings.ts';
import { claimConversation, transferConversation } from '#server/routing/transfer.ts';
import { updateRoutingSettings } from '#server/routing/update-routing-settings.ts';
import { conversationJson } from '#shared/api.schema.ts';
import {
  presenceBody,
  routingRuleBody,
  routingRulePatch,
  routingSettingsPatch,
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
const presenceJsonSchema = z.object({
  status: z.string(),
  reason: z.string().nullable(),
  since: z.string().nullable(),
});

export function routingRoutes(ctx: HubContext, t: RouteTable): void {
  t.route(
    { method: 'get', path: '/me/presence', tag, summary: 'My presence', response: one(presenceJsonSchema) },
    async ({ auth }) => ({ data: await loadPresence(ctx, auth.user.id) }),
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
      method: 'post',
      path: '/me/presence/restore',
      tag,
      summary:
        'After signing in: back to the presence last chosen (online, away or a break) when now offline; roles that answer no one stay as they are',
      response: one(presenceJsonSchema),
    },
    async ({ auth }) => ({ data: await restorePresence(ctx, auth.accountId, auth.user) }),
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
    async ({ auth }) => ({ data: await readRoutingSettings(ctx, auth.accountId) }),
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
    async ({ auth, body }) => ({ data: await updateRoutingSettings(ctx, auth.accountId, body) }),
  );

  t.route(
    {
      method: 'get',
      path: '/routing/rules',
      tag,
      summary: 'Routing rules in evaluation order',
      roles: readers,
    },
    async ({ auth }) => ({ data: await listRules(ctx, auth.accountId), nextCursor: null }),
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
    async ({ auth, body }) => ({ data: await createRule(ctx, auth.accountId, body) }),
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
    async ({ auth, params, body }) => ({ data: await updateRule(ctx, auth.accountId, params.id, body) }),
  );
  t.route(
    { method: 'delete', path: '/routing/rules/:id', tag, summary: 'Remove a routing rule', roles: admin },
    async ({ auth, params }) => ({ data: await deleteRule(ctx, auth.accountId, params.id) }),
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
}
