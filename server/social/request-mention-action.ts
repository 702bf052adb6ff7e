// Marketing asks for a moderation or a like of a public item. Refused at once when the channel cannot do
// it (capabilities hideDelete / like), when the item is gone, or while another action on it is on its way;
// otherwise the item shows the action pending and its job commits in the same transaction (202).
import { eq } from 'drizzle-orm';
import type { Auth } from '#server/auth/authenticate.ts';
import type { HubContext } from '#server/context.ts';
import { socialItems } from '#server/db/schema.ts';
import { AppError } from '#server/errors.ts';
import { recordEvent } from '#server/events/record-event.ts';
import { capabilitiesOf } from '#server/inboxes/channel-facts.ts';
import { jobNames } from '#server/queue/queue.ts';
import type { MentionAction } from '#shared/mentions.schema.ts';
import { lockMention } from './lock-mention.ts';
import type { MentionActionJob } from './moderate-item.job.ts';
import { publishMentionChanges } from './publish-mentions.ts';

export async function requestMentionAction(
  ctx: HubContext,
  auth: Auth,
  itemId: number,
  action: MentionAction,
): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const row = await lockMention(tx, auth.accountId, itemId);
    const can = capabilitiesOf(row.channel);
    if (action === 'like' ? !can.like : !can.hideDelete) {
      throw new AppError('action_not_supported', `this channel cannot ${action} a public item`);
    }
    if (row.item.removedAt)
      throw new AppError('action_not_supported', 'the item was removed from the network');
    if (row.item.pendingAction) {
      throw new AppError('action_pending', `a ${row.item.pendingAction} of this item is on its way`);
    }
    await tx
      .update(socialItems)
      .set({ pendingAction: action, actionError: null })
      .where(eq(socialItems.id, itemId));
    await recordEvent(
      tx,
      { id: row.item.conversationId, accountId: auth.accountId },
      'social.action_requested',
      { itemId: String(itemId), action },
      { type: 'user', id: auth.user.id },
    );
    await ctx.queue.send(jobNames.social, { itemId, action } satisfies MentionActionJob, { tx });
  });
  ctx.queue.wake(jobNames.social);
  await publishMentionChanges(ctx, [itemId]);
}
