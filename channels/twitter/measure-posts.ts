// The hub's scheduled re-measurement of open public items (ChannelConnection.measure): up to 100 posts a
// call (GET /2/tweets?ids=) with their authors expanded, so the post's exposure and its author's reach come
// back together. Every read is charged to the inbox's monthly budget like the poller's, and refused with
// RATE_LIMITED once it is spent or while X asks to wait (poller.ts `account.spend`). Posts X no longer
// returns (deleted, or their author protected or suspended) are left out of the answer.

import type { MeasuredItem } from '../types.ts';
import type { ReadResult } from './read-mentions.ts';
import { authorOf, measurementOf, TWEET_PREFIX } from './social-meta.ts';
import { postsLookup } from './x.schema.ts';
import type { XClient } from './x-client.ts';

/** X's limit on ids in one lookup. */
export const MAX_IDS = 100;

export const MEASURE_QUERY = {
  'tweet.fields': 'public_metrics,author_id',
  expansions: 'author_id',
  'user.fields': 'public_metrics,verified,username',
};

type Spend = <T>(fn: () => Promise<{ result: T; read: ReadResult['read'] }>) => Promise<T>;

export function createMeasurer(x: XClient, spend: Spend) {
  return async function measure(
    items: { externalId: string }[],
    signal: AbortSignal,
  ): Promise<MeasuredItem[]> {
    const ids = [
      ...new Set(
        items
          .filter((i) => i.externalId.startsWith(TWEET_PREFIX))
          .map((i) => i.externalId.slice(TWEET_PREFIX.length)),
      ),
    ];
    const measured: MeasuredItem[] = [];
    for (let i = 0; i < ids.length && !signal.aborted; i += MAX_IDS) {
      const batch = ids.slice(i, i + MAX_IDS);
      const answer = await spend(async () => {
        const a = await x.get('tweets', { ...MEASURE_QUERY, ids: batch.join(',') }, postsLookup);
        const read = {
          posts: (a.data ?? []).map((p) => p.id),
          users: (a.includes?.users ?? []).map((u) => u.id),
        };
        return { result: a, read };
      });
      const users = new Map((answer.includes?.users ?? []).map((u) => [u.id, u]));
      const at = new Date();
      for (const post of answer.data ?? []) {
        const item = measurementOf(post, at);
        if (!item) continue;
        const user = post.author_id ? users.get(post.author_id) : undefined;
        const a = user && authorOf(user);
        measured.push({
          externalId: `${TWEET_PREFIX}${post.id}`,
          item,
          ...(a
            ? { author: { followers: a.followers, verified: a.verified, listed: a.listed, handle: a.handle } }
            : {}),
        });
      }
    }
    return measured;
  };
}
