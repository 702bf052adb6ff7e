// A webhook's messages and receipts in the hub's terms. One conversation per customer (thread key: the
// customer's wa_id); the sender is the number in E.164. Every kind of WhatsApp message becomes text an
// agent can read, with the structured original in meta under names other channels can share:
// `replyTo` (the wamid a quoted reply answers), `forwarded`, `location`, `sharedContacts`, `interactive`,
// `reaction` ({messageId, emoji}: a reaction is stored as its own message, contentType 'reaction', so
// the conversation shows who reacted to what and when; an emptied emoji means it was taken back).

import type { DeliveryUpdate, InboundMessage } from '#shared/channels.ts';
import { toE164 } from '#shared/phone.ts';
import { renderContacts, renderErrors, renderInteractive, renderLocation } from './render.ts';
import {
  type MediaRef,
  type MessageBody,
  type MessagesValue,
  messageBody,
  messageEnvelope,
  type StatusItem,
} from './webhook.schema.ts';

export type MediaKind = 'image' | 'video' | 'audio' | 'document' | 'sticker';
export type ParsedMessage = { message: InboundMessage; media: (MediaRef & { kind: MediaKind }) | null };

const mediaKinds: readonly MediaKind[] = ['image', 'video', 'audio', 'document', 'sticker'];

const extensions: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'audio/ogg': 'ogg',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
  'audio/aac': 'aac',
  'audio/amr': 'amr',
  'video/mp4': 'mp4',
  'video/3gpp': '3gp',
  'application/pdf': 'pdf',
  'text/plain': 'txt',
};

/** The file name a received file is stored under: the document's own, else `<kind>-<media id>.<ext>`. */
export function mediaFileName(media: MediaRef & { kind: MediaKind }, mime: string | null): string {
  if (media.filename?.trim()) return media.filename.trim();
  const ext = extensions[(mime ?? media.mime_type ?? '').split(';')[0].trim().toLowerCase()] ?? 'bin';
  return `${media.kind}-${media.id}.${ext}`;
}

export function inboundOf(inboxId: number, value: MessagesValue, raw: unknown): ParsedMessage {
  const envelope = messageEnvelope.parse(raw);
  const waId = envelope.from;
  const profile =
    value.contacts?.find((c) => c.wa_id === waId) ??
    (value.contacts?.length === 1 ? value.contacts[0] : undefined);
  const name = profile?.profile?.name?.trim() || undefined;
  const number = `+${waId}`;
  const base: InboundMessage = {
    channel: 'whatsapp_cloud',
    inboxId,
    externalId: envelope.id,
    threadKey: waId,
    sender: {
      externalId: number,
      phone: toE164(number) ?? number,
      ...(name ? { name } : {}),
      display: { waId, ...(name ? { profileName: name } : {}) },
    },
    timestamp: new Date(envelope.timestamp * 1000),
    raw: raw as Record<string, unknown>,
  };

  const parsed = messageBody.safeParse(raw);
  if (!parsed.success) {
    return {
      message: {
        ...base,
        contentType: 'unsupported',
        text: `[a WhatsApp ${envelope.type} message the hub could not read]`,
        meta: { unreadable: envelope.type },
      },
      media: null,
    };
  }
  const body = parsed.data;
  const meta: Record<string, unknown> = {};
  if (body.context?.id) meta.replyTo = body.context.id;
  if (body.context?.forwarded || body.context?.frequently_forwarded) meta.forwarded = true;
  const { contentType, text, extra, media, automated } = contentOf(envelope.type, body);
  return {
    message: {
      ...base,
      contentType,
      ...(text ? { text } : {}),
      ...(automated ? { automated } : {}),
      meta: { ...meta, ...extra },
    },
    media,
  };
}

type Content = {
  contentType: string;
  text: string | null;
  extra?: Record<string, unknown>;
  media: ParsedMessage['media'];
  automated?: boolean;
};

function contentOf(type: string, b: MessageBody): Content {
  const kind = mediaKinds.find((k) => k === type);
  if (kind && b[kind]) {
    const m = b[kind];
    return {
      contentType: kind,
      text: m.caption?.trim() ? m.caption : null,
      extra: m.voice ? { voice: true } : undefined,
      media: { ...m, kind },
    };
  }
  if (type === 'text' && b.text) return { contentType: 'text', text: b.text.body, media: null };
  if (type === 'location' && b.location) {
    return {
      contentType: 'location',
      text: renderLocation(b.location),
      extra: { location: b.location },
      media: null,
    };
  }
  if (type === 'contacts' && b.contacts?.length) {
    return {
      contentType: 'contacts',
      text: renderContacts(b.contacts),
      extra: { sharedContacts: b.contacts },
      media: null,
    };
  }
  if (type === 'interactive' && b.interactive) {
    const i = b.interactive;
    const choice = i.button_reply ?? i.list_reply;
    let response: unknown;
    try {
      response = i.nfm_reply?.response_json ? JSON.parse(i.nfm_reply.response_json) : undefined;
    } catch {
      response = i.nfm_reply?.response_json;
    }
    return {
      contentType: 'interactive',
      text: renderInteractive(i),
      extra: {
        interactive: {
          type: i.type,
          ...(choice ? { id: choice.id, title: choice.title } : {}),
          ...(i.list_reply?.description ? { description: i.list_reply.description } : {}),
          ...(response !== undefined ? { response } : {}),
        },
      },
      media: null,
    };
  }
  if (type === 'button' && b.button) {
    // A quick-reply button of a template the business sent.
    return {
      contentType: 'interactive',
      text: b.button.text,
      extra: { interactive: { type: 'button', title: b.button.text, id: b.button.payload ?? null } },
      media: null,
    };
  }
  if (type === 'reaction' && b.reaction) {
    const emoji = b.reaction.emoji ?? '';
    return {
      contentType: 'reaction',
      text: emoji || null,
      extra: { reaction: { messageId: b.reaction.message_id, emoji, ...(emoji ? {} : { removed: true }) } },
      media: null,
    };
  }
  if (type === 'system' && b.system) {
    // WhatsApp's own notice (the customer changed number): not the customer's words, never answered.
    return {
      contentType: 'system',
      text: b.system.body ?? `[${b.system.type ?? 'system'}]`,
      extra: { system: b.system },
      media: null,
      automated: true,
    };
  }
  const why = renderErrors(b.errors);
  return {
    contentType: 'unsupported',
    text: `[a WhatsApp ${type} message the hub cannot show${why ? `: ${why}` : ''}]`,
    extra: { unsupported: type, ...(b.errors ? { errors: b.errors } : {}) },
    media: null,
  };
}

/** sent needs nothing (the send itself marked it); delivered, read and failed move the message on. */
export function deliveryOf(inboxId: number, s: StatusItem): DeliveryUpdate | null {
  const at = s.timestamp ? new Date(s.timestamp * 1000) : undefined;
  if (s.status === 'delivered' || s.status === 'read') {
    return { inboxId, externalId: s.id, status: s.status, ...(at ? { at } : {}) };
  }
  if (s.status === 'failed') {
    return {
      inboxId,
      externalId: s.id,
      status: 'failed',
      error: renderErrors(s.errors) ?? 'WhatsApp could not deliver the message',
      ...(at ? { at } : {}),
    };
  }
  return null;
}
