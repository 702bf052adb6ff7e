// The follow-ups' words (followups-strings-*.ts, apart from the console's dictionaries like quality's) in
// the console's language, the hub's refusals in words, who may do what, and names of people. Zod-free:
// the JSON shapes are imported as types only.
import { useMemo } from 'react';
import type { CompensationJson, FollowUpJson } from '#shared/followups.schema.ts';
import { ApiError } from '../api.ts';
import { type Lang, useI18n } from '../i18n.tsx';
import { followUpsAr } from './followups-strings-ar.ts';
import { followUpsEn } from './followups-strings-en.ts';
import { followUpsEs } from './followups-strings-es.ts';

export type FollowUp = FollowUpJson;
export type Compensation = CompensationJson;
export type FollowUpEvent = {
  id: string;
  type: string;
  actorId: string | null;
  /** Who, by name (absent from an older hub). */
  actorName?: string | null;
  data: Record<string, unknown>;
  createdAt: string;
};
export type FKey = keyof typeof followUpsEn;
export type F = (key: FKey, vars?: Record<string, string | number>) => string;

/** shared/followups.schema.ts's enums, without bringing zod into the console. */
export const followUpKinds = [
  'complaint',
  'claim',
  'activation',
  'installation',
  'paid_visit',
  'other',
] as const;
export const followUpStatuses = ['open', 'forwarded', 'solved_told', 'closed'] as const;

const dictionaries: Record<Lang, Record<FKey, string>> = {
  en: followUpsEn,
  es: followUpsEs,
  ar: followUpsAr,
};

/** The manager's (the dashboard of all, reassign, estimate, close a compensation). */
export const followUpManagers = (role: string) => ['admin', 'supervisor'].includes(role);
/** Who works follow-ups (GET /follow-ups): the managers, the follow_up role and agents (their own). */
export const followUpWorkers = (role: string) => ['admin', 'supervisor', 'follow_up', 'agent'].includes(role);
/** Who has the Follow-ups page in the header: the managers, follow_up users, and finance (its queue). */
export const followUpDesk = (role: string) => ['admin', 'supervisor', 'follow_up', 'finance'].includes(role);
/** Who may open the page: the desk, and an agent for the follow-ups they own (from an alert). */
export const followUpPage = (role: string) => followUpDesk(role) || role === 'agent';
/** Who reads conversations, so a follow-up links to its conversation. */
export const readsConversations = (role: string) => ['admin', 'supervisor', 'agent', 'qa'].includes(role);

export function followUpText(lang: Lang): F {
  return (key, vars) => {
    let text: string = dictionaries[lang][key] ?? followUpsEn[key];
    if (vars) for (const [k, v] of Object.entries(vars)) text = text.replaceAll(`{${k}}`, String(v));
    return text;
  };
}

export function useFollowUpText(): { f: F; lang: Lang } {
  const { lang } = useI18n();
  const f = useMemo(() => followUpText(lang), [lang]);
  return { f, lang };
}

const known = new Set<string>(Object.keys(followUpsEn));

/** A refusal of the hub (or the network) in the user's words. */
export function refusal(f: F, e: unknown): string {
  const code = e instanceof ApiError ? e.code : 'other';
  const message = (e as Error)?.message ?? String(e);
  const key = `err_${code}`;
  return known.has(key) ? f(key as FKey, { message }) : f('err_other', { message });
}

const locale = (lang: Lang) => (lang === 'es' ? 'es-BO' : lang === 'en' ? 'en-GB' : 'ar');
export const whenOf = (iso: string, lang: Lang) =>
  new Date(iso).toLocaleString(locale(lang), { dateStyle: 'short', timeStyle: 'short' });

/** The value of a datetime-local input as an instant with its offset, or undefined when empty. */
export const instantOf = (local: string) => (local ? new Date(local).toISOString() : undefined);

/** The names the hub sent with follow-ups and their events, over the users list a manager can read. */
export function withSentNames(
  names: Map<string, string>,
  pairs: readonly (readonly [string | null, string | null | undefined])[],
): Map<string, string> {
  const out = new Map(names);
  for (const [id, name] of pairs) if (id && name && !out.has(id)) out.set(id, name);
  return out;
}

/** A name to show for a user id: the list's, "you", else the id. Isolated so RTL text stays in order. */
export function nameOf(f: F, names: Map<string, string>, me: string, id: string | null | undefined): string {
  if (!id) return f('fuNobody');
  if (id === me) return f('fuYou');
  const n = names.get(id);
  return n ? `\u2068${n}\u2069` : f('fuUser', { id });
}
