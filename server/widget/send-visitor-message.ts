// message:send — the visitor's message through the hub's one ingest door (channel 'webchat'). The
// external id is the visitor plus their clientMessageId, so a resend (a lost ack, a reconnect) stores
// nothing new and acks the message stored the first time. Attachments must be the visitor's own uploads.
import { and, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { HubContext } from '#server/context.ts';
import type { Ingestor } from '#server/conversations/ingestor.ts';
import { messageToJson } from '#server/conversations/serialize.ts';
import { attachments, messages } from '#server/db/schema.ts';
import { AppError } from '#server/errors.ts';
import type { WidgetSocket } from '#server/realtime/namespaces.ts';
import type { WidgetMessageJson } from '#shared/socket-events.ts';
import type { widgetSendBody } from '#shared/widget.schema.ts';
import { threadKeyOf, type VisitorScope, visitorContact } from './visitor.ts';
import { conversationRoom, visitorRoom, widgetMessage } from './widget-link.ts';

export async function sendVisitorMessage(
  ctx: HubContext,
  ingestor: Ingestor,
  socket: WidgetSocket,
  v: VisitorScope,
  body: z.infer<typeof widgetSendBody>,
): Promise<{ message: WidgetMessageJson }> {
  const externalId = `${v.externalId}/${body.clientMessageId}`;
  const [seen] = await ctx.db
    .select()
    .from(messages)
    .where(and(eq(messages.inboxId, v.inboxId), eq(messages.externalId, externalId)));
  if (seen) {
    const files = await ctx.db.select().from(attachments).where(eq(attachments.messageId, seen.id));
    return { message: widgetMessage(messageToJson(seen, files)) };
  }

  const attachmentIds = [...new Set(body.attachmentIds?.map(Number) ?? [])];
  if (attachmentIds.length) await checkOwnUploads(ctx, v, attachmentIds);

  const running = await ctx.channels.ensure(v.inboxId);
  if (!running) throw new AppError('unavailable', 'this chat is not available right now');
  const r = await ingestor.ingest(running.inbox, {
    channel: 'webchat',
    inboxId: v.inboxId,
    externalId,
    threadKey: threadKeyOf(v),
    sender: { externalId: v.externalId },
    text: body.text.trim() || undefined,
    clientMessageId: body.clientMessageId,
    ...(attachmentIds.length ? { attachmentIds } : {}),
  });
  const message = widgetMessage(messageToJson(r.message, r.attachments));
  // This socket follows the conversation at once; the visitor's other devices (any node) join it too.
  socket.join(conversationRoom(r.conversation.id));
  ctx.widget.joinConversation(v.inboxId, v.externalId, r.conversation.id);
  if (!r.duplicate) socket.to(visitorRoom(v.inboxId, v.externalId)).emit('message:new', { message });
  return { message };
}

async function checkOwnUploads(ctx: HubContext, v: VisitorScope, ids: number[]): Promise<void> {
  const contact = await visitorContact(ctx, v);
  const rows = contact
    ? await ctx.db
        .select({ id: attachments.id, messageId: attachments.messageId })
        .from(attachments)
        .where(
          and(
            inArray(attachments.id, ids),
            eq(attachments.accountId, v.accountId),
            eq(attachments.uploadedByType, 'contact'),
            eq(attachments.uploadedById, contact.contact.id),
          ),
        )
    : [];
  if (rows.length !== ids.length || rows.some((r) => r.messageId !== null)) {
    throw new AppError('not_found', 'an attachment id is unknown, not yours, or already sent');
  }
}
