// Meta's webhook payload for a Page (`object: 'page'`), read at the edge: Messenger events under
// `entry[].messaging` (developers.facebook.com/docs/messenger-platform/webhooks) and Page changes under
// `entry[].changes` (the `feed` field: comments and visitors' posts; `mention`: our Page tagged
// elsewhere). Only what the hub uses is named; Meta adds fields often, so unknown keys are let through.
import { z } from 'zod';

const id = z.union([z.string().min(1), z.number().int()]).transform(String);

const attachment = z.looseObject({
  type: z.string(),
  payload: z
    .looseObject({ url: z.string().optional(), sticker_id: z.union([z.number(), z.string()]).optional() })
    .nullable()
    .optional(),
  title: z.string().optional(),
});
export type MessengerAttachment = z.infer<typeof attachment>;

export const messagingEvent = z.looseObject({
  sender: z.looseObject({ id }),
  recipient: z.looseObject({ id }),
  timestamp: z.number().optional(),
  message: z
    .looseObject({
      mid: z.string().min(1),
      text: z.string().optional(),
      is_echo: z.boolean().optional(),
      app_id: id.optional(),
      metadata: z.string().optional(),
      attachments: z.array(attachment).optional(),
      reply_to: z.looseObject({ mid: z.string().optional() }).optional(),
      quick_reply: z.looseObject({ payload: z.string() }).optional(),
    })
    .optional(),
  postback: z
    .looseObject({ title: z.string().optional(), payload: z.string().optional(), mid: z.string().optional() })
    .optional(),
  /** message_edits: the person edited a message they sent. */
  message_edit: z.looseObject({ mid: z.string().min(1), text: z.string().optional() }).optional(),
  /** message_reactions: the person reacted to one of the Page's messages, or took it back. */
  reaction: z
    .looseObject({
      mid: z.string().min(1),
      action: z.string(),
      emoji: z.string().optional(),
      reaction: z.string().optional(),
    })
    .optional(),
  delivery: z.looseObject({ mids: z.array(z.string()).optional(), watermark: z.number() }).optional(),
  read: z.looseObject({ watermark: z.number() }).optional(),
});
export type MessagingEvent = z.infer<typeof messagingEvent>;

/** The `value` of a `feed` change (developers.facebook.com/docs/graph-api/webhooks/reference/page/#feed). */
export const feedValue = z.looseObject({
  item: z.string(),
  verb: z.string(),
  from: z.looseObject({ id, name: z.string().optional() }).optional(),
  post_id: z.string().optional(),
  comment_id: z.string().optional(),
  parent_id: z.string().optional(),
  message: z.string().optional(),
  created_time: z.number().optional(),
  photo: z.string().optional(),
  post: z.looseObject({ permalink_url: z.string().optional() }).optional(),
});
export type FeedValue = z.infer<typeof feedValue>;

/**
 * The `value` of a `mention` change (developers.facebook.com/docs/graph-api/webhooks/reference/page/#mention):
 * a post or comment elsewhere on Facebook that tags our Page. `sender_id` is the author (a person or a Page).
 */
export const mentionValue = z.looseObject({
  item: z.string(),
  verb: z.string(),
  post_id: z.string().min(1),
  comment_id: z.string().min(1).optional(),
  sender_id: id.optional(),
  sender_name: z.string().optional(),
  message: z.string().optional(),
  created_time: z.number().optional(),
});
export type MentionValue = z.infer<typeof mentionValue>;

export const pageWebhook = z.looseObject({
  object: z.string(),
  entry: z.array(
    z.looseObject({
      id,
      time: z.number().optional(),
      messaging: z.array(z.unknown()).optional(),
      changes: z.array(z.looseObject({ field: z.string(), value: z.unknown() })).optional(),
    }),
  ),
});
