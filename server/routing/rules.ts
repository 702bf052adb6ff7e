// Routing rules, in position order: the first enabled rule whose every condition holds sets the team
// and/or priority of a new conversation. Evaluated inside the ingest transaction, from the first message.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '#server/db/client.ts';
import { type Contact, type RoutingRule, routingRules, teams } from '#server/db/schema.ts';
import { classifyRequest } from '#server/protocol/classify-request.ts';
import { loadInfluenceSettings } from '#server/social/influence-settings.ts';
import type { ChannelKind } from '#shared/channels.ts';
import type { InfluenceTier, SocialMetrics } from '#shared/influence.schema.ts';
import { scoreInfluence, tierAtLeast } from '#shared/influence.ts';
import {
  type BusinessHours,
  type RuleActions,
  type RuleConditions,
  ruleActionsSchema,
  ruleConditionsSchema,
} from '#shared/routing.schema.ts';
import { isOpen } from './business-hours.ts';
import { loadRoutingSettings } from './settings.ts';
import { hoursOfTeam } from './team-hours.ts';

export type RuleInput = {
  channel: ChannelKind;
  inboxId: number;
  text: string | null;
  category: string | null;
  language: string | null;
  contact: Pick<Contact, 'attributes'>;
  at: Date;
  /** The social item's metrics (server/social/influence-of.ts), for the influenceTier condition. */
  social?: SocialMetrics | null;
};

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** The request's topic from its words, for rules on category (billing, technical, sales, complaint). */
const topics: Record<string, string[]> = {
  billing: [
    'factura',
    'cobro',
    'cobrado',
    'pago',
    'invoice',
    'bill',
    'billing',
    'charge',
    'recarga',
    'top up',
    'top-up',
    'saldo',
    'فاتورة',
  ],
  technical: [
    'no funciona',
    'sin señal',
    'sin internet',
    'lento',
    'caido',
    'not working',
    'no signal',
    'slow',
    'outage',
    'router',
    'modem',
    'عطل',
  ],
  sales: [
    'contratar',
    'quiero el plan',
    'precio',
    'promocion',
    'buy',
    'price',
    'plan',
    'upgrade',
    'fibra',
    'instalacion',
  ],
  complaint: ['queja', 'reclamo', 'complaint', 'pesimo', 'terrible', 'شكوى'],
};

export function categoriesOf(text: string | null, category: string | null): string[] {
  const found = new Set<string>();
  if (category) found.add(category);
  if (!text) return [...found];
  const t = fold(text);
  for (const [topic, words] of Object.entries(topics))
    if (words.some((w) => t.includes(fold(w)))) found.add(topic);
  found.add(classifyRequest(null, text));
  return [...found];
}

export function ruleMatches(
  c: RuleConditions,
  input: RuleInput,
  /** The calendar of a team named by a time condition (its own, else the account's). */
  hoursOf: (teamId: number) => BusinessHours | null,
  /** The item's tier under the account's thresholds; null when it carries no metrics. */
  influenceTier: InfluenceTier | null = null,
): boolean {
  if (c.channels?.length && !c.channels.includes(input.channel)) return false;
  if (c.inboxIds?.length && !c.inboxIds.includes(String(input.inboxId))) return false;
  if (c.keywords?.length) {
    const t = fold(input.text ?? '');
    if (!c.keywords.some((k) => t.includes(fold(k)))) return false;
  }
  if (c.categories?.length) {
    const have = categoriesOf(input.text, input.category);
    if (!c.categories.some((k) => have.includes(k))) return false;
  }
  if (c.languages?.length) {
    const l = input.language?.slice(0, 2).toLowerCase();
    if (!l || !c.languages.some((x) => x.slice(0, 2).toLowerCase() === l)) return false;
  }
  if (c.contactAttributes) {
    for (const [k, v] of Object.entries(c.contactAttributes)) {
      if (String(input.contact.attributes[k] ?? '') !== String(v)) return false;
    }
  }
  if (c.time) {
    if (isOpen(hoursOf(Number(c.time.teamId)), input.at) !== c.time.inside) return false;
  }
  if (c.influenceTier) {
    if (!influenceTier || !tierAtLeast(influenceTier, c.influenceTier.atLeast)) return false;
  }
  return true;
}

export async function evaluateRules(
  tx: Tx,
  accountId: number,
  input: RuleInput,
): Promise<(RuleActions & { ruleId: number }) | null> {
  const rules: RoutingRule[] = await tx
    .select()
    .from(routingRules)
    .where(and(eq(routingRules.accountId, accountId), eq(routingRules.enabled, true)))
    .orderBy(asc(routingRules.position), asc(routingRules.id));
  if (!rules.length) return null;
  const timeTeams = rules.flatMap((r) => {
    const t = (r.conditions as RuleConditions).time;
    return t ? [Number(t.teamId)] : [];
  });
  const teamRows = timeTeams.length
    ? await tx
        .select()
        .from(teams)
        .where(and(eq(teams.accountId, accountId), inArray(teams.id, timeTeams)))
    : [];
  const byId = new Map(teamRows.map((t) => [t.id, t]));
  const routing = timeTeams.length ? await loadRoutingSettings(tx, accountId) : { businessHours: null };
  // The tier needs the account's thresholds: read only when a rule asks for it and the item is measured.
  const asksInfluence = rules.some((r) => (r.conditions as RuleConditions).influenceTier);
  const influenceTier =
    asksInfluence && input.social
      ? scoreInfluence(input.social, await loadInfluenceSettings(tx, accountId)).tier
      : null;
  for (const rule of rules) {
    const conditions = ruleConditionsSchema.safeParse(rule.conditions);
    const actions = ruleActionsSchema.safeParse(rule.actions);
    if (!conditions.success || !actions.success) continue;
    if (ruleMatches(conditions.data, input, (id) => hoursOfTeam(byId.get(id), routing), influenceTier))
      return { ...actions.data, ruleId: rule.id };
  }
  return null;
}
