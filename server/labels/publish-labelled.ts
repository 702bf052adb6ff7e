// After a label change commits: the consoles that show these conversations hear of them with their new
// labels (two queries whatever the number of conversations).
import { and, eq, inArray } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { conversationToJson } from '#server/conversations/serialize.ts';
import { conversations, inboxes } from '#server/db/schema.ts';
import type { ChannelKind } from '#shared/channels.ts';
import { labelsOf } from './labels-of.ts';

export async function publishLabelled(ctx: HubContext, accountId: number, conversationIds: number[]) {
  if (!conversationIds.length) return;
  const rows = await ctx.db
    .select({ conversation: conversations, channel: inboxes.channel })
    .from(conversations)
    .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
    .where(and(eq(conversations.accountId, accountId), inArray(conversations.id, conversationIds)));
  const labels = await labelsOf(ctx.db, accountId, conversationIds);
  for (const r of rows) {
    ctx.publisher.conversationUpdated(
      r.conversation,
      conversationToJson(r.conversation, r.channel as ChannelKind, {
        labels: labels.get(r.conversation.id) ?? [],
      }),
    );
  }
}
