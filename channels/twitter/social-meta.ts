// What the hub keeps of an X author and post, in the shape the influence score reads (socialMetricsSchema
// in shared/influence.schema.ts: visibility, author, item) beside X's own keys (post id, thread, link): on
// the message's `meta.social` a snapshot as of when it was read (reach and exposure change; each message
// keeps what was true then), and on the contact's identity `display` the author's handle and reach.
import type { InboundMessage } from '#shared/channels.ts';
import type { XPost, XUser } from './x.schema.ts';

export const TWEET_PREFIX = 'tweet:';
export const DM_PREFIX = 'dm:';

export function authorOf(user: XUser | undefined) {
  const m = user?.public_metrics;
  return {
    id: user?.id ?? null,
    handle: user?.username ?? null,
    name: user?.name ?? null,
    verified: user?.verified ?? false,
    verifiedType: user?.verified_type ?? null,
    followers: m?.followers_count ?? null,
    following: m?.following_count ?? null,
    listed: m?.listed_count ?? null,
    posts: m?.tweet_count ?? null,
  };
}

/**
 * The post's public metrics now, as `item` of shared/influence.schema.ts (whole counts; views and quotes
 * may be missing). Absent when X gave no metrics: an item is never measured as zero by guess.
 */
export function measurementOf(post: XPost, at: Date) {
  const m = post.public_metrics;
  if (m?.like_count === undefined || m.reply_count === undefined || m.retweet_count === undefined) {
    return undefined;
  }
  return {
    likes: m.like_count,
    replies: m.reply_count,
    reposts: m.retweet_count,
    quotes: m.quote_count ?? null,
    views: m.impression_count ?? null,
    measuredAt: at.toISOString(),
  };
}

/** The sender as the hub stores it: X's user id is the identity; handle and reach for display. */
export function senderOf(id: string, user: XUser | undefined): InboundMessage['sender'] {
  const author = authorOf(user);
  return {
    externalId: id,
    ...(author.name ? { name: author.name } : {}),
    display: {
      handle: author.handle,
      followers: author.followers,
      verified: author.verified,
      ...(user?.profile_image_url ? { avatarUrl: user.profile_image_url } : {}),
    },
  };
}
