// A conversation the caller may see, or 404 — never a hint that another account's id exists.
import { and, eq } from 'drizzle-orm';
import type { Auth } from '#server/auth/authenticate.ts';
import type { HubContext } from '#server/context.ts';
import { type Conversation, conversations, inboxes } from '#server/db/schema.ts';
import { notFound } from '#server/errors.ts';
import type { ChannelKind } from '#shared/channels.ts';
import { visibleTo } from './visibility.ts';

export async function loadVisible(
  ctx: HubContext,
  auth: Auth,
  conversationId: number,
): Promise<{ conversation: Conversation; channel: ChannelKind }> {
  const [row] = await ctx.db
    .select({ conversation: conversations, channel: inboxes.channel })
    .from(conversations)
    .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
    .where(and(eq(conversations.id, conversationId), visibleTo(auth)));
  if (!row) throw notFound('conversation');
  return { conversation: row.conversation, channel: row.channel as ChannelKind };
}
