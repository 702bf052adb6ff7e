// One poll of the account's direct messages (GET /2/dm_events). X offers no `since_id` here: events come
// newest first, so pages are read until one reaches the stored newest event id. One conversation per
// dm_conversation_id. The account's own messages (our replies, or typed in X's app) are not customer
// messages: they are left out (the outbox already stored ours).
import type { InboundMessage } from '#shared/channels.ts';
import type { ReadResult } from './read-mentions.ts';
import { authorOf, DM_PREFIX, senderOf } from './social-meta.ts';
import { dmEventsPage, type XDmEvent, type XUser } from './x.schema.ts';
import type { XClient } from './x-client.ts';

const FIRST_PAGE = 20;
const MAX_PAGES = 10;

export const DM_QUERY = {
  event_types: 'MessageCreate',
  'dm_event.fields': 'id,text,event_type,created_at,dm_conversation_id,sender_id,participant_ids',
  expansions: 'sender_id',
  'user.fields': 'public_metrics,verified,verified_type,username,name,profile_image_url',
};

/** Event ids are snowflakes: numeric strings that grow with time. */
const newer = (a: string, b: string | null) => b === null || BigInt(a) > BigInt(b);

export async function readDms(
  x: XClient,
  me: { id: string },
  inboxId: number,
  sinceId: string | null,
): Promise<ReadResult> {
  const events: XDmEvent[] = [];
  const users = new Map<string, XUser>();
  const read: ReadResult['read'] = { posts: [], users: [] };
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await x.get(
      'dm_events',
      { ...DM_QUERY, max_results: sinceId ? 100 : FIRST_PAGE, pagination_token: token },
      dmEventsPage,
    );
    const data = answer.data ?? [];
    read.posts.push(...data.map((e) => e.id));
    read.users.push(...(answer.includes?.users ?? []).map((u) => u.id));
    for (const u of answer.includes?.users ?? []) users.set(u.id, u);
    const fresh = data.filter((e) => newer(e.id, sinceId));
    events.push(...fresh);
    token = answer.meta?.next_token;
    if (!token || !sinceId || fresh.length < data.length) break;
  }
  const cursor = events.reduce<string | null>((c, e) => (newer(e.id, c) ? e.id : c), sinceId);
  const messages = events
    .filter((e) => e.event_type === 'MessageCreate' && e.sender_id && e.sender_id !== me.id)
    .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1))
    .map((e) => dmMessage(e, users.get(e.sender_id!), inboxId));
  return { messages, cursor, read };
}

function dmMessage(event: XDmEvent, user: XUser | undefined, inboxId: number): InboundMessage {
  const senderId = event.sender_id!;
  return {
    channel: 'twitter',
    inboxId,
    externalId: `${DM_PREFIX}${event.id}`,
    threadKey: `dm:${event.dm_conversation_id ?? senderId}`,
    sender: senderOf(senderId, user),
    text: event.text ?? '',
    ...(event.created_at ? { timestamp: new Date(event.created_at) } : {}),
    meta: {
      social: {
        network: 'x',
        visibility: 'private',
        kind: 'dm',
        dmConversationId: event.dm_conversation_id ?? null,
        author: authorOf(user),
      },
    },
    raw: event,
  };
}
