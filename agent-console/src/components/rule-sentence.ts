// A routing rule read back as a sentence in the user's language ("When the channel is Web chat or E-mail
// and the message mentions “factura”, send to Billing with high priority"): no JSON, no ids. The sentence
// is a list of pieces; the names in it (channels, teams, words) are values the view isolates (<bdi>), so
// a Latin team name inside an Arabic sentence keeps its own direction.

import type { RuleActions, RuleConditions } from '#shared/routing.schema.ts';
import type { RuleCategory } from '#shared/rule-categories.ts';
import type { Key, Lang } from '../i18n.tsx';

export type RuleJson = {
  id: string;
  name: string;
  position: number;
  enabled: boolean;
  conditions: RuleConditions;
  actions: RuleActions;
};

/** Plain text, or a value (a name, a word) shown isolated. */
export type Piece = string | { value: string };

/** What a rule's ids and slugs are called for this user. */
export type RuleNames = {
  t(key: Key, vars?: Record<string, string | number>): string;
  lang: Lang;
  channel(kind: string): string;
  team(id: string): string;
  inbox(id: string): string;
};

const tierKey = { low: 'tierLow', medium: 'tierMedium', high: 'tierHigh', critical: 'tierCritical' } as const;

export const categoryLabel = (t: RuleNames['t'], category: string): string => {
  const key = `ruleCat_${category as RuleCategory}` as const;
  const s = t(key);
  return s === key ? category : s;
};

/** `template` with each {name} replaced by its pieces. */
function fill(template: string, vars: Record<string, Piece[]>): Piece[] {
  return template
    .split(/\{(\w+)\}/)
    .flatMap((part, i) => (i % 2 ? (vars[part] ?? [part]) : part ? [part] : []));
}

/** "A, B or C" / "A y B" in the user's language, each item keeping its own pieces. */
function joined(lang: Lang, items: Piece[][], type: 'conjunction' | 'disjunction'): Piece[] {
  const parts = new Intl.ListFormat(lang, { type }).formatToParts(items.map((_, i) => String(i)));
  return parts.flatMap((p) => (p.type === 'element' ? items[Number(p.value)] : [p.value]));
}

const values = (xs: string[]): Piece[][] => xs.map((value) => [{ value }]);

export function ruleSentence(rule: Pick<RuleJson, 'conditions' | 'actions'>, n: RuleNames): Piece[] {
  const { t, lang } = n;
  const c = rule.conditions;
  const any = (xs: string[]) => joined(lang, values(xs), 'disjunction');
  const conditions: Piece[][] = [];
  if (c.channels?.length)
    conditions.push(fill(t('ruleCondChannel'), { list: any(c.channels.map(n.channel)) }));
  if (c.inboxIds?.length) conditions.push(fill(t('ruleCondInbox'), { list: any(c.inboxIds.map(n.inbox)) }));
  if (c.keywords?.length)
    conditions.push(fill(t('ruleCondKeyword'), { list: any(c.keywords.map((w) => t('ruleQuoted', { w }))) }));
  if (c.categories?.length)
    conditions.push(
      fill(t('ruleCondCategory'), {
        list: any(c.categories.map((x) => categoryLabel(t, x).toLocaleLowerCase(lang))),
      }),
    );
  if (c.languages?.length) conditions.push(fill(t('ruleCondLanguage'), { list: any(c.languages) }));
  for (const [key, value] of Object.entries(c.contactAttributes ?? {}))
    conditions.push(
      fill(t('ruleCondAttribute'), { key: [{ value: key }], value: [{ value: String(value) }] }),
    );
  if (c.time)
    conditions.push(
      fill(t(c.time.inside ? 'ruleCondInsideHours' : 'ruleCondOutsideHours'), {
        team: [{ value: n.team(c.time.teamId) }],
      }),
    );
  if (c.influenceTier)
    conditions.push(
      fill(t('ruleCondTier'), {
        tier: [{ value: t(tierKey[c.influenceTier.atLeast]).toLocaleLowerCase(lang) }],
      }),
    );

  const a = rule.actions;
  const team: Piece[] = a.teamId ? [{ value: n.team(a.teamId) }] : [];
  const priority: Piece[] = a.priority ? [{ value: t(a.priority).toLocaleLowerCase(lang) }] : [];
  const action =
    a.teamId && a.priority
      ? fill(t('ruleActTeamPriority'), { team, priority })
      : a.teamId
        ? fill(t('ruleActTeam'), { team })
        : fill(t('ruleActPriority'), { priority });
  if (!conditions.length) return fill(t('ruleSentenceAlways'), { action });
  return fill(t('ruleSentence'), { conditions: joined(lang, conditions, 'conjunction'), action });
}
