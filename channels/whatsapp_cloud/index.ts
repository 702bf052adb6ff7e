// The WhatsApp Cloud API channel (Meta's official HTTP API, for businesses that must not risk a ban):
// inbound over Meta's signed webhook at /webhooks/whatsapp_cloud/<inboxId> (webhook.ts), outbound
// through the Graph API (send-message.ts) within the 24-hour customer-service window, or as an approved
// template outside it. Nothing to keep open: start() — run on every save and at boot — reads the phone
// number with the token (the connection test), so a wrong token or number shows on the inbox as soon as
// it is saved instead of at the first reply. It does not hold the start up: webhooks are taken meanwhile.
import { authWatcher } from '../auth-watch.ts';
import { noCapabilities } from '../capabilities.ts';
import type { ChannelDefinition, ConnectionCheck } from '../types.ts';
import { type WhatsappCloudConfig, whatsappCloudConfigSchema } from './config.ts';
import { graphClient } from './graph-client.ts';
import { createCloudSender, MAX_TEXT, REPLY_WINDOW_HOURS } from './send-message.ts';
import { whatsappCloudWebhook } from './webhook.ts';

export const whatsappCloudChannel: ChannelDefinition<WhatsappCloudConfig> = {
  kind: 'whatsapp_cloud',
  label: 'WhatsApp Cloud API',
  tag: { en: 'WhatsApp', es: 'WhatsApp', ar: 'واتساب' },
  inbound: 'webhook',
  protocol: { family: 'social' },
  service: {
    sla: { firstResponseSeconds: 60, nextResponseSeconds: 300, resolutionSeconds: 86_400 },
    capacity: 3,
  },
  configSchema: whatsappCloudConfigSchema,
  secretFields: ['accessToken', 'appSecret', 'verifyToken'],
  // Meta signs with the app secret, which is part of the config.
  signingSecret: false,
  capabilities: {
    ...noCapabilities,
    attachments: true,
    receipts: true,
    maxText: MAX_TEXT,
    // Outside the customer-service window only an approved template may be sent.
    templates: true,
    replyWindowHours: REPLY_WINDOW_HOURS,
  },
  webhook: whatsappCloudWebhook,
  // A webhook message's thread is the sender's wa_id (digits, no +); its identity the number in E.164.
  phoneAddress: (e164) => ({ threadKey: e164.replace(/^\+/, ''), externalId: e164 }),
  create(ctx) {
    const send = createCloudSender(ctx.config, graphClient(ctx.config));
    const watched = authWatcher(ctx);
    return {
      async start() {
        void checkConnection(ctx.config).then(([check]) => {
          if (ctx.signal.aborted) return;
          if (check.ok) ctx.setHealth('ready', check.detail);
          else ctx.setHealth('failed', `the Graph API refused the phone number and token: ${check.detail}`);
        });
      },
      async stop() {},
      send: (out) => watched(() => send(out)),
    };
  },
  testConnection: checkConnection,
};

/** Reads the phone number with the token: proves the token, its permission and the phone number id. */
async function checkConnection(config: WhatsappCloudConfig): Promise<ConnectionCheck[]> {
  try {
    const number = await graphClient(config).get(
      `${config.phoneNumberId}?fields=display_phone_number,verified_name`,
      AbortSignal.timeout(15_000),
    );
    const detail = [number.verified_name, number.display_phone_number].filter(Boolean).join(' · ');
    return [{ step: 'graph api phone number', ok: true, ...(detail ? { detail } : {}) }];
  } catch (err) {
    return [{ step: 'graph api phone number', ok: false, detail: (err as Error).message }];
  }
}
