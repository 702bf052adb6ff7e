// What the Mentions desk computes on the console side: the order the hub ranks in (so a live arrival lands
// where a reload would put it), whether an item belongs to the filters shown, and the words and numbers
// of tiers, statuses and counts in the user's language. No JSX: pure helpers beside the components.
import type { InfluenceTier } from '#shared/influence.schema.ts';
import type { MentionAction, MentionJson, MentionStatus } from '#shared/mentions.schema.ts';
import type { Key } from '../i18n.tsx';

export type Mention = MentionJson;
/** What the item's channel can do (GET /channels), and its name as the console shows it. */
export type MentionCaps = { network: string; hideDelete: boolean; like: boolean };
export type MentionSort = 'influence' | 'newest';
export type MentionFilters = {
  sort: MentionSort;
  tier: InfluenceTier | '';
  status: MentionStatus | '';
  /** Hidden and removed items too. */
  all: boolean;
};

export const tiers: readonly InfluenceTier[] = ['low', 'medium', 'high', 'critical'];
export const statuses: readonly MentionStatus[] = ['new', 'in_care', 'answered', 'handled'];

export const tierKey: Record<InfluenceTier | 'unscored', Key> = {
  low: 'tierLow',
  medium: 'tierMedium',
  high: 'tierHigh',
  critical: 'tierCritical',
  unscored: 'tierUnscored',
};
export const statusKey: Record<MentionStatus, Key> = {
  new: 'mentionStatusNew',
  in_care: 'mentionStatusInCare',
  answered: 'mentionStatusAnswered',
  handled: 'mentionStatusHandled',
};
export const pendingKey: Record<MentionAction, Key> = {
  hide: 'mentionPendingHide',
  unhide: 'mentionPendingUnhide',
  delete: 'mentionPendingDelete',
  like: 'mentionPendingLike',
};
/** The parts shared/influence.ts scores; a part the hub adds later shows under its own key. */
export const partKey: Record<string, Key> = {
  reach: 'mentionPartReach',
  verified: 'mentionPartVerified',
  listed: 'mentionPartListed',
  engagement: 'mentionPartEngagement',
  velocity: 'mentionPartVelocity',
};
export const kindKey: Record<string, Key> = {
  comment: 'mentionKindComment',
  post: 'mentionKindPost',
  mention: 'mentionKindMention',
};

/** The query string of GET /mentions for these filters. */
export function listQuery(f: MentionFilters, cursor: string | null): string {
  const q = new URLSearchParams({ sort: f.sort, limit: '30' });
  if (f.tier) q.set('tier', f.tier);
  if (f.status) q.set('status', f.status);
  if (f.all) q.set('include', 'all');
  if (cursor) q.set('cursor', cursor);
  return q.toString();
}

const newerFirst = (a: Mention, b: Mention) =>
  b.createdAt.localeCompare(a.createdAt) || Number(b.id) - Number(a.id);

/** The hub's order: by score (unscored last), then newest; or newest. */
export function compareMentions(sort: MentionSort) {
  return (a: Mention, b: Mention) =>
    sort === 'influence'
      ? (b.influence?.score ?? -1) - (a.influence?.score ?? -1) || newerFirst(a, b)
      : newerFirst(a, b);
}

/** Whether the hub would list the item under these filters. */
export function matchesFilters(m: Mention, f: MentionFilters): boolean {
  if (f.tier && m.influence?.tier !== f.tier) return false;
  if (f.status && m.status !== f.status) return false;
  return f.all || !(m.hidden || m.removed);
}

/**
 * The list with `m` put in: replaced where it is (kept even when it no longer matches, so the outcome of
 * an action stays in view until the next reload), added when new and matching, and the order kept.
 */
export function placeMention(list: Mention[], m: Mention, f: MentionFilters): Mention[] {
  const at = list.findIndex((x) => x.id === m.id);
  if (at < 0 && !matchesFilters(m, f)) return list;
  // Heard out of order (an action's answer after the socket told its outcome): the older state loses.
  if (at >= 0 && list[at].version > m.version) return list;
  const next = at < 0 ? [...list, m] : list.map((x) => (x.id === m.id ? m : x));
  return next.sort(compareMentions(f.sort));
}

/** A next page appended, leaving out what live events already put in. */
export function appendMentions(list: Mention[], page: Mention[]): Mention[] {
  const seen = new Set(list.map((m) => m.id));
  return [...list, ...page.filter((m) => !seen.has(m.id))];
}

/** 1234 → "1.2K" (or the language's own compact form). */
export function compact(n: number, lang: string): string {
  return new Intl.NumberFormat(lang, { notation: 'compact', maximumFractionDigits: 1 }).format(n);
}

/** "3 minutes ago", "yesterday"… in the user's language. */
export function ago(iso: string, lang: string, now = Date.now()): string {
  const s = (Date.parse(iso) - now) / 1000;
  const rtf = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  const steps: [Intl.RelativeTimeFormatUnit, number][] = [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  for (const [unit, size] of steps) if (Math.abs(s) >= size) return rtf.format(Math.round(s / size), unit);
  return rtf.format(Math.round(s), 'second');
}
