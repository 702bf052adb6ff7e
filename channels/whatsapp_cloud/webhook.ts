// Meta's side of the webhook: the subscription handshake (hub.mode / hub.verify_token / hub.challenge),
// the X-Hub-Signature-256 check over the raw body with the app secret, and the events themselves. Each
// message (with its file, downloaded from the Graph API) is handed to the hub and awaited, then each
// receipt: the route answers 200 only after all of it is committed, so anything that fails is delivered
// again by Meta — and stored once, the wamid being the message's external id.
import type { InboundAttachment } from '#shared/channels.ts';
import { ChannelError } from '../errors.ts';
import { metaChallenge, metaSignatureValid } from '../meta/webhook-auth.ts';
import type { ChannelContext, ChannelDefinition } from '../types.ts';
import type { WhatsappCloudConfig } from './config.ts';
import { type GraphClient, graphClient } from './graph-client.ts';
import { deliveryOf, inboundOf, mediaFileName, type ParsedMessage } from './parse-webhook.ts';
import { messagesValue, webhookPayload } from './webhook.schema.ts';

export const whatsappCloudWebhook: NonNullable<ChannelDefinition<WhatsappCloudConfig>['webhook']> = {
  verifyChallenge: (query, config) => metaChallenge(query, config.verifyToken),
  verify: (req, { config }) => metaSignatureValid(req, config.appSecret),

  async handle(req, ctx) {
    const payload = webhookPayload.parse(req.body);
    // The same app may be subscribed to other objects (pages, Instagram); nothing of ours there.
    if (payload.object !== 'whatsapp_business_account') return;
    const graph = graphClient(ctx.config);
    for (const entry of payload.entry) {
      for (const change of entry.changes) {
        if (change.field !== 'messages') continue;
        const value = messagesValue.parse(change.value);
        // A webhook shared by several numbers of the business account: this inbox is one of them.
        if (value.metadata.phone_number_id !== ctx.config.phoneNumberId) {
          ctx.log.warn(
            { phoneNumberId: value.metadata.phone_number_id },
            'webhook event for another phone number; set a webhook per number or a separate inbox',
          );
          continue;
        }
        for (const raw of value.messages ?? []) {
          const parsed = inboundOf(ctx.inbox.id, value, raw);
          await ctx.receive(await withMedia(parsed, graph, ctx));
        }
        for (const status of value.statuses ?? []) {
          const update = deliveryOf(ctx.inbox.id, status);
          if (update) await ctx.updateStatus(update);
        }
      }
    }
  },
};

/**
 * The message with its file. A file Meta no longer has (PERMANENT) is noted on the message instead; any
 * other failure is thrown, so the webhook fails and Meta delivers it again later.
 */
async function withMedia(
  parsed: ParsedMessage,
  graph: GraphClient,
  ctx: ChannelContext<WhatsappCloudConfig>,
): Promise<ParsedMessage['message']> {
  const { message, media } = parsed;
  if (!media) return message;
  try {
    const file = await graph.download(media.id, AbortSignal.any([ctx.signal, AbortSignal.timeout(60_000)]));
    const mime = file.mime ?? media.mime_type ?? null;
    const attachment: InboundAttachment = {
      data: file.data,
      name: mediaFileName(media, mime),
      ...(mime ? { mime } : {}),
    };
    return { ...message, attachments: [attachment] };
  } catch (err) {
    if (err instanceof ChannelError && err.code === 'AUTH') ctx.setHealth('needs_auth', err.message);
    if (!(err instanceof ChannelError) || err.code !== 'PERMANENT') throw err;
    ctx.log.warn({ err, mediaId: media.id }, 'WhatsApp media could not be downloaded');
    return {
      ...message,
      meta: {
        ...message.meta,
        rejectedAttachments: [{ name: mediaFileName(media, media.mime_type ?? null), reason: err.message }],
      },
    };
  }
}
