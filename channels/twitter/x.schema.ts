// X API v2 answers, read at the edge (docs.x.com/x-api: the Post, User and DM event objects). Only what
// the hub uses is named; X adds fields often, so unknown keys are let through.
import { z } from 'zod';

const count = z.number().int().nonnegative();

export const xUser = z.looseObject({
  id: z.string().min(1),
  name: z.string().optional(),
  username: z.string().optional(),
  verified: z.boolean().optional(),
  verified_type: z.string().optional(),
  profile_image_url: z.string().optional(),
  public_metrics: z
    .looseObject({
      followers_count: count.optional(),
      following_count: count.optional(),
      tweet_count: count.optional(),
      listed_count: count.optional(),
    })
    .optional(),
});
export type XUser = z.infer<typeof xUser>;

export const xPost = z.looseObject({
  id: z.string().min(1),
  text: z.string(),
  author_id: z.string().optional(),
  conversation_id: z.string().optional(),
  created_at: z.string().optional(),
  in_reply_to_user_id: z.string().optional(),
  lang: z.string().optional(),
  referenced_tweets: z.array(z.looseObject({ type: z.string(), id: z.string() })).optional(),
  public_metrics: z
    .looseObject({
      retweet_count: count.optional(),
      reply_count: count.optional(),
      like_count: count.optional(),
      quote_count: count.optional(),
      bookmark_count: count.optional(),
      impression_count: count.optional(),
    })
    .optional(),
});
export type XPost = z.infer<typeof xPost>;

export const xDmEvent = z.looseObject({
  id: z.string().min(1),
  event_type: z.string(),
  text: z.string().optional(),
  sender_id: z.string().optional(),
  dm_conversation_id: z.string().optional(),
  created_at: z.string().optional(),
});
export type XDmEvent = z.infer<typeof xDmEvent>;

const includes = z
  .looseObject({ users: z.array(xUser).optional(), tweets: z.array(xPost).optional() })
  .optional();
const meta = z.looseObject({
  result_count: z.number().optional(),
  newest_id: z.string().optional(),
  oldest_id: z.string().optional(),
  next_token: z.string().optional(),
});

export const mentionsPage = z.looseObject({ data: z.array(xPost).optional(), includes, meta });
export type MentionsPage = z.infer<typeof mentionsPage>;
export const dmEventsPage = z.looseObject({
  data: z.array(xDmEvent).optional(),
  includes,
  meta: meta.optional(),
});
export type DmEventsPage = z.infer<typeof dmEventsPage>;

export const meAnswer = z.looseObject({ data: xUser });
/** GET /2/tweets?ids=: the posts X still has; the others come back as `errors` (not found, not authorized). */
export const postsLookup = z.looseObject({
  data: z.array(xPost).optional(),
  includes,
  errors: z
    .array(z.looseObject({ resource_id: z.string().optional(), title: z.string().optional() }))
    .optional(),
});
export const likedAnswer = z.looseObject({ data: z.looseObject({ liked: z.boolean() }) });
export const postCreated = z.looseObject({ data: z.looseObject({ id: z.string().min(1) }) });
export const dmCreated = z.looseObject({
  data: z.looseObject({ dm_event_id: z.string().min(1), dm_conversation_id: z.string().optional() }),
});
export const hiddenAnswer = z.looseObject({ data: z.looseObject({ hidden: z.boolean() }) });
export const deletedAnswer = z.looseObject({ data: z.looseObject({ deleted: z.boolean() }) });
