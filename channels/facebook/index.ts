// The Facebook Page channel (Messenger chats and the Page's comments), over the Graph API with plain HTTP:
// inbound over Meta's signed webhook at /webhooks/facebook/<inboxId> (webhook.ts), outbound as a
// Messenger message (send-message.ts) or as a public or private reply to a comment (reply-to-comment.ts).
// Nothing to keep open: start() only says the inbox is ready.

import { authWatcher } from '../auth-watch.ts';
import { noCapabilities } from '../capabilities.ts';
import { ChannelError } from '../errors.ts';
import type { ChannelDefinition, ConnectionCheck, OutboundMessage } from '../types.ts';
import { type FacebookConfig, facebookConfigSchema } from './config.ts';
import { facebookGraph } from './graph-client.ts';
import { measureItems } from './measure-items.ts';
import { deleteComment, likeItem, setCommentHidden } from './moderate-comment.ts';
import { MAX_COMMENT, replyPrivately, replyPublicly } from './reply-to-comment.ts';
import { MAX_TEXT, messagingTypeOf, sendMessenger } from './send-message.ts';
import { noteSent } from './sent-log.ts';
import { facebookWebhook } from './webhook.ts';

const isCommentThread = (threadKey: string) => threadKey.startsWith('comment:');

export const facebookChannel: ChannelDefinition<FacebookConfig> = {
  kind: 'facebook',
  label: 'Facebook Page',
  tag: { en: 'Facebook', es: 'Facebook', ar: 'فيسبوك' },
  inbound: 'webhook',
  protocol: { family: 'social' },
  service: {
    sla: { firstResponseSeconds: 300, nextResponseSeconds: 900, resolutionSeconds: 86_400 },
    capacity: 3,
  },
  configSchema: facebookConfigSchema,
  secretFields: ['pageAccessToken', 'appSecret', 'verifyToken'],
  // Meta signs with the app secret, which is part of the config.
  signingSecret: false,
  capabilities: {
    ...noCapabilities,
    attachments: true,
    receipts: true,
    // A public answer is a comment; Messenger (a chat, or a private reply to a comment) holds less.
    maxText: MAX_COMMENT,
    maxPrivateText: MAX_TEXT,
    // Comments are public; a private reply answers one in Messenger.
    publicItems: true,
    // Messenger's 24-hour window is enforced by send() (a PERMANENT refusal before calling Meta) rather
    // than declared as `replyWindowHours`: comment threads have no such window, and Messenger has no
    // templates to offer once it closes, which is what the console's window countdown leads to.
    // Comments on the Page's posts can be hidden or deleted, and any public item liked as the Page.
    hideDelete: true,
    like: true,
  },
  webhook: facebookWebhook,
  create(ctx) {
    const graph = facebookGraph(ctx.config);
    const watched = authWatcher(ctx);

    async function send(
      out: OutboundMessage,
    ): Promise<{ externalId: string; meta?: Record<string, unknown> }> {
      if (out.signal.aborted) throw new ChannelError('TEMPORARY', 'the send was cancelled');
      if (isCommentThread(out.threadKey)) {
        return out.privately ? replyPrivately(ctx, graph, out) : replyPublicly(graph, out);
      }
      const how = messagingTypeOf(ctx.config, out.lastCustomerMessageAt);
      const psid = out.recipient.externalId || out.threadKey;
      const sent = await sendMessenger(ctx.config, graph, out, { id: psid }, how);
      // Sent is sent: a failure to remember it for read receipts must not make the outbox send it again.
      await noteSent(ctx, sent.psid, sent.mids, Date.now()).catch((err: unknown) =>
        ctx.log.warn({ err }, 'could not note a Messenger send for its read receipts'),
      );
      return { externalId: sent.externalId };
    }

    return {
      async start() {
        ctx.setHealth('ready');
      },
      async stop() {},
      send: (out) => watched(() => send(out)),
      moderate: ({ externalId, action }, signal) =>
        watched(() => {
          if (action === 'like') return likeItem(graph, externalId, signal);
          if (action === 'delete') return deleteComment(graph, externalId, signal);
          return setCommentHidden(graph, externalId, action === 'hide', signal);
        }),
      measure: (items, signal) => watched(() => measureItems(graph, items, signal)),
    };
  },
  testConnection: checkConnection,
};

/** Reads the Page with the token: proves the token, its permission and the Page id. */
async function checkConnection(config: FacebookConfig): Promise<ConnectionCheck[]> {
  try {
    const page = await facebookGraph(config).get(`${config.pageId}?fields=name`, AbortSignal.timeout(15_000));
    return [
      { step: 'graph api page', ok: true, ...(typeof page.name === 'string' ? { detail: page.name } : {}) },
    ];
  } catch (err) {
    return [{ step: 'graph api page', ok: false, detail: (err as Error).message }];
  }
}
