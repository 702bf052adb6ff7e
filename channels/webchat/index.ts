// The web-chat channel: its customers are the hub's own /widget sockets (server/widget/). A reply is
// pushed live to every socket of the visitor, on any hub node; a visitor who is away gets it with the
// next `session` (their conversation's history), so an offline visitor is no delivery failure.
import { z } from 'zod';
import { widgetSettings } from '#shared/widget.schema.ts';
import { noCapabilities } from '../capabilities.ts';
import { ChannelError } from '../errors.ts';
import type { ChannelDefinition } from '../types.ts';

export const webchatConfigSchema = z.object({
  websiteUrl: z.url().optional(),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/)
    .optional(),
  greeting: z.string().max(500).optional(),
  language: z.string().max(10).optional(),
});
export type WebchatConfig = z.infer<typeof webchatConfigSchema>;

export const webchatChannel: ChannelDefinition<WebchatConfig> = {
  kind: 'webchat',
  label: 'Web chat',
  tag: { en: 'Web chat', es: 'Chat web', ar: 'دردشة الموقع' },
  inbound: 'widget',
  protocol: { family: 'chat' },
  // The 109 top-up procedure: a chat is answered within 20 seconds.
  service: {
    sla: { firstResponseSeconds: 20, nextResponseSeconds: 60, resolutionSeconds: 3600 },
    capacity: 3,
  },
  settingsSchema: widgetSettings,
  demoInbox: { name: 'Website chat', config: { greeting: 'Hello! How can we help you today?' } },
  widget: {
    // One thread per visitor and inbox (a verified visitor's is the same on every device).
    threadKey: (visitor) => visitor.externalId,
    // The visitor's id scopes the client's message id: a resend is the same message.
    toInbound: (visitor, body, inbox) => ({
      channel: inbox.channel,
      inboxId: inbox.id,
      externalId: `${visitor.externalId}/${body.clientMessageId}`,
      threadKey: visitor.externalId,
      sender: { externalId: visitor.externalId },
      text: body.text.trim() || undefined,
      clientMessageId: body.clientMessageId,
      ...(visitor.language ? { language: visitor.language } : {}),
      ...(body.attachmentIds?.length ? { attachmentIds: [...new Set(body.attachmentIds.map(Number))] } : {}),
    }),
  },
  configSchema: webchatConfigSchema,
  secretFields: [],
  signingSecret: true,
  capabilities: {
    ...noCapabilities,
    attachments: true,
    typing: true,
    receipts: true,
    live: true,
    nativeSurvey: true,
  },
  create(ctx) {
    return {
      async start() {
        ctx.setHealth('ready');
      },
      async stop() {},
      async send(out) {
        if (out.signal.aborted)
          throw new ChannelError('TEMPORARY', 'the send was aborted (the hub is stopping)');
        if (!ctx.visitors) throw new ChannelError('TEMPORARY', 'the widget namespace is not running');
        const externalId = `webchat-out-${out.messageId}`;
        ctx.visitors.push(
          {
            inboxId: ctx.inbox.id,
            visitorExternalId: out.recipient.externalId,
            conversationId: out.conversationId,
          },
          { ...out.json.message, status: 'sent', externalId },
        );
        return { externalId };
      },
    };
  },
};
