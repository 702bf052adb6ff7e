// A channel reports that a message it delivered earlier changed on the network (a Page comment edited,
// removed, hidden or shown again). The message keeps what it said before (`meta.social.edits`, oldest
// first) and a removal only marks it: agents still see what the customer wrote, and why it is gone.
import { and, eq } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { attachments, conversations, inboxes, messages } from '#server/db/schema.ts';
import type { ChannelKind, MessageChange } from '#shared/channels.ts';
import { messageToJson } from './serialize.ts';

type Social = {
  edits?: { text: string | null; until: string }[];
  removedAt?: string;
  hidden?: boolean;
  [key: string]: unknown;
};

export async function applyMessageChange(ctx: HubContext, c: MessageChange): Promise<void> {
  const at = (c.at ?? ctx.clock.now()).toISOString();
  const result = await ctx.db.transaction(async (tx) => {
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
    // One reaction per reacting side (Messenger's rule): a new one replaces it, `on: false` takes it back.
    if (c.reaction) {
      const { emoji, on, by } = c.reaction;
      const others = ((social.reactions as { by: string }[] | undefined) ?? []).filter((r) => r.by !== by);
      social.reactions = on ? [...others, { emoji, by, at }] : others;
    }
    const [updated] = await tx
      .update(messages)
      .set({ text, meta: { ...row.meta, social } })
      .where(eq(messages.id, row.id))
      .returning();
    const [about] = await tx
      .select({ conversation: conversations, channel: inboxes.channel })
      .from(conversations)
      .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
      .where(eq(conversations.id, updated.conversationId));
    const conversation = await ctx.events.emit(tx, 'message.changed', {
      channel: about.channel as ChannelKind,
      conversation: about.conversation,
      message: updated,
      before: row,
    });
    return { changed: updated, conversation };
  });
  if (!result) return;
  const { changed, conversation } = result;
  const files = await ctx.db.select().from(attachments).where(eq(attachments.messageId, changed.id));
  ctx.publisher.messageUpdated(conversation, messageToJson(changed, files));
}
