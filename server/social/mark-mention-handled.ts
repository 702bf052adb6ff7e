// Marketing closes a public item without (more) answer: it leaves the "to do" list and is no longer
// measured. Handling it again is a no-op.
import { and, eq } from 'drizzle-orm';
import type { Auth } from '#server/auth/authenticate.ts';
import type { HubContext } from '#server/context.ts';
import { socialItems } from '#server/db/schema.ts';
import { notFound } from '#server/errors.ts';
import { recordEvent } from '#server/events/record-event.ts';
import { publishMentionChanges } from './publish-mentions.ts';

export async function markMentionHandled(ctx: HubContext, auth: Auth, itemId: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [item] = await tx
      .update(socialItems)
      .set({ status: 'handled', nextRefreshAt: null })
      .where(and(eq(socialItems.id, itemId), eq(socialItems.accountId, auth.accountId)))
      .returning();
    if (!item) throw notFound('mention');
    await recordEvent(
      tx,
      { id: item.conversationId, accountId: auth.accountId },
      'social.handled',
      { itemId: String(itemId) },
      { type: 'user', id: auth.user.id },
    );
  });
  await publishMentionChanges(ctx, [itemId]);
}
