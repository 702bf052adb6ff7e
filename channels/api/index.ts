// The API channel: how call-centre software or a CRM plugs in. Inbound arrives over REST
// (POST /api/v1/inboxes/:id/incoming, server/api/incoming.routes.ts, turned into a message by `rest`); outbound replies are POSTed to
// the inbox's webhookUrl, signed with the inbox secret, and retried by the outbox until a 2xx.
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { noCapabilities } from '../capabilities.ts';
import { ChannelError } from '../errors.ts';
import type { ChannelDefinition } from '../types.ts';

export const apiConfigSchema = z.object({ webhookUrl: z.url({ protocol: /^https?$/ }).optional() });
export type ApiConfig = z.infer<typeof apiConfigSchema>;

export const signBody = (secret: string, body: string) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

export const apiChannel: ChannelDefinition<ApiConfig> = {
  kind: 'api',
  label: 'API',
  tag: { en: 'API', es: 'API', ar: 'API' },
  inbound: 'rest',
  // The integrator's side may be a machine that answers: automatic messages are capped by default.
  protocol: { family: null, automaticRepliesPerHour: 3 },
  service: { capacity: 5 },
  demoInbox: { name: 'CRM / call centre API', config: {} },
  rest: {
    // The integrator's ids: its message id makes a retried post a no-op, its customer id the identity.
    toInbound: (body, inbox) => ({
      channel: inbox.channel,
      inboxId: inbox.id,
      externalId: body.externalId,
      threadKey: body.threadKey ?? `contact:${body.contact.externalId}`,
      sender: {
        externalId: body.contact.externalId,
        name: body.contact.name,
        email: body.contact.email,
        phone: body.contact.phone,
      },
      text: body.text,
      html: body.html,
      subject: body.subject,
      attachmentIds: body.attachmentIds?.map(Number),
    }),
  },
  configSchema: apiConfigSchema,
  secretFields: [],
  signingSecret: true,
  capabilities: {
    ...noCapabilities,
    attachments: true,
  },
  create(ctx) {
    return {
      async start() {
        ctx.setHealth('ready');
      },
      async stop() {},
      async send(out) {
        const url = ctx.config.webhookUrl;
        if (!url)
          throw new ChannelError('PERMANENT', 'this API inbox has no webhookUrl to deliver replies to');
        if (!ctx.secret) throw new ChannelError('AUTH', 'this API inbox has no signing secret');
        // `contact.externalId` is the integrator's own id of the customer the reply is for.
        const body = JSON.stringify({ event: 'message.created', ...out.json, contact: out.recipient });
        let res: Response;
        try {
          res = await fetch(url, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'user-agent': 'omnichannel-hub',
              'x-hub-event': 'message.created',
              'x-hub-delivery': String(out.messageId),
              'x-hub-signature-256': signBody(ctx.secret, body),
            },
            body,
            signal: out.signal,
            redirect: 'error',
          });
          await res.arrayBuffer().catch(() => undefined);
        } catch (err) {
          throw new ChannelError('TEMPORARY', `webhook unreachable: ${(err as Error).message}`, {
            cause: err,
          });
        }
        if (res.status === 429) {
          const after = Number(res.headers.get('retry-after'));
          throw new ChannelError('RATE_LIMITED', 'webhook answered 429', {
            retryAfterMs: Number.isFinite(after) && after > 0 ? after * 1000 : undefined,
          });
        }
        if (!res.ok) throw new ChannelError('TEMPORARY', `webhook answered ${res.status}`);
        return { externalId: `api-out-${out.messageId}` };
      },
    };
  },
};
