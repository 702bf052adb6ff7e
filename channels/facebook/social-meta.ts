// What the hub keeps of a Facebook item in `meta.social`, in the shape the influence score reads
// (socialMetricsSchema of shared/influence.schema.ts: visibility, author, item) beside the Page's own keys
// (post, parent, permalink). Graph gives no person's follower count, so a person's reach is `null` (the
// network does not say), never a guessed 0; a Page that mentions ours has its followers read. An item's
// exposure is read from Graph when it arrives (lookupItem) and again on the hub's schedule (measure-items.ts):
// a comment's likes and replies; a post's reactions, comments and shares.
import type { SocialMeasurement, SocialMetrics } from '#shared/influence.schema.ts';
import { ChannelError } from '../errors.ts';
import type { FacebookGraph } from './graph-client.ts';

/** The Graph object behind a public item: its fields differ, so each is asked for its own. */
export type GraphItemType = 'comment' | 'post';

export const ITEM_FIELDS: Record<GraphItemType, string> = {
  comment: 'like_count,comment_count,permalink_url,created_time',
  post: 'shares,reactions.summary(total_count),comments.summary(total_count),permalink_url,created_time',
};
export const PAGE_FIELDS = 'followers_count,fan_count,verification_status,name,username';
/** An arriving item is stored without its counts rather than waiting longer than this for them. */
export const LOOKUP_TIMEOUT_MS = 4000;

/** A person on Facebook: no follower count the Page may read, no verified badge, no public handle. */
export const personAuthor = (): SocialMetrics['author'] => ({
  followers: null,
  verified: false,
  handle: null,
  page: false,
});

const whole = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined;
const totalOf = (edge: unknown) =>
  whole((edge as { summary?: { total_count?: unknown } } | undefined)?.summary?.total_count);

/** The item's counts in one Graph answer, or undefined when Graph left them out (never guessed as 0). */
export function measurementOf(
  type: GraphItemType,
  answer: Record<string, unknown>,
  at: Date,
): SocialMeasurement | undefined {
  const likes = type === 'comment' ? whole(answer.like_count) : totalOf(answer.reactions);
  const replies = type === 'comment' ? whole(answer.comment_count) : totalOf(answer.comments);
  if (likes === undefined || replies === undefined) return undefined;
  // A comment cannot be shared; a post without `shares` has not been shared yet (Graph omits the key).
  const reposts = type === 'comment' ? 0 : (whole((answer.shares as { count?: unknown })?.count) ?? 0);
  return { likes, replies, reposts, measuredAt: at.toISOString() };
}

/** The mentioning Page's reach, from GET /{page-id}?fields=PAGE_FIELDS; null when it is not a Page. */
export function pageAuthorOf(answer: Record<string, unknown>): SocialMetrics['author'] | null {
  const followers = whole(answer.followers_count) ?? whole(answer.fan_count);
  if (followers === undefined) return null;
  const status = answer.verification_status;
  return {
    followers,
    verified: status === 'blue_verified' || status === 'gray_verified',
    handle: typeof answer.username === 'string' ? answer.username : null,
    page: true,
  };
}

/**
 * The item's counts and own permalink now, or {} when Graph cannot say in time (an error, a timeout): the
 * item is stored anyway, unmeasured, and the hub measures it on its schedule.
 */
export async function lookupItem(
  graph: FacebookGraph,
  id: string,
  type: GraphItemType,
  signal: AbortSignal,
  onError: (err: unknown) => void,
): Promise<{ item?: SocialMeasurement; url?: string }> {
  try {
    const answer = await graph.get(
      `${encodeURIComponent(id)}?fields=${encodeURIComponent(ITEM_FIELDS[type])}`,
      AbortSignal.any([signal, AbortSignal.timeout(LOOKUP_TIMEOUT_MS)]),
    );
    const item = measurementOf(type, answer, new Date());
    const url = typeof answer.permalink_url === 'string' ? answer.permalink_url : undefined;
    return { ...(item ? { item } : {}), ...(url ? { url } : {}) };
  } catch (err) {
    onError(err);
    return {};
  }
}

/** The mentioning author's reach: a Page's followers, else a person's (which Graph does not give). */
export async function lookupAuthor(
  graph: FacebookGraph,
  authorId: string,
  signal: AbortSignal,
  onError: (err: unknown) => void,
): Promise<SocialMetrics['author']> {
  try {
    const answer = await graph.get(
      `${encodeURIComponent(authorId)}?fields=${encodeURIComponent(PAGE_FIELDS)}`,
      AbortSignal.any([signal, AbortSignal.timeout(LOOKUP_TIMEOUT_MS)]),
    );
    return pageAuthorOf(answer) ?? personAuthor();
  } catch (err) {
    // A person's profile is not readable with a Page token: Graph's refusal is the usual answer for a
    // person. Any other failure leaves open whether it was a Page: reach unknown, nothing claimed.
    onError(err);
    if (err instanceof ChannelError && err.code === 'PERMANENT') return personAuthor();
    return { followers: null, verified: false, handle: null };
  }
}
