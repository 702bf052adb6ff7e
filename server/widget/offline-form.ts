// The offline form (POST /api/v1/widget/offline): outside business hours or with nobody online, the
// visitor's message becomes a new conversation in the e-mail inbox the web-chat inbox names
// (settings.offlineEmailInboxId), so agents answer it by e-mail through the e-mail channel.
import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { HubContext } from '#server/context.ts';
import { ingestInboxOf } from '#server/conversations/ingest-inbox.ts';
import type { Ingestor } from '#server/conversations/ingestor.ts';
import { type Inbox, inboxes } from '#server/db/schema.ts';
import { AppError } from '#server/errors.ts';
import { kindsWhere } from '#server/inboxes/channel-facts.ts';
import type { offlineBody } from '#shared/widget.schema.ts';
import { readWidgetSettings } from './widget-settings.ts';

/** The e-mail inbox a web-chat inbox hands offline messages and transcripts to. */
export async function offlineEmailInbox(ctx: HubContext, webchat: Pick<Inbox, 'accountId' | 'settings'>) {
  const id = readWidgetSettings(webchat.settings).offlineEmailInboxId;
  const [row] = id
    ? await ctx.db
        .select()
        .from(inboxes)
        .where(
          and(
            eq(inboxes.id, Number(id)),
            eq(inboxes.accountId, webchat.accountId),
            // An inbox that answers by mail (the e-mail channel).
            inArray(
              inboxes.channel,
              kindsWhere((d) => d.capabilities.richEmail),
            ),
          ),
        )
    : [];
  if (!row) throw new AppError('no_email_inbox', 'this chat has no e-mail inbox for offline messages');
  return ingestInboxOf(row);
}

export const generatedMessageId = () => `<${randomUUID()}@widget.hub>`;

export async function submitOfflineForm(
  ctx: HubContext,
  ingestor: Ingestor,
  webchat: Inbox,
  body: z.infer<typeof offlineBody>,
) {
  const inbox = await offlineEmailInbox(ctx, webchat);
  const messageId = generatedMessageId();
  const email = body.email.toLowerCase();
  const firstLine = body.message.split('\n')[0].slice(0, 80);
  await ingestor.ingest(inbox, {
    channel: inbox.channel,
    inboxId: inbox.id,
    externalId: messageId,
    threadKey: `mail:${messageId}`,
    sender: { externalId: email, email, name: body.name, ...(body.phone ? { phone: body.phone } : {}) },
    subject: `Contact form: ${firstLine}`,
    text: body.message,
    meta: {
      offlineForm: true,
      webchatInboxId: String(webchat.id),
      ...(body.phone ? { phone: body.phone } : {}),
    },
  });
}
