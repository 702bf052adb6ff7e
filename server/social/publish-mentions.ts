// Persist, then publish, for the Mentions desk. Marketing (room `social:<account>`), admins and
// supervisors hear `mention:new` / `mention:updated`, and `mention:alert` when a high-tier item arrives or
// an item climbs a tier. The desk follows the conversation events the hub already publishes after each
// commit (a new message, a conversation taken or answered, a comment hidden): this decorator of the
// publisher turns those of social conversations into mention events, so no use-case has to know the desk.
// Marketing, who reads social conversations but is in none of their rooms, gets their events too.
import { desc, eq, inArray } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { conversationToJson } from '#server/conversations/serialize.ts';
import { inboxes, socialItems } from '#server/db/schema.ts';
import { capabilitiesOf } from '#server/inboxes/channel-facts.ts';
import type { Publisher } from '#server/realtime/publisher.ts';
import type { MentionJson } from '#shared/mentions.schema.ts';
import { mentionsToJson } from './mention-json.ts';
import { alarming, type TierRise } from './raise-tier.ts';

export function withMentionEvents(inner: Publisher, getCtx: () => HubContext): Publisher {
  const later = (what: string, run: () => Promise<void>) => {
    run().catch((err) => getCtx().log.warn({ err }, `could not publish ${what}`));
  };
  return {
    ...inner,
    messageCreated(conversation, message) {
      inner.messageCreated(conversation, message);
      later('a social message', async () => {
        if (await isSocial(getCtx(), conversation.inboxId)) {
          inner.socialConversation(conversation.accountId, { name: 'message:new', message });
        }
      });
      if (message.direction !== 'in' || message.social?.visibility !== 'public') return;
      later('a new mention', async () => {
        const ctx = getCtx();
        const rows = await ctx.db
          .select()
          .from(socialItems)
          .where(eq(socialItems.messageId, Number(message.id)));
        for (const m of await mentionsToJson(ctx.db, conversation.accountId, rows)) {
          inner.mention(conversation.accountId, 'mention:new', m);
          if (alarming(m.influence?.tier ?? null)) {
            inner.mentionAlert(conversation.accountId, { type: 'mention.high', mention: m });
          }
        }
      });
    },
    messageUpdated(conversation, message) {
      inner.messageUpdated(conversation, message);
      later('a social message', async () => {
        if (await isSocial(getCtx(), conversation.inboxId)) {
          inner.socialConversation(conversation.accountId, { name: 'message:updated', message });
        }
      });
      if (message.social?.visibility !== 'public') return;
      later('a changed mention', () =>
        publishOf(getCtx(), inner, conversation.accountId, { messageId: Number(message.id) }),
      );
    },
    conversationUpdated(conversation, json, previous) {
      inner.conversationUpdated(conversation, json, previous);
      if (!capabilitiesOf(json.channel).publicItems) return;
      inner.socialConversation(conversation.accountId, { name: 'conversation:updated', conversation: json });
      later('mentions of a conversation', () =>
        publishOf(getCtx(), inner, conversation.accountId, { conversationId: conversation.id }),
      );
    },
  };
}

/**
 * Whether an inbox is of a channel with public items. The running inbox says so without a query; an inbox
 * this node does not run is read once (an inbox's channel never changes).
 */
async function isSocial(ctx: HubContext, inboxId: number): Promise<boolean> {
  const running = ctx.channels.get(inboxId);
  if (running) return capabilitiesOf(running.inbox.channel).publicItems;
  const [row] = await ctx.db
    .select({ channel: inboxes.channel })
    .from(inboxes)
    .where(eq(inboxes.id, inboxId));
  return row ? capabilitiesOf(row.channel).publicItems : false;
}

/** The latest state of a conversation's items (its 20 newest) or of one message's item. */
async function publishOf(
  ctx: HubContext,
  publisher: Publisher,
  accountId: number,
  of: { conversationId: number } | { messageId: number },
): Promise<void> {
  const rows = await ctx.db
    .select()
    .from(socialItems)
    .where(
      'messageId' in of
        ? eq(socialItems.messageId, of.messageId)
        : eq(socialItems.conversationId, of.conversationId),
    )
    .orderBy(desc(socialItems.id))
    .limit(20);
  for (const m of await mentionsToJson(ctx.db, accountId, rows))
    publisher.mention(accountId, 'mention:updated', m);
}

/** After a refresh or an action: the items' new state, the conversations a tier rise moved, and alerts. */
export async function publishMentionChanges(ctx: HubContext, itemIds: number[], rises: TierRise[] = []) {
  if (itemIds.length === 0) return;
  const rows = await ctx.db.select().from(socialItems).where(inArray(socialItems.id, itemIds));
  if (rows.length === 0) return;
  const accountId = rows[0].accountId;
  const json = new Map<string, MentionJson>(
    (await mentionsToJson(ctx.db, accountId, rows)).map((m) => [m.id, m]),
  );
  for (const m of json.values()) ctx.publisher.mention(accountId, 'mention:updated', m);
  for (const r of rises) {
    const m = json.get(String(r.itemId));
    if (!m) continue;
    if (r.conversation) {
      ctx.publisher.conversationUpdated(r.conversation, conversationToJson(r.conversation, r.channel));
      if (r.conversation.assigneeId === null) ctx.queue.wake('route');
    }
    ctx.publisher.mentionAlert(
      accountId,
      r.from === null
        ? { type: 'mention.high', mention: m }
        : { type: 'mention.climbed', mention: m, from: r.from },
    );
  }
}
