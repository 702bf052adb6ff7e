// The web-chat channel: its customers are the hub's own /widget sockets (server/widget/). A reply is
// pushed live to every socket of the visitor, on any hub node; a visitor who is away gets it with the
// next `session` (their conversation's history), so an offline visitor is no delivery failure.
import { z } from 'zod';
import { widgetSettings } from '#shared/widget.schema.ts';
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
  inbound: 'widget',
  protocol: { family: 'chat' },
  settingsSchema: widgetSettings,
  demoInbox: { name: 'Website chat', config: { greeting: 'Hello! How can we help you today?' } },
  configSchema: webchatConfigSchema,
  secretFields: [],
  signingSecret: true,
  capabilities: {
    attachments: true,
    typing: true,
    receipts: true,
    templates: false,
    richEmail: false,
    publicItems: false,
    hideDelete: false,
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
