// A Page `mention` change in the hub's terms: someone else's post or comment tagging our Page is a public
// item in a conversation of its own (thread key `mention:<post id>:<author id>`), whose external id is the
// comment's id (else the post's), so Meta's redelivery, or the same comment also reported on our feed, is
// stored once. Edits and removals change the stored message, as for comments.
import type { InboundMessage, MessageChange } from '#shared/channels.ts';
import type { GraphItemType } from './social-meta.ts';
import type { MentionValue } from './webhook.schema.ts';

export type MentionItem =
  | { kind: 'mention'; message: InboundMessage; graphType: GraphItemType; authorId: string | null }
  | { kind: 'change'; change: MessageChange };

export const mentionThreadKey = (postId: string, authorId: string) => `mention:${postId}:${authorId}`;

export function mentionItemOf(inboxId: number, v: MentionValue, at?: number): MentionItem | null {
  if (v.item !== 'comment' && v.item !== 'post') return null;
  const graphType: GraphItemType = v.item;
  const externalId = graphType === 'comment' ? v.comment_id : v.post_id;
  if (!externalId) return null;
  const when = v.created_time ?? at;
  const timing = when ? { at: new Date(when * 1000) } : {};
  switch (v.verb) {
    case 'edit':
    case 'edited':
    case 'update':
      return v.message !== undefined
        ? { kind: 'change', change: { inboxId, externalId, ...timing, text: v.message } }
        : null;
    case 'remove':
    case 'delete':
      return { kind: 'change', change: { inboxId, externalId, ...timing, removed: true } };
    case 'add':
      break;
    default:
      return null;
  }
  // Meta leaves the author out when the app may not read it: the item is kept, under its post.
  const authorId = v.sender_id ?? null;
  const name = v.sender_name?.trim() || undefined;
  const senderId = authorId ?? `unknown:${v.post_id}`;
  const message: InboundMessage = {
    channel: 'facebook',
    inboxId,
    externalId,
    threadKey: mentionThreadKey(v.post_id, senderId),
    sender: {
      externalId: senderId,
      ...(name ? { name } : {}),
      display: { ...(authorId ? { userId: authorId } : {}), ...(name ? { name } : {}) },
    },
    contentType: 'mention',
    text: v.message ?? '',
    meta: {
      social: {
        network: 'facebook',
        visibility: 'public',
        kind: 'mention',
        graphType,
        postId: v.post_id,
        ...(v.comment_id ? { commentId: v.comment_id } : {}),
        ...(authorId ? { authorId } : {}),
        url: null,
      },
    },
    ...(when ? { timestamp: new Date(when * 1000) } : {}),
    raw: v,
  };
  return { kind: 'mention', message, graphType, authorId };
}
