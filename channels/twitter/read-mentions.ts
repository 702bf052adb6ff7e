// One poll of the account's mentions timeline (GET /2/users/:id/mentions) since the stored `since_id`,
// every page of it, with the authors and the posts they answer expanded in the same calls so their reach
// and exposure cost no extra request. One conversation per thread (X's conversation_id) per author.
import type { InboundMessage } from '#shared/channels.ts';
import { authorOf, measurementOf, senderOf, TWEET_PREFIX } from './social-meta.ts';
import { mentionsPage, type XPost, type XUser } from './x.schema.ts';
import type { XClient } from './x-client.ts';

/** A first start reads only this many recent mentions: older ones cost money and are history. */
const FIRST_PAGE = 20;
const MAX_PAGES = 10;

export const MENTION_QUERY = {
  expansions: 'author_id,referenced_tweets.id',
  'tweet.fields':
    'public_metrics,conversation_id,created_at,author_id,in_reply_to_user_id,referenced_tweets,lang',
  'user.fields': 'public_metrics,verified,verified_type,username,name,profile_image_url',
};

export type ReadResult = {
  /** Oldest first: the order the hub stores them in. */
  messages: InboundMessage[];
  /** The cursor to store once the hub committed them (unchanged when nothing new). */
  cursor: string | null;
  read: { posts: string[]; users: string[] };
};

export async function readMentions(
  x: XClient,
  me: { id: string },
  inboxId: number,
  sinceId: string | null,
): Promise<ReadResult> {
  const posts: XPost[] = [];
  const users = new Map<string, XUser>();
  const read: ReadResult['read'] = { posts: [], users: [] };
  let newest: string | null = null;
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await x.get(
      `users/${me.id}/mentions`,
      {
        ...MENTION_QUERY,
        max_results: sinceId ? 100 : FIRST_PAGE,
        since_id: sinceId ?? undefined,
        pagination_token: token,
      },
      mentionsPage,
    );
    newest ??= answer.meta.newest_id ?? null;
    for (const p of answer.data ?? []) posts.push(p);
    for (const u of answer.includes?.users ?? []) users.set(u.id, u);
    read.posts.push(...(answer.data ?? []).map((p) => p.id));
    read.posts.push(...(answer.includes?.tweets ?? []).map((p) => p.id));
    read.users.push(...(answer.includes?.users ?? []).map((u) => u.id));
    token = answer.meta.next_token;
    if (!token || !sinceId) break;
  }
  const messages = posts
    .filter((p) => p.author_id && p.author_id !== me.id)
    .map((p) => mentionMessage(p, users.get(p.author_id!), inboxId))
    .reverse();
  return { messages, cursor: newest ?? sinceId, read };
}

function mentionMessage(post: XPost, user: XUser | undefined, inboxId: number): InboundMessage {
  const authorId = post.author_id!;
  const thread = post.conversation_id ?? post.id;
  const author = authorOf(user);
  return {
    channel: 'twitter',
    inboxId,
    externalId: `${TWEET_PREFIX}${post.id}`,
    threadKey: `mention:${thread}:${authorId}`,
    sender: senderOf(authorId, user),
    text: post.text,
    ...(post.created_at ? { timestamp: new Date(post.created_at) } : {}),
    meta: {
      social: {
        network: 'x',
        visibility: 'public',
        kind: 'mention',
        postId: post.id,
        conversationId: thread,
        inReplyToPostId: post.referenced_tweets?.find((r) => r.type === 'replied_to')?.id ?? null,
        url: `https://x.com/${author.handle ?? 'i'}/status/${post.id}`,
        author,
        item: measurementOf(post, new Date()),
      },
    },
    raw: post,
  };
}
