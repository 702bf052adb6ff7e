// message:send — the visitor's message, as the inbox's channel makes it (its definition's `widget`),
// through the hub's one ingest door. The external id is the visitor plus their clientMessageId, so a resend (a lost ack, a reconnect) stores
// nothing new and acks the message stored the first time. Attachments must be the visitor's own uploads.
// A new message counts against the visitor's and their address's rate limits (a resend does not).
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
import { type VisitorScope, visitorContact } from './visitor.ts';
import { conversationRoom, visitorRoom, widgetMessage } from './widget-link.ts';
import { readWidgetSettings } from './widget-settings.ts';

export async function sendVisitorMessage(
  ctx: HubContext,
  ingestor: Ingestor,
  socket: WidgetSocket,
  v: VisitorScope,
  body: z.infer<typeof widgetSendBody>,
): Promise<{ message: WidgetMessageJson }> {
  const running = await ctx.channels.ensure(v.inboxId);
  const widget = running?.definition.widget;
  if (!running || !widget) throw new AppError('unavailable', 'this chat is not available right now');
  const inbound = widget.toInbound({ ...v, language: socket.data.language }, body, running.inbox);
  const [seen] = await ctx.db
    .select()
    .from(messages)
    .where(and(eq(messages.inboxId, v.inboxId), eq(messages.externalId, inbound.externalId)));
  if (seen) {
    const files = await ctx.db.select().from(attachments).where(eq(attachments.messageId, seen.id));
    return { message: widgetMessage(messageToJson(seen, files)) };
  }

  const rates = readWidgetSettings(running.inbox.settings).rateLimits;
  const who = { inboxId: v.inboxId, address: socket.data.address, visitor: v.externalId };
  await ctx.limits.take('message', who, rates);
  if (inbound.attachmentIds?.length) await checkOwnUploads(ctx, v, inbound.attachmentIds);
  const r = await ingestor.ingest(running.inbox, inbound);
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
