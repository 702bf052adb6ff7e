// Meta's side of the Page webhook: the subscription handshake (hub.mode / hub.verify_token /
// hub.challenge), the X-Hub-Signature-256 check over the raw body with the app secret, and the events:
// Messenger messages (with their files, downloaded into the hub), echoes, receipts, and `feed` changes.
// Each is handed to the hub and awaited, so the route answers 200 only after all of it is committed;
// anything that fails is delivered again by Meta, and stored once (mids and comment ids are external ids).
import type { InboundAttachment, InboundMessage } from '#shared/channels.ts';
import { ChannelError } from '../errors.ts';
import { metaChallenge, metaSignatureValid } from '../meta/webhook-auth.ts';
import type { ChannelContext, ChannelDefinition } from '../types.ts';
import type { FacebookConfig } from './config.ts';
import { type FacebookGraph, facebookGraph } from './graph-client.ts';
import { feedItemOf, threadAuthor } from './parse-feed.ts';
import { type FileRef, messagingItemOf } from './parse-messaging.ts';
import { sentUpTo } from './sent-log.ts';
import { feedValue, messagingEvent, pageWebhook } from './webhook.schema.ts';

type Ctx = ChannelContext<FacebookConfig>;

export const facebookWebhook: NonNullable<ChannelDefinition<FacebookConfig>['webhook']> = {
  verifyChallenge: (query, config) => metaChallenge(query, config.verifyToken),
  verify: (req, { config }) => metaSignatureValid(req, config.appSecret),

  async handle(req, ctx) {
    const payload = pageWebhook.parse(req.body);
    // The same app may be subscribed to other objects (WhatsApp, Instagram); nothing of ours there.
    if (payload.object !== 'page') return;
    const graph = facebookGraph(ctx.config);
    for (const entry of payload.entry) {
      // An app serving several Pages posts them all to every callback: this inbox is one Page.
      if (entry.id !== ctx.config.pageId) {
        ctx.log.warn({ pageId: entry.id }, 'webhook event for another Page; give each Page its own inbox');
        continue;
      }
      for (const raw of entry.messaging ?? []) await onMessaging(ctx, graph, messagingEvent.parse(raw));
      for (const change of entry.changes ?? []) {
        if (change.field !== 'feed') continue;
        await onFeed(ctx, feedValue.parse(change.value), entry.time);
      }
    }
  },
};

async function onMessaging(ctx: Ctx, graph: FacebookGraph, raw: ReturnType<typeof messagingEvent.parse>) {
  const item = messagingItemOf(ctx.inbox.id, ctx.config.pageId, raw);
  if (!item) return;
  if (item.kind === 'message') {
    await ctx.receive(await withFiles(item.message, item.files, graph, ctx));
    return;
  }
  const status = item.kind === 'read' ? 'read' : 'delivered';
  const mids = new Set([...(item.kind === 'delivery' ? item.mids : [])]);
  for (const mid of await sentUpTo(ctx, item.psid, item.watermark, item.kind === 'read')) mids.add(mid);
  for (const mid of mids) await ctx.updateStatus({ inboxId: ctx.inbox.id, externalId: mid, status });
}

async function onFeed(ctx: Ctx, value: ReturnType<typeof feedValue.parse>, entryTime?: number) {
  const item = feedItemOf(ctx.inbox.id, ctx.config.pageId, value, entryTime);
  if (!item) {
    // Meta leaves the author out when the app lacks pages_read_user_content: say why nothing was stored.
    if (value.item === 'comment' && value.verb === 'add' && !value.from) {
      ctx.log.warn(
        { commentId: value.comment_id },
        'comment without its author: grant pages_read_user_content',
      );
    }
    return;
  }
  if (item.kind === 'change') return ctx.changeMessage(item.change);
  if (!item.fromPage) return ctx.receive(item.message);
  // The Page answered a comment on Facebook itself: the business's reply, in the commenter's thread.
  const social = item.message.meta?.social as { parentId?: string } | undefined;
  const thread = social?.parentId ? await ctx.resolveThread({ externalIds: [social.parentId] }) : null;
  const author = thread ? threadAuthor(thread) : null;
  if (!thread || !author) return;
  await ctx.receive({
    ...item.message,
    threadKey: thread,
    sender: { externalId: author },
    fromBusiness: true,
  });
}

/**
 * The message with its files. A file Meta no longer serves (PERMANENT) is noted on the message instead;
 * any other failure is thrown, so the webhook fails and Meta delivers it again later.
 */
async function withFiles(
  message: InboundMessage,
  files: FileRef[],
  graph: FacebookGraph,
  ctx: Ctx,
): Promise<InboundMessage> {
  const attachments: InboundAttachment[] = [];
  const rejected: { name: string; reason: string }[] = [];
  for (const f of files) {
    try {
      const file = await graph.download(f.url, AbortSignal.any([ctx.signal, AbortSignal.timeout(60_000)]));
      attachments.push({ data: file.data, name: f.name, ...(file.mime ? { mime: file.mime } : {}) });
    } catch (err) {
      if (!(err instanceof ChannelError) || err.code !== 'PERMANENT') throw err;
      ctx.log.warn({ err, url: f.url }, 'Messenger attachment could not be downloaded');
      rejected.push({ name: f.name, reason: err.message });
    }
  }
  return {
    ...message,
    ...(attachments.length ? { attachments } : {}),
    ...(rejected.length ? { meta: { ...message.meta, rejectedAttachments: rejected } } : {}),
  };
}
