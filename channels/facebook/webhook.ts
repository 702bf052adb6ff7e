// Meta's side of the Page webhook: the subscription handshake (hub.mode / hub.verify_token /
// hub.challenge), the X-Hub-Signature-256 check over the raw body with the app secret, and the events:
// Messenger messages (with their files, downloaded into the hub), edits, reactions, echoes, receipts,
// `feed` changes (comments, visitors' posts: measured on arrival) and `mention`s of the Page elsewhere.
// Each is handed to the hub and awaited, so the route answers 200 only after all of it is committed;
// anything that fails is delivered again by Meta, and stored once (mids and comment ids are external ids).
import type { InboundAttachment, InboundMessage } from '#shared/channels.ts';
import type { SocialMetrics } from '#shared/influence.schema.ts';
import { ChannelError } from '../errors.ts';
import { metaChallenge, metaSignatureValid } from '../meta/webhook-auth.ts';
import type { ChannelContext, ChannelDefinition } from '../types.ts';
import type { FacebookConfig } from './config.ts';
import { type FacebookGraph, facebookGraph } from './graph-client.ts';
import { feedItemOf, threadAuthor } from './parse-feed.ts';
import { mentionItemOf } from './parse-mention.ts';
import { type FileRef, messagingItemOf } from './parse-messaging.ts';
import { sentUpTo } from './sent-log.ts';
import { type GraphItemType, lookupAuthor, lookupItem } from './social-meta.ts';
import { feedValue, mentionValue, messagingEvent, pageWebhook } from './webhook.schema.ts';

type Ctx = ChannelContext<FacebookConfig>;

/** How long one webhook delivery may spend measuring its public items, in all. */
const LOOKUP_BUDGET_MS = 5000;

export const facebookWebhook: NonNullable<ChannelDefinition<FacebookConfig>['webhook']> = {
  verifyChallenge: (query, config) => metaChallenge(query, config.verifyToken),
  verify: (req, { config }) => metaSignatureValid(req, config.appSecret),

  async handle(req, ctx) {
    const payload = pageWebhook.parse(req.body);
    // The same app may be subscribed to other objects (WhatsApp, Instagram); nothing of ours there.
    if (payload.object !== 'page') return;
    const graph = facebookGraph(ctx.config);
    // The metrics lookups of one delivery share one short budget: a burst of comments while Graph is slow
    // is stored unmeasured in time, instead of outlasting Meta's delivery timeout again and again.
    const measuring: Ctx = {
      ...ctx,
      signal: AbortSignal.any([ctx.signal, AbortSignal.timeout(LOOKUP_BUDGET_MS)]),
    };
    for (const entry of payload.entry) {
      // An app serving several Pages posts them all to every callback: this inbox is one Page.
      if (entry.id !== ctx.config.pageId) {
        ctx.log.warn({ pageId: entry.id }, 'webhook event for another Page; give each Page its own inbox');
        continue;
      }
      for (const raw of entry.messaging ?? []) await onMessaging(ctx, graph, messagingEvent.parse(raw));
      for (const change of entry.changes ?? []) {
        if (change.field === 'feed')
          await onFeed(measuring, graph, feedValue.parse(change.value), entry.time);
        if (change.field === 'mention') {
          await onMention(measuring, graph, mentionValue.parse(change.value), entry.time);
        }
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
  if (item.kind === 'change') return ctx.changeMessage(item.change);
  const status = item.kind === 'read' ? 'read' : 'delivered';
  const mids = new Set([...(item.kind === 'delivery' ? item.mids : [])]);
  for (const mid of await sentUpTo(ctx, item.psid, item.watermark, item.kind === 'read')) mids.add(mid);
  for (const mid of mids) await ctx.updateStatus({ inboxId: ctx.inbox.id, externalId: mid, status });
}

async function onFeed(
  ctx: Ctx,
  graph: FacebookGraph,
  value: ReturnType<typeof feedValue.parse>,
  entryTime?: number,
) {
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
  if (!item.fromPage) {
    const type = item.message.contentType === 'comment' ? 'comment' : 'post';
    return ctx.receive(await measured(ctx, graph, item.message, type));
  }
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
 * A public item with its counts (and its own permalink) as Graph gives them now. Asked for once, briefly:
 * if Graph fails or is slow the item is stored unmeasured — the hub measures it again on its schedule —
 * so a metrics lookup never loses or holds back what a customer wrote.
 */
async function measured(
  ctx: Ctx,
  graph: FacebookGraph,
  message: InboundMessage,
  type: GraphItemType,
  author?: SocialMetrics['author'],
): Promise<InboundMessage> {
  const found = await lookupItem(graph, message.externalId, type, ctx.signal, (err) =>
    ctx.log.warn({ err, id: message.externalId }, 'could not measure a Facebook item; stored unmeasured'),
  );
  const social = (message.meta?.social ?? {}) as Record<string, unknown>;
  return {
    ...message,
    meta: {
      ...message.meta,
      social: {
        ...social,
        ...(found.url ? { url: found.url } : {}),
        ...(author ? { author } : {}),
        ...(found.item ? { item: found.item } : {}),
      },
    },
  };
}

/** A mention of our Page elsewhere: stored as a public item, with its author's reach when a Page. */
async function onMention(
  ctx: Ctx,
  graph: FacebookGraph,
  value: ReturnType<typeof mentionValue.parse>,
  entryTime?: number,
) {
  const item = mentionItemOf(ctx.inbox.id, value, entryTime);
  if (!item) return;
  if (item.kind === 'change') return ctx.changeMessage(item.change);
  // The Page tagging itself is not a customer's item.
  if (item.authorId === ctx.config.pageId) return;
  const author = item.authorId
    ? await lookupAuthor(graph, item.authorId, ctx.signal, (err) =>
        ctx.log.debug({ err, authorId: item.authorId }, 'mention author is not a readable Page'),
      )
    : { followers: null, verified: false, handle: null };
  await ctx.receive(await measured(ctx, graph, item.message, item.graphType, author));
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
