// An item climbed a tier (it went viral, or its first measurement showed a high reach): its conversation
// gets at least the priority of the tier, the routing rules are asked again with the new metrics (a rule
// on `influenceTier` sends it to the social team), and marketing is alerted after the commit
// (publish-mentions.ts). A conversation an agent already holds stays with them, at its new priority.
import { eq } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import type { Tx } from '#server/db/client.ts';
import {
  type Conversation,
  contacts,
  conversations,
  inboxes,
  messages,
  priorities,
  type SocialItem,
  socialItems,
} from '#server/db/schema.ts';
import { recordEvent } from '#server/events/record-event.ts';
import { queueInTx } from '#server/routing/enqueue.ts';
import { evaluateRules } from '#server/routing/rules.ts';
import type { ChannelKind } from '#shared/channels.ts';
import { type InfluenceTier, influenceTiers } from '#shared/influence.schema.ts';
import { socialMetricsOf } from './influence-of.ts';

export type TierRise = {
  itemId: number;
  from: InfluenceTier | null;
  to: InfluenceTier;
  /** The conversation as the rise left it (priority, team), when it changed. */
  conversation?: Conversation;
  channel: ChannelKind;
};

const rank = (t: InfluenceTier | null) => (t === null ? -1 : influenceTiers.indexOf(t));
const tierPriority: Record<InfluenceTier, Conversation['priority']> = {
  low: 'low',
  medium: 'normal',
  high: 'high',
  critical: 'urgent',
};

/** Whether a tier is worth an alert on its own (a new item arriving at it). */
export const alarming = (t: InfluenceTier | null) => rank(t) >= rank('high');

export async function raiseTier(
  ctx: HubContext,
  tx: Tx,
  before: SocialItem,
  after: SocialItem,
): Promise<TierRise | null> {
  if (after.tier === null || rank(after.tier) <= rank(before.tier)) return null;
  // From unmeasured to a quiet tier is a first score, not news.
  if (before.tier === null && !alarming(after.tier)) return null;
  await tx.update(socialItems).set({ tierRaisedAt: ctx.clock.now() }).where(eq(socialItems.id, after.id));
  const [row] = await tx
    .select({ c: conversations, channel: inboxes.channel, attributes: contacts.attributes })
    .from(conversations)
    .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(eq(conversations.id, after.conversationId))
    .for('update', { of: conversations });
  const channel = row.channel as ChannelKind;
  const rise: TierRise = { itemId: after.id, from: before.tier, to: after.tier, channel };
  await recordEvent(tx, row.c, 'social.tier_raised', {
    itemId: String(after.id),
    from: before.tier,
    to: after.tier,
    score: after.score,
  });
  if (row.c.status === 'resolved') return rise;
  let c = row.c;
  const wanted = tierPriority[after.tier];
  const priority = priorities.indexOf(wanted) > priorities.indexOf(c.priority) ? wanted : c.priority;
  const [message] = await tx.select().from(messages).where(eq(messages.id, after.messageId));
  const rule = await evaluateRules(tx, c.accountId, {
    channel,
    inboxId: c.inboxId,
    text: message?.text ?? null,
    category: c.category,
    language: c.language,
    contact: { attributes: row.attributes },
    at: ctx.clock.now(),
    social: message ? socialMetricsOf(message) : null,
  });
  const team = rule?.teamId ? Number(rule.teamId) : null;
  if (c.assigneeId === null && team !== null && team !== c.teamId) {
    c = await queueInTx(ctx, tx, c, team, { priority: rule?.priority ?? priority, reason: 'influence' });
  } else if (priority !== c.priority) {
    [c] = await tx.update(conversations).set({ priority }).where(eq(conversations.id, c.id)).returning();
  }
  if (c !== row.c) rise.conversation = c;
  return rise;
}
