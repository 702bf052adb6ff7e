// One reply out through the Cloud API: an approved template, or free text and files — the latter only
// inside the 24-hour customer-service window, which is checked before any call (Meta would refuse with
// #131047 anyway, after a round trip). Files are all uploaded before the first message goes out, so a
// failed upload never leaves half a reply on the customer's phone; the text rides as the caption of the
// first file when it can, else as its own message first. The id of the first message is the external id.
import { replyWindowOf } from '#shared/reply-window.ts';
import { ChannelError } from '../errors.ts';
import type { OutboundAttachment, OutboundMessage } from '../types.ts';
import type { WhatsappCloudConfig } from './config.ts';
import type { GraphClient } from './graph-client.ts';

export const MAX_TEXT = 4096;
const MAX_CAPTION = 1024;
/** Meta's customer-service window: free-form messages only this long after the customer last wrote. */
export const REPLY_WINDOW_HOURS = 24;

type MediaKind = 'image' | 'video' | 'audio' | 'document';

/** What WhatsApp shows inline; anything else (GIF, WebP, PDF, Office ...) travels as a document. */
export function mediaKindOf(mime: string): MediaKind {
  const base = mime.split(';')[0].trim().toLowerCase();
  if (base === 'image/jpeg' || base === 'image/png') return 'image';
  if (base === 'video/mp4' || base === 'video/3gpp') return 'video';
  if (['audio/aac', 'audio/amr', 'audio/mpeg', 'audio/mp4', 'audio/ogg'].includes(base)) return 'audio';
  return 'document';
}

/** The customer's WhatsApp number as the API wants it: the wa_id, digits only. */
function recipientOf(out: OutboundMessage): string {
  for (const candidate of [out.recipient.externalId, out.recipient.phone, out.threadKey]) {
    const digits = candidate?.replace(/^\+/, '');
    if (digits && /^\d{6,20}$/.test(digits)) return digits;
  }
  throw new ChannelError('PERMANENT', 'the contact has no WhatsApp number to send to');
}

export function createCloudSender(config: WhatsappCloudConfig, graph: GraphClient) {
  const sendOne = async (to: string, content: Record<string, unknown>, out: OutboundMessage) => {
    const answer = await graph.post(
      `${config.phoneNumberId}/messages`,
      {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to,
        ...content,
        // Meta echoes it in the message's status webhooks: which hub message a receipt is about.
        biz_opaque_callback_data: `hub:${out.messageId}`,
      },
      out.signal,
    );
    const id = (answer.messages as { id?: unknown }[] | undefined)?.[0]?.id;
    if (typeof id !== 'string' || !id)
      throw new ChannelError('TEMPORARY', 'WhatsApp gave no id for the message');
    return id;
  };

  return async function send(out: OutboundMessage): Promise<{ externalId: string }> {
    if (out.signal.aborted) throw new ChannelError('TEMPORARY', 'the send was cancelled');
    const to = recipientOf(out);

    if (out.template) {
      const { name, language, components } = out.template;
      const template = { name, language: { code: language }, ...(components?.length ? { components } : {}) };
      return { externalId: await sendOne(to, { type: 'template', template }, out) };
    }

    // Left out (undefined), the hub did not say: Meta's own #131047 answer is then the guard.
    if (out.lastCustomerMessageAt !== undefined) {
      const window = replyWindowOf(out.lastCustomerMessageAt, REPLY_WINDOW_HOURS);
      if (!window.open) {
        throw new ChannelError(
          'PERMANENT',
          window.closesAt
            ? `the 24-hour window closed at ${window.closesAt}; send an approved template`
            : 'the customer has not written in this conversation, so the 24-hour window is not open; send an approved template',
        );
      }
    }

    const text = out.text?.trim() ? out.text : null;
    if (!text && out.attachments.length === 0) throw new ChannelError('PERMANENT', 'nothing to send');
    const firstKind = out.attachments[0] ? mediaKindOf(out.attachments[0].mime) : null;
    // Audio takes no caption; a long text goes on its own.
    const captioned =
      text !== null && firstKind !== null && firstKind !== 'audio' && text.length <= MAX_CAPTION;
    if (text !== null && !captioned && text.length > MAX_TEXT) {
      throw new ChannelError('PERMANENT', `a WhatsApp message holds at most ${MAX_TEXT} characters`);
    }
    const media = await Promise.all(out.attachments.map((a) => upload(a, out.signal)));

    const ids: string[] = [];
    if (text !== null && !captioned) {
      ids.push(await sendOne(to, { type: 'text', text: { body: text } }, out));
    }
    for (const [i, m] of media.entries()) {
      const body: Record<string, unknown> = { id: m.id };
      if (i === 0 && captioned) body.caption = text;
      if (m.kind === 'document') body.filename = m.name;
      ids.push(await sendOne(to, { type: m.kind, [m.kind]: body }, out));
    }
    return { externalId: ids[0] };
  };

  async function upload(a: OutboundAttachment, signal: AbortSignal) {
    const kind = mediaKindOf(a.mime);
    const id = await graph.upload({ data: await a.read(), mime: a.mime, name: a.name }, signal);
    return { id, kind, name: a.name };
  }
}
