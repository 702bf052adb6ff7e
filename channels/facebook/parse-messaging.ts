// A Messenger event in the hub's terms. One conversation per person (thread key: their Page-scoped id,
// PSID). A message the Page sent is an echo: one the hub sent itself (its metadata names the hub's
// message) is skipped — the echo-loop guard — while one typed in Meta's own inbox is kept as the
// business's message, never sent again. Receipts name messages by id (deliveries) or by a time
// watermark (deliveries and reads): every message sent before it. An edit or a reaction (to one of the
// Page's messages) changes a message stored earlier.
import type { InboundMessage, MessageChange } from '#shared/channels.ts';
import type { MessagingEvent, MessengerAttachment } from './webhook.schema.ts';

/** What the hub's own sends carry in `message.metadata`, and Meta repeats in their echo. */
export const HUB_METADATA_PREFIX = 'hub:';

export type FileRef = { url: string; kind: string; name: string };
export type MessagingItem =
  | { kind: 'message'; message: InboundMessage; files: FileRef[] }
  | { kind: 'delivery'; psid: string; mids: string[]; watermark: number }
  | { kind: 'read'; psid: string; watermark: number }
  | { kind: 'change'; change: MessageChange };

const fileKinds = new Set(['image', 'video', 'audio', 'file']);
/** A Messenger chat in the hub's social terms: private, so it has no exposure to measure. */
const PRIVATE_SOCIAL = { network: 'facebook', visibility: 'private', kind: 'message' } as const;

/** `photo.jpg` from a CDN address, else `<kind>-<n>`: the name the file is stored under. */
function fileName(url: string, kind: string, n: number): string {
  try {
    const last = new URL(url).pathname.split('/').pop() ?? '';
    if (/^[\w.-]{1,120}\.\w{1,8}$/.test(last)) return last;
  } catch {}
  return `${kind}-${n + 1}`;
}

/** What an attachment that is not a file says (a shared link, a place, a card the customer forwarded). */
function describe(a: MessengerAttachment): string {
  if (a.type === 'fallback') return [a.title, a.payload?.url].filter(Boolean).join(' ') || '[a shared link]';
  return `[a Messenger ${a.type} the hub cannot show]`;
}

export function messagingItemOf(inboxId: number, pageId: string, e: MessagingEvent): MessagingItem | null {
  if (e.delivery) {
    return {
      kind: 'delivery',
      psid: e.sender.id,
      mids: e.delivery.mids ?? [],
      watermark: e.delivery.watermark,
    };
  }
  if (e.read) return { kind: 'read', psid: e.sender.id, watermark: e.read.watermark };
  const timestamp = e.timestamp ? new Date(e.timestamp) : undefined;
  const at = timestamp ? { at: timestamp } : {};
  // Edits and reactions are the customer's; the Page's own (made in Meta's inbox) are not reported here.
  if ((e.message_edit || e.reaction) && e.sender.id === pageId) return null;
  if (e.message_edit) {
    const { mid, text } = e.message_edit;
    return text === undefined ? null : { kind: 'change', change: { inboxId, externalId: mid, ...at, text } };
  }
  if (e.reaction) {
    // Messenger keeps one reaction per person on a message: a new one replaces it, `unreact` takes it back.
    const on = e.reaction.action === 'react';
    if (!on && e.reaction.action !== 'unreact') return null;
    const emoji = e.reaction.emoji ?? e.reaction.reaction ?? '';
    if (on && !emoji) return null;
    return {
      kind: 'change',
      change: { inboxId, externalId: e.reaction.mid, ...at, reaction: { emoji, on, by: 'contact' } },
    };
  }
  if (e.postback) {
    // A button the person pressed: its title is what they "said".
    const externalId = e.postback.mid ?? `postback:${e.sender.id}:${e.timestamp ?? 0}`;
    const message: InboundMessage = {
      channel: 'facebook',
      inboxId,
      externalId,
      threadKey: e.sender.id,
      sender: { externalId: e.sender.id, display: { psid: e.sender.id } },
      contentType: 'interactive',
      text: e.postback.title ?? e.postback.payload ?? '[a button]',
      meta: {
        interactive: { type: 'postback', title: e.postback.title, id: e.postback.payload ?? null },
        social: { ...PRIVATE_SOCIAL },
      },
      ...(timestamp ? { timestamp } : {}),
      raw: e,
    };
    return { kind: 'message', message, files: [] };
  }
  const m = e.message;
  if (!m) return null;
  const echo = m.is_echo === true || e.sender.id === pageId;
  if (echo && m.metadata?.startsWith(HUB_METADATA_PREFIX)) return null;
  const psid = echo ? e.recipient.id : e.sender.id;

  const files: FileRef[] = [];
  const notes: string[] = [];
  for (const a of m.attachments ?? []) {
    const url = a.payload?.url;
    if (fileKinds.has(a.type) && url)
      files.push({ url, kind: a.type, name: fileName(url, a.type, files.length) });
    else notes.push(describe(a));
  }
  const text = [m.text, ...notes].filter((t): t is string => Boolean(t?.trim())).join('\n') || undefined;
  const message: InboundMessage = {
    channel: 'facebook',
    inboxId,
    externalId: m.mid,
    threadKey: psid,
    sender: { externalId: psid, display: { psid } },
    contentType:
      files.length > 0 && !m.text ? (files[0].kind === 'file' ? 'document' : files[0].kind) : 'text',
    ...(text ? { text } : {}),
    ...(echo ? { fromBusiness: true } : {}),
    meta: {
      social: { ...PRIVATE_SOCIAL },
      ...(m.reply_to?.mid ? { replyTo: m.reply_to.mid } : {}),
      ...(m.quick_reply ? { interactive: { type: 'quick_reply', id: m.quick_reply.payload } } : {}),
    },
    ...(timestamp ? { timestamp } : {}),
    raw: e,
  };
  return { kind: 'message', message, files };
}
