// A customer's public item (a Page comment or post, a mention) joins the Mentions desk in the transaction
// that stored its message: scored with the account's settings, `in_care` at once when an agent already
// holds its conversation, and with its first re-measurement scheduled. Private messages (DMs, Messenger
// chats) are conversations only.
import type { HubContext } from '#server/context.ts';
import type { Tx } from '#server/db/client.ts';
import { type Conversation, type Message, type SocialItem, socialItems } from '#server/db/schema.ts';
import { scoreInfluence } from '#shared/influence.ts';
import { socialMetricsOf } from './influence-of.ts';
import { loadInfluenceSettings } from './influence-settings.ts';
import { nextRefreshAt } from './refresh-schedule.ts';

export const REFRESH_TIMER = 'social.refresh';

/** `meta.social` of a message the adapter marked public, or null. */
export function publicSocialOf(message: Pick<Message, 'meta'>): Record<string, unknown> | null {
  const social = message.meta.social as Record<string, unknown> | undefined;
  return social?.visibility === 'public' ? social : null;
}

export async function recordSocialItem(
  ctx: HubContext,
  tx: Tx,
  conversation: Conversation,
  message: Message,
): Promise<SocialItem | null> {
  const social = publicSocialOf(message);
  if (!social) return null;
  const metrics = socialMetricsOf(message);
  const scored = metrics
    ? scoreInfluence(metrics, await loadInfluenceSettings(tx, conversation.accountId))
    : null;
  const now = ctx.clock.now();
  const next = nextRefreshAt(now, now);
  const [row] = await tx
    .insert(socialItems)
    .values({
      accountId: conversation.accountId,
      inboxId: message.inboxId,
      conversationId: conversation.id,
      messageId: message.id,
      kind: typeof social.kind === 'string' ? social.kind : 'comment',
      score: scored?.score ?? null,
      tier: scored?.tier ?? null,
      status: conversation.assigneeId !== null ? 'in_care' : 'new',
      nextRefreshAt: next,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (row && next) {
    await ctx.timers.schedule(tx, { kind: REFRESH_TIMER, dueAt: next.toISOString(), itemId: row.id });
  }
  return row ?? null;
}
