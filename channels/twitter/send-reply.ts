// Replies leave as X would show them: in a mention thread, a public reply to the customer's latest post
// there (POST /2/tweets with reply.in_reply_to_tweet_id); in a DM conversation, a DM to it (POST
// /2/dm_conversations/:id/messages); a mention answered `privately`, or a thread the channel does not
// know, opens a DM with the contact (POST /2/dm_conversations/with/:participant_id/messages).
// Text X would refuse (over 280 as X counts it, empty) is refused here, before anything is sent.
import { ChannelError } from '../errors.ts';
import type { OutboundMessage } from '../types.ts';
import { DM_PREFIX, TWEET_PREFIX } from './social-meta.ts';
import { checkPostText } from './tweet-length.ts';
import { dmCreated, postCreated } from './x.schema.ts';
import type { XClient } from './x-client.ts';

/** X's limit for a direct message. */
export const MAX_DM_TEXT = 10_000;

const postIdOf = (externalId: string | undefined) =>
  externalId?.startsWith(TWEET_PREFIX) ? externalId.slice(TWEET_PREFIX.length) : null;

export function createSender(x: XClient) {
  return async function send(
    out: OutboundMessage,
  ): Promise<{ externalId: string; meta?: Record<string, unknown> }> {
    if (out.signal.aborted) throw new ChannelError('TEMPORARY', 'the send was cancelled');
    if (out.attachments.length) {
      throw new ChannelError('PERMANENT', 'files cannot be sent to X from the hub yet; send text only');
    }
    const text = out.text ?? '';
    const [kind, ...rest] = out.threadKey.split(':');

    if (kind === 'mention' && !out.privately) {
      const check = checkPostText(text);
      if (!check.ok) throw new ChannelError('PERMANENT', check.reason);
      // The customer's latest post; else the latest post of the thread we know; else the thread's root.
      const replyTo =
        postIdOf(out.answersExternalId) ??
        out.threadExternalIds
          .map(postIdOf)
          .filter((id) => id !== null)
          .at(-1) ??
        rest[0];
      const answer = await x.post('tweets', { text, reply: { in_reply_to_tweet_id: replyTo } }, postCreated);
      return {
        externalId: `${TWEET_PREFIX}${answer.data.id}`,
        meta: {
          social: { network: 'x', visibility: 'public', postId: answer.data.id, inReplyToPostId: replyTo },
        },
      };
    }

    if (!text.trim()) throw new ChannelError('PERMANENT', 'an X direct message cannot be empty');
    if (text.length > MAX_DM_TEXT) {
      throw new ChannelError('PERMANENT', `an X direct message holds at most ${MAX_DM_TEXT} characters`);
    }
    // A mention answered privately, or a thread this channel does not know: a DM to the person.
    const path =
      kind === 'dm' && rest.length
        ? `dm_conversations/${encodeURIComponent(rest.join(':'))}/messages`
        : `dm_conversations/with/${encodeURIComponent(out.recipient.externalId)}/messages`;
    const answer = await x.post(path, { text }, dmCreated);
    return {
      externalId: `${DM_PREFIX}${answer.data.dm_event_id}`,
      meta: {
        social: {
          network: 'x',
          visibility: 'private',
          dmConversationId: answer.data.dm_conversation_id ?? null,
        },
      },
    };
  };
}
