// A file a web-chat visitor may download: one of a public message on their own thread, or their own
// upload. Private notes' files and everything else are "not found", so ids cannot be probed.
import { and, eq } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { type Attachment, attachments, conversations, messages } from '#server/db/schema.ts';
import { notFound } from '#server/errors.ts';
import { threadKeyOf, type VisitorScope, visitorContact } from './visitor.ts';

export async function loadVisitorFile(ctx: HubContext, v: VisitorScope, id: number): Promise<Attachment> {
  const [row] = await ctx.db
    .select({ file: attachments, inboxId: conversations.inboxId, threadKey: conversations.threadKey })
    .from(attachments)
    .leftJoin(messages, and(eq(messages.id, attachments.messageId), eq(messages.private, false)))
    .leftJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(and(eq(attachments.id, id), eq(attachments.accountId, v.accountId)));
  if (!row) throw notFound('attachment');
  const ofThread = row.inboxId === v.inboxId && row.threadKey === threadKeyOf(v);
  let own = false;
  if (!ofThread && row.file.uploadedByType === 'contact') {
    own = (await visitorContact(ctx, v))?.contact.id === row.file.uploadedById;
  }
  if (!ofThread && !own) throw notFound('attachment');
  return row.file;
}
