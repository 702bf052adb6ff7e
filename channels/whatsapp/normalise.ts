// A Baileys WAMessage → what the hub stores: who wrote (one person, whether WhatsApp named them by phone
// number or by their newer LID), the text an agent reads for every kind of message, the media to fetch,
// and the details (location, contacts, quoted message, reaction target) kept in meta.
import {
  isJidBroadcast,
  isJidGroup,
  isJidNewsletter,
  isJidStatusBroadcast,
  type proto,
  type WAMessage,
} from '@whiskeysockets/baileys';
import { parsePhoneNumberFromString } from 'libphonenumber-js';

export type Media = {
  kind: 'image' | 'document' | 'audio' | 'video' | 'sticker';
  mime: string;
  name?: string;
};

export type Normalised = {
  id: string;
  /** E.164 when the phone number is known, else `lid:<id>`. */
  who: string;
  phone: string | null;
  lid: string | null;
  jid: string;
  name?: string;
  text: string;
  contentType: string;
  media: Media | null;
  meta: Record<string, unknown>;
  timestamp?: Date;
};

/** `59170000000@s.whatsapp.net` → `+59170000000`; null for anything that is not a phone JID. */
export function phoneOfJid(jid: string | null | undefined): string | null {
  const m = /^(\d{6,16})(?::\d+)?@s\.whatsapp\.net$/.exec(jid ?? '');
  if (!m) return null;
  return parsePhoneNumberFromString(`+${m[1]}`)?.number ?? `+${m[1]}`;
}

export function lidOfJid(jid: string | null | undefined): string | null {
  const m = /^(\d+)(?::\d+)?@lid$/.exec(jid ?? '');
  return m ? m[1] : null;
}

/** Where a reply to this identity goes. */
export function jidOf(who: string): string {
  if (who.startsWith('lid:')) return `${who.slice(4)}@lid`;
  return `${who.replace(/^\+/, '')}@s.whatsapp.net`;
}

/** Chats the hub serves: one person writing to the business. Groups, broadcasts, status, channels are not. */
export function isPersonalChat(jid: string | null | undefined): boolean {
  if (!jid) return false;
  return !(isJidGroup(jid) || isJidBroadcast(jid) || isJidStatusBroadcast(jid) || isJidNewsletter(jid));
}

/** Wrappers WhatsApp puts around content (disappearing, view-once, edited, captioned documents). */
function unwrap(m: proto.IMessage | null | undefined): proto.IMessage | null {
  let cur = m ?? null;
  for (let i = 0; i < 5 && cur; i++) {
    const inner =
      cur.ephemeralMessage?.message ??
      cur.viewOnceMessage?.message ??
      cur.viewOnceMessageV2?.message ??
      cur.viewOnceMessageV2Extension?.message ??
      cur.documentWithCaptionMessage?.message ??
      cur.editedMessage?.message;
    if (!inner) break;
    cur = inner;
  }
  return cur;
}

const seconds = (t: WAMessage['messageTimestamp']) => {
  const n = typeof t === 'number' ? t : t ? Number(t.toString()) : 0;
  return n > 0 ? new Date(n * 1000) : undefined;
};

/** Null for what is not a customer's message (protocol messages, key distribution, our own echo). */
export function normalise(msg: WAMessage): Normalised | null {
  const key = msg.key;
  if (!key?.id || !key.remoteJid || !isPersonalChat(key.remoteJid)) return null;
  const content = unwrap(msg.message);
  if (!content) return null;

  const jids = [key.remoteJid, key.remoteJidAlt];
  const phone = jids.map(phoneOfJid).find(Boolean) ?? null;
  const lid = jids.map(lidOfJid).find(Boolean) ?? null;
  const who = phone ?? (lid ? `lid:${lid}` : null);
  if (!who) return null;

  const base = {
    id: key.id,
    who,
    phone,
    lid,
    jid: key.remoteJid,
    ...(msg.pushName ? { name: msg.pushName } : {}),
    timestamp: seconds(msg.messageTimestamp),
  };
  const context =
    content.extendedTextMessage?.contextInfo ??
    content.imageMessage?.contextInfo ??
    content.documentMessage?.contextInfo ??
    content.videoMessage?.contextInfo ??
    content.audioMessage?.contextInfo ??
    null;
  const meta: Record<string, unknown> = {
    whatsapp: { jid: key.remoteJid, ...(lid ? { lid } : {}), ...(phone ? { phone } : {}) },
    ...(context?.stanzaId ? { replyTo: context.stanzaId } : {}),
  };

  if (content.conversation || content.extendedTextMessage?.text) {
    return {
      ...base,
      text: content.conversation ?? content.extendedTextMessage!.text!,
      contentType: 'text',
      media: null,
      meta,
    };
  }
  if (content.imageMessage) {
    const m = content.imageMessage;
    return {
      ...base,
      text: m.caption ?? '',
      contentType: 'image',
      media: { kind: 'image', mime: m.mimetype ?? 'image/jpeg' },
      meta,
    };
  }
  if (content.documentMessage) {
    const m = content.documentMessage;
    return {
      ...base,
      text: m.caption ?? '',
      contentType: 'document',
      media: {
        kind: 'document',
        mime: m.mimetype ?? 'application/octet-stream',
        ...(m.fileName ? { name: m.fileName } : {}),
      },
      meta,
    };
  }
  if (content.audioMessage) {
    const m = content.audioMessage;
    return {
      ...base,
      text: '',
      contentType: m.ptt ? 'voice' : 'audio',
      media: { kind: 'audio', mime: (m.mimetype ?? 'audio/ogg').split(';')[0] },
      meta,
    };
  }
  if (content.videoMessage) {
    const m = content.videoMessage;
    return {
      ...base,
      text: m.caption ?? '',
      contentType: 'video',
      media: { kind: 'video', mime: m.mimetype ?? 'video/mp4' },
      meta,
    };
  }
  if (content.stickerMessage) {
    return {
      ...base,
      text: '',
      contentType: 'sticker',
      media: { kind: 'sticker', mime: content.stickerMessage.mimetype ?? 'image/webp' },
      meta,
    };
  }
  if (content.locationMessage || content.liveLocationMessage) {
    const l = content.locationMessage ?? content.liveLocationMessage!;
    const lat = l.degreesLatitude ?? 0;
    const lng = l.degreesLongitude ?? 0;
    const named = [('name' in l ? l.name : null) ?? null, ('address' in l ? l.address : null) ?? null]
      .filter(Boolean)
      .join(', ');
    return {
      ...base,
      text: `📍 ${named ? `${named} ` : ''}(${lat}, ${lng}) https://maps.google.com/?q=${lat},${lng}`,
      contentType: 'location',
      media: null,
      meta: { ...meta, location: { latitude: lat, longitude: lng, ...(named ? { name: named } : {}) } },
    };
  }
  if (content.contactMessage || content.contactsArrayMessage) {
    const cards = content.contactMessage
      ? [content.contactMessage]
      : (content.contactsArrayMessage?.contacts ?? []);
    const contacts = cards.map((c) => ({
      name: c.displayName ?? '',
      phones: [...(c.vcard ?? '').matchAll(/^TEL[^:]*:(.+)$/gim)].map((x) => x[1].trim()),
    }));
    return {
      ...base,
      text: contacts
        .map((c) => `👤 ${c.name}${c.phones.length ? `: ${c.phones.join(', ')}` : ''}`)
        .join('\n'),
      contentType: 'contacts',
      media: null,
      meta: { ...meta, contacts },
    };
  }
  if (content.reactionMessage) {
    const r = content.reactionMessage;
    return {
      ...base,
      text: r.text ?? '',
      contentType: 'reaction',
      media: null,
      // An empty text takes the reaction back.
      meta: { ...meta, reaction: { to: r.key?.id ?? null, emoji: r.text ?? '' } },
    };
  }
  if (content.buttonsResponseMessage || content.listResponseMessage || content.templateButtonReplyMessage) {
    const text =
      content.buttonsResponseMessage?.selectedDisplayText ??
      content.listResponseMessage?.title ??
      content.templateButtonReplyMessage?.selectedDisplayText ??
      '';
    return { ...base, text, contentType: 'text', media: null, meta };
  }
  return null;
}
