// messages:read — the visitor saw the agents' messages up to an id: those of their conversation that
// were sent or delivered become `read`, and the agents (and the visitor's other devices) hear of each.
import { and, eq, inArray, lte } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { messagesToJson } from '#server/conversations/messages-json.ts';
import { messages } from '#server/db/schema.ts';
import { notFound } from '#server/errors.ts';
import { currentConversation, type VisitorScope } from './visitor.ts';

export async function markReadByVisitor(ctx: HubContext, v: VisitorScope, upToMessageId: number) {
  const conversation = await currentConversation(ctx, v);
  if (!conversation) throw notFound('conversation');
  const read = await ctx.db
    .update(messages)
    .set({ status: 'read' })
    .where(
      and(
        eq(messages.conversationId, conversation.id),
        eq(messages.direction, 'out'),
        eq(messages.private, false),
        lte(messages.id, upToMessageId),
        inArray(messages.status, ['sent', 'delivered']),
      ),
    )
    .returning();
  for (const json of await messagesToJson(ctx.db, read)) ctx.publisher.messageUpdated(conversation, json);
  return { read: read.map((m) => String(m.id)) };
}
