// Moderation of public items on X: hide or show again a reply under one of the account's own posts
// (PUT /2/tweets/:id/hidden), delete one of the account's own posts (DELETE /2/tweets/:id), like any
// post as the account (POST /2/users/:id/likes). A DM can be neither hidden, deleted nor liked from here.
import { ChannelError } from '../errors.ts';
import { TWEET_PREFIX } from './social-meta.ts';
import { deletedAnswer, hiddenAnswer, likedAnswer } from './x.schema.ts';
import type { XClient } from './x-client.ts';

export type ModerationAction = 'hide' | 'unhide' | 'delete' | 'like';

/** `me`: the account the tokens act as (a like is made by a user id). */
export function createModerator(x: XClient, me: () => Promise<{ id: string }>) {
  return async function moderate(
    item: { externalId: string; action: ModerationAction },
    signal: AbortSignal,
  ): Promise<void> {
    if (signal.aborted) throw new ChannelError('TEMPORARY', 'the request was cancelled');
    if (!item.externalId.startsWith(TWEET_PREFIX)) {
      throw new ChannelError(
        'PERMANENT',
        'only public X posts can be hidden, deleted or liked, not direct messages',
      );
    }
    const id = encodeURIComponent(item.externalId.slice(TWEET_PREFIX.length));
    if (item.action === 'like') {
      const account = await me();
      const answer = await x.post(
        `users/${encodeURIComponent(account.id)}/likes`,
        { tweet_id: item.externalId.slice(TWEET_PREFIX.length) },
        likedAnswer,
      );
      if (!answer.data.liked) throw new ChannelError('PERMANENT', 'X did not like the post');
      return;
    }
    if (item.action === 'delete') {
      const answer = await x.delete(`tweets/${id}`, deletedAnswer);
      if (!answer.data.deleted) throw new ChannelError('PERMANENT', 'X did not delete the post');
      return;
    }
    const hidden = item.action === 'hide';
    const answer = await x.put(`tweets/${id}/hidden`, { hidden }, hiddenAnswer);
    if (answer.data.hidden !== hidden) {
      throw new ChannelError('PERMANENT', `X did not ${item.action} the reply`);
    }
  };
}
