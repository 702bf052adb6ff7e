// X API v2 objects shaped as docs.x.com documents them (Post, User, DM event, error "problem" bodies):
// what the loopback X stand-in answers with. Ids are snowflake-like numeric strings that grow with time.

export const ME = { id: '1460000000000000001', name: 'Acme Telecom', username: 'acme' };

let seq = 1_870_000_000_000_000_000n;
/** A fresh id, larger than every id handed out before (X's ids grow with time). */
export const snowflake = () => String(++seq);

export type XUserPayload = ReturnType<typeof user>;
export function user(id: string, username: string, followers: number, verified = false) {
  return {
    id,
    name: username.replace(/_/g, ' '),
    username,
    verified,
    verified_type: verified ? 'blue' : 'none',
    profile_image_url: `https://pbs.twimg.com/profile_images/${id}/photo_normal.jpg`,
    public_metrics: {
      followers_count: followers,
      following_count: 180,
      tweet_count: 5230,
      listed_count: Math.floor(followers / 100),
      like_count: 912,
    },
  };
}

export type XPostPayload = ReturnType<typeof post>;
/** A post mentioning @acme; `conversationId` is the thread's first post (its own id when it starts one). */
export function post(
  author: XUserPayload,
  text: string,
  over: { id?: string; conversationId?: string; inReplyTo?: string; likes?: number; views?: number } = {},
) {
  const id = over.id ?? snowflake();
  return {
    id,
    text,
    author_id: author.id,
    conversation_id: over.conversationId ?? id,
    created_at: new Date().toISOString().replace(/\.\d+Z$/, '.000Z'),
    edit_history_tweet_ids: [id],
    lang: 'es',
    ...(over.inReplyTo
      ? { in_reply_to_user_id: ME.id, referenced_tweets: [{ type: 'replied_to', id: over.inReplyTo }] }
      : {}),
    public_metrics: {
      retweet_count: 2,
      reply_count: 1,
      like_count: over.likes ?? 14,
      quote_count: 0,
      bookmark_count: 0,
      impression_count: over.views ?? 1830,
    },
  };
}

export type XDmEventPayload = ReturnType<typeof dmEvent>;
export function dmEvent(sender: { id: string }, text: string, other: { id: string } = ME) {
  const [a, b] = [sender.id, other.id].sort();
  return {
    id: snowflake(),
    event_type: 'MessageCreate',
    text,
    sender_id: sender.id,
    dm_conversation_id: `${a}-${b}`,
    participant_ids: [sender.id, other.id],
    created_at: new Date().toISOString().replace(/\.\d+Z$/, '.000Z'),
  };
}

/** X's error bodies (RFC 7807 "problem" objects) with the status they come with. */
export const problems = {
  unauthorized: {
    status: 401,
    body: { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' },
  },
  forbidden: {
    status: 403,
    body: {
      title: 'Forbidden',
      type: 'about:blank',
      status: 403,
      detail:
        'Your client app is not configured with the appropriate oauth1 app permissions for this endpoint.',
    },
  },
  tooMany: (resetEpochSeconds: number) => ({
    status: 429,
    body: { title: 'Too Many Requests', type: 'about:blank', status: 429, detail: 'Too Many Requests' },
    headers: {
      'x-rate-limit-limit': '300',
      'x-rate-limit-remaining': '0',
      'x-rate-limit-reset': String(resetEpochSeconds),
    },
  }),
  serviceUnavailable: {
    status: 503,
    body: { title: 'Service Unavailable', type: 'about:blank', status: 503, detail: 'Service Unavailable' },
  },
  invalidRequest: {
    status: 400,
    body: {
      errors: [
        {
          parameters: { participant_id: ['0'] },
          message: 'The `participant_id` query parameter value [0] is not valid',
        },
      ],
      title: 'Invalid Request',
      detail: 'One or more parameters to your request was invalid.',
      type: 'https://api.twitter.com/2/problems/invalid-request',
    },
  },
  notYourPost: {
    status: 403,
    body: {
      title: 'Forbidden',
      type: 'about:blank',
      status: 403,
      detail: 'You are not allowed to delete this Tweet.',
    },
  },
  duplicate: {
    status: 403,
    body: {
      title: 'Forbidden',
      type: 'about:blank',
      status: 403,
      detail: 'You are not allowed to create a Tweet with duplicate content.',
    },
  },
};
export type XProblem = { status: number; body: unknown; headers?: Record<string, string> };
