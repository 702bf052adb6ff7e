// Wires the Mentions desk into the hub: a public item joins it when its message is stored; its status
// follows its conversation (taken by an agent: in care; answered: answered) and its message (hidden or
// removed on the network); the refresh timers and the moderation worker.
import { and, eq, inArray } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { socialItems } from '#server/db/schema.ts';
import { REFRESH_TIMER, recordSocialItem } from './record-social-item.ts';
import { onRefreshTimer } from './refresh-items.ts';

export function installSocial(ctx: HubContext): void {
  ctx.events.on('message.received', async (tx, e) => {
    await recordSocialItem(ctx, tx, e.conversation, e.message);
  });
  ctx.events.on('conversation.assigned', async (tx, e) => {
    await tx
      .update(socialItems)
      .set({ status: 'in_care' })
      .where(and(eq(socialItems.conversationId, e.conversation.id), eq(socialItems.status, 'new')));
  });
  ctx.events.on('reply.created', async (tx, e) => {
    await tx
      .update(socialItems)
      .set({ status: 'answered' })
      .where(
        and(
          eq(socialItems.conversationId, e.conversation.id),
          inArray(socialItems.status, ['new', 'in_care']),
        ),
      );
  });
  ctx.events.on('message.changed', async (tx, e) => {
    const social = (e.message.meta.social ?? {}) as { hidden?: boolean; removedAt?: string };
    const before = (e.before.meta.social ?? {}) as { hidden?: boolean; removedAt?: string };
    if (social.hidden === before.hidden && social.removedAt === before.removedAt) return;
    const now = ctx.clock.now();
    await tx
      .update(socialItems)
      .set({
        ...(social.hidden !== before.hidden ? { hiddenAt: social.hidden ? now : null } : {}),
        ...(social.removedAt && !before.removedAt
          ? { removedAt: new Date(social.removedAt), nextRefreshAt: null }
          : {}),
      })
      .where(eq(socialItems.messageId, e.message.id));
  });
  ctx.timers.on(REFRESH_TIMER, onRefreshTimer);
}
