// A Page `feed` change in the hub's terms. One conversation per commenter per post (thread key
// `comment:<post id>:<author id>`), each comment one message whose external id is the comment id, with
// the post and the item it answers kept in `meta.social` (and `replyTo` when it answers a comment). A
// visitor's own post on the Page opens its thread the same way. Both are public items in `meta.social`
// (social-meta.ts: a person's reach is unknown; the webhook adds the item's counts). Edits, removals and
// hiding change the stored message (the hub keeps the earlier text); likes, shares and the Page's own
// posts are not conversations.
import type { InboundMessage, MessageChange } from '#shared/channels.ts';
import { personAuthor } from './social-meta.ts';
import type { FeedValue } from './webhook.schema.ts';

export type FeedItem =
  | { kind: 'comment'; message: InboundMessage; fromPage: boolean }
  | { kind: 'change'; change: MessageChange };

const postItems = new Set(['status', 'post', 'photo', 'video']);

export const commentThreadKey = (postId: string, authorId: string) => `comment:${postId}:${authorId}`;

/** The commenter a comment thread belongs to, from its key (null for a Messenger thread). */
export function threadAuthor(threadKey: string): string | null {
  const m = threadKey.match(/^comment:[^:]+:(.+)$/);
  return m ? m[1] : null;
}

export function feedItemOf(inboxId: number, pageId: string, v: FeedValue, at?: number): FeedItem | null {
  const isComment = v.item === 'comment';
  if (!isComment && !postItems.has(v.item)) return null;
  const externalId = isComment ? v.comment_id : v.post_id;
  if (!externalId) return null;
  const when = v.created_time ?? at;
  const change = (c: Omit<MessageChange, 'inboxId' | 'externalId'>): FeedItem => ({
    kind: 'change',
    change: { inboxId, externalId, ...(when ? { at: new Date(when * 1000) } : {}), ...c },
  });
  switch (v.verb) {
    case 'edited':
    case 'edit':
    case 'update':
      return v.message !== undefined ? change({ text: v.message }) : null;
    case 'remove':
    case 'delete':
      return change({ removed: true });
    case 'hide':
      return change({ hidden: true });
    case 'unhide':
      return change({ hidden: false });
    case 'add':
      break;
    default:
      return null;
  }
  const postId = v.post_id;
  if (!postId || !v.from) return null;
  const fromPage = v.from.id === pageId;
  // The Page's own posts are what customers comment on, not conversations of their own.
  if (!isComment && fromPage) return null;
  const parentId = isComment ? (v.parent_id ?? postId) : undefined;
  const name = v.from.name?.trim() || undefined;
  const message: InboundMessage = {
    channel: 'facebook',
    inboxId,
    externalId,
    threadKey: commentThreadKey(postId, v.from.id),
    sender: {
      externalId: v.from.id,
      ...(name ? { name } : {}),
      display: { userId: v.from.id, ...(name ? { name } : {}) },
    },
    contentType: isComment ? 'comment' : 'post',
    text: v.message ?? (v.photo ? '[a photo]' : ''),
    meta: {
      social: {
        network: 'facebook',
        // The Page's own comment is the business's answer, not a customer's public item.
        ...(fromPage ? {} : { visibility: 'public' }),
        kind: isComment ? 'comment' : 'post',
        graphType: isComment ? 'comment' : 'post',
        postId,
        ...(parentId ? { parentId } : {}),
        ...(v.post?.permalink_url ? { permalink: v.post.permalink_url } : {}),
        // Until Graph names the comment's own permalink (the webhook's lookup), the post's.
        url: v.post?.permalink_url ?? null,
        ...(fromPage ? {} : { author: personAuthor() }),
      },
      // A reply to another comment quotes it, as a chat reply quotes a message.
      ...(parentId && parentId !== postId ? { replyTo: parentId } : {}),
    },
    ...(when ? { timestamp: new Date(when * 1000) } : {}),
    raw: v,
  };
  return { kind: 'comment', message, fromPage };
}
