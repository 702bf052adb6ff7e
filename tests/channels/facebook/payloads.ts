// Facebook Page webhook payloads in the shapes Meta documents them: Messenger events under
// entry[].messaging (developers.facebook.com/docs/messenger-platform/webhooks/webhook-events: messages,
// message_echoes, message_deliveries, message_reads) and Page changes under entry[].changes with field
// `feed` (developers.facebook.com/docs/graph-api/webhooks/reference/page/#feed: comments added, edited,
// removed, hidden; a visitor's post). Ids and names are made up; everything else is as Meta sends it.
import { createHmac } from 'node:crypto';

export const PAGE_ID = '104582915338201';
export const APP_ID = 1517776481860111;

let seq = 0;
/** A fresh Messenger message id, shaped like Meta's (`m_` and a base64url key). */
export const mid = () => `m_${Buffer.from(`Ab3xKq9${Date.now()}${++seq}`).toString('base64url')}`;
/** A fresh comment id: `<post id>_<comment id>`. */
export const commentId = (postId: string) => `${postId.split('_')[1]}_${1700000000000 + ++seq}`;
/** A post of the Page: `<page id>_<post id>`. */
export const postId = () => `${PAGE_ID}_${122100000000 + ++seq}`;

const seconds = (d = new Date()) => Math.floor(d.getTime() / 1000);

/** The envelope of Messenger events for our Page. */
export function messaging(...events: Record<string, unknown>[]) {
  return { object: 'page', entry: [{ id: PAGE_ID, time: Date.now(), messaging: events }] };
}

/** The envelope of one `feed` change for our Page. */
export function feed(value: Record<string, unknown>, pageId = PAGE_ID) {
  return { object: 'page', entry: [{ id: pageId, time: seconds(), changes: [{ field: 'feed', value }] }] };
}

/** A person writes to the Page on Messenger. */
export function text(psid: string, body: string, id = mid()) {
  return {
    id,
    payload: messaging({
      sender: { id: psid },
      recipient: { id: PAGE_ID },
      timestamp: Date.now(),
      message: { mid: id, text: body },
    }),
  };
}

/** A person sends a file: Meta gives its CDN address in the attachment's payload. */
export function attachment(
  psid: string,
  type: 'image' | 'video' | 'audio' | 'file',
  url: string,
  id = mid(),
) {
  return {
    id,
    payload: messaging({
      sender: { id: psid },
      recipient: { id: PAGE_ID },
      timestamp: Date.now(),
      message: { mid: id, attachments: [{ type, payload: { url } }] },
    }),
  };
}

/** The Page sent a message (message_echoes): from the hub (`metadata` is ours) or from Meta's inbox. */
export function echo(psid: string, body: string, opts: { id?: string; metadata?: string } = {}) {
  const id = opts.id ?? mid();
  return {
    id,
    payload: messaging({
      sender: { id: PAGE_ID },
      recipient: { id: psid },
      timestamp: Date.now(),
      message: {
        is_echo: true,
        app_id: APP_ID,
        ...(opts.metadata ? { metadata: opts.metadata } : {}),
        mid: id,
        text: body,
      },
    }),
  };
}

export const delivery = (psid: string, mids: string[], watermark = Date.now()) =>
  messaging({
    sender: { id: psid },
    recipient: { id: PAGE_ID },
    delivery: { mids, watermark },
  });

export const read = (psid: string, watermark = Date.now()) =>
  messaging({
    sender: { id: psid },
    recipient: { id: PAGE_ID },
    timestamp: Date.now(),
    read: { watermark },
  });

export type Author = { id: string; name: string };

/** A comment on a post of the Page (`parentId`: the post, or the comment it answers). */
export function comment(
  from: Author,
  post: string,
  message: string,
  opts: { id?: string; parentId?: string; verb?: 'add' | 'edited' | 'remove' | 'hide' | 'unhide' } = {},
) {
  const id = opts.id ?? commentId(post);
  return {
    id,
    payload: feed({
      from,
      post: {
        status_type: 'added_photos',
        is_published: true,
        updated_time: new Date().toISOString().replace(/\.\d{3}Z$/, '+0000'),
        permalink_url: `https://www.facebook.com/${post.replace('_', '/posts/')}`,
        promotion_status: 'inactive',
        id: post,
      },
      ...(opts.verb === 'remove' ? {} : { message }),
      post_id: post,
      comment_id: id,
      created_time: seconds(),
      item: 'comment',
      parent_id: opts.parentId ?? post,
      verb: opts.verb ?? 'add',
    }),
  };
}

/** A visitor's own post on the Page. */
export function visitorPost(from: Author, message: string, id = postId()) {
  return {
    id,
    payload: feed({
      from,
      message,
      post_id: id,
      created_time: seconds(),
      item: 'status',
      published: 1,
      verb: 'add',
    }),
  };
}

/** The signature header Meta puts on a webhook, over the exact bytes sent. */
export const signature = (appSecret: string, raw: string) =>
  `sha256=${createHmac('sha256', appSecret).update(raw).digest('hex')}`;

/** A 1×1 PNG: real headers, so the hub's type sniffing recognises it. */
export const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** The envelope of one `mention` change: another post or comment tagged our Page. */
export function mentionChange(value: Record<string, unknown>, pageId = PAGE_ID) {
  return { object: 'page', entry: [{ id: pageId, time: seconds(), changes: [{ field: 'mention', value }] }] };
}

/**
 * Our Page tagged in a post (`commentId` absent) or a comment elsewhere on Facebook, as the Page webhook's
 * `mention` field reports it (developers.facebook.com/docs/graph-api/webhooks/reference/page/#mention).
 */
export function mention(
  sender: Author,
  post: string,
  message: string,
  opts: { commentId?: string; verb?: 'add' | 'edit' | 'remove' } = {},
) {
  const id = opts.commentId ?? post;
  return {
    id,
    payload: mentionChange({
      post_id: post,
      ...(opts.commentId ? { comment_id: opts.commentId } : {}),
      item: opts.commentId ? 'comment' : 'post',
      verb: opts.verb ?? 'add',
      sender_id: sender.id,
      sender_name: sender.name,
      created_time: seconds(),
      ...(opts.verb === 'remove' ? {} : { message }),
    }),
  };
}

/** message_edits: the person changed the text of a message they sent. */
export const messageEdit = (psid: string, messageId: string, text: string, numEdit = 1) =>
  messaging({
    sender: { id: psid },
    recipient: { id: PAGE_ID },
    timestamp: Date.now(),
    message_edit: { mid: messageId, text, num_edit: numEdit },
  });

/** message_reactions: the person reacted to one of the Page's messages, or took the reaction back. */
export const reaction = (psid: string, messageId: string, react: { emoji: string; name: string } | null) =>
  messaging({
    sender: { id: psid },
    recipient: { id: PAGE_ID },
    timestamp: Date.now(),
    reaction: react
      ? { mid: messageId, action: 'react', reaction: react.name, emoji: react.emoji }
      : { mid: messageId, action: 'unreact' },
  });

/** Graph's timestamp format: `2026-12-07T11:02:13+0000`. */
export const graphTime = (d = new Date()) => d.toISOString().replace(/\.\d{3}Z$/, '+0000');

/** A comment's own permalink, as Graph gives it in `permalink_url`. */
export const commentPermalink = (post: string, comment: string) =>
  `https://www.facebook.com/${post.replace('_', '/posts/')}?comment_id=${comment.split('_')[1]}`;
