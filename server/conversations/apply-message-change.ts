// A channel reports that a message it delivered earlier changed on the network (a Page comment edited,
// removed, hidden or shown again). The message keeps what it said before (`meta.social.edits`, oldest
// first) and a removal only marks it: agents still see what the customer wrote, and why it is gone.
import { and, eq } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { attachments, conversations, messages } from '#server/db/schema.ts';
import type { MessageChange } from '#shared/channels.ts';
import { messageToJson } from './serialize.ts';

type Social = {
  edits?: { text: string | null; until: string }[];
  removedAt?: string;
  hidden?: boolean;
  [key: string]: unknown;
};

export async function applyMessageChange(ctx: HubContext, c: MessageChange): Promise<void> {
  const at = (c.at ?? ctx.clock.now()).toISOString();
  const changed = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(messages)
      .where(and(eq(messages.inboxId, c.inboxId), eq(messages.externalId, c.externalId)))
      .for('update');
    // A change to something the hub never stored (a comment from before the inbox existed): nothing to mark.
    if (!row) return undefined;
    const social: Social = { ...((row.meta.social as Social | undefined) ?? {}) };
    let text = row.text;
    // A redelivered edit carries the text already stored: no second history entry.
    if (c.text !== undefined && c.text !== row.text) {
      social.edits = [...(social.edits ?? []), { text: row.text, until: at }];
      text = c.text;
    }
    if (c.removed && !social.removedAt) social.removedAt = at;
    if (c.hidden !== undefined) social.hidden = c.hidden;
    const [updated] = await tx
      .update(messages)
      .set({ text, meta: { ...row.meta, social } })
      .where(eq(messages.id, row.id))
      .returning();
    return updated;
  });
  if (!changed) return;
  const [conversation] = await ctx.db
    .select()
    .from(conversations)
    .where(eq(conversations.id, changed.conversationId));
  const files = await ctx.db.select().from(attachments).where(eq(attachments.messageId, changed.id));
  ctx.publisher.messageUpdated(conversation, messageToJson(changed, files));
}
