// The web-chat channel's inbox settings. Its customer side (the /widget socket namespace, which delivers
// agent replies live) is built with the widget; until then a reply is stored for the visitor to fetch.
import { z } from 'zod';
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
  configSchema: webchatConfigSchema,
  secretFields: [],
  signingSecret: true,
  capabilities: { attachments: true, typing: true, receipts: true },
  create(ctx) {
    return {
      async start() {
        ctx.setHealth('ready');
      },
      async stop() {},
      async send(out) {
        // The visitor reads replies from the conversation; the live push arrives with the widget namespace.
        return { externalId: `webchat-out-${out.messageId}` };
      },
    };
  },
};
