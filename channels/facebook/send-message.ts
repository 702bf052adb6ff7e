// Messenger replies through the Send API (POST /{page-id}/messages). Messenger's rule: a reply within
// 24 hours of the person's last message is a RESPONSE; up to 7 days only with the HUMAN_AGENT tag, and
// only if Meta granted the Page that permission (the inbox config says so); after that nothing may be
// sent, so the hub refuses before calling Meta. Text goes first, then each file as its own message (a
// Messenger message carries one attachment); the first message's id is the external id.
import { replyWindowOf } from '#shared/reply-window.ts';
import { ChannelError } from '../errors.ts';
import type { OutboundAttachment, OutboundMessage } from '../types.ts';
import type { FacebookConfig } from './config.ts';
import type { FacebookGraph } from './graph-client.ts';
import { HUB_METADATA_PREFIX } from './parse-messaging.ts';

export const MAX_TEXT = 2000;
export const REPLY_WINDOW_HOURS = 24;
export const HUMAN_AGENT_WINDOW_HOURS = 7 * 24;

type Sent = { externalId: string; mids: string[]; psid: string };

/** How this reply may go out: RESPONSE, the HUMAN_AGENT tag, or not at all (thrown). */
export function messagingTypeOf(
  config: FacebookConfig,
  lastCustomerMessageAt: Date | null | undefined,
  now = new Date(),
): { messaging_type: 'RESPONSE' } | { messaging_type: 'MESSAGE_TAG'; tag: 'HUMAN_AGENT' } {
  // Left out (undefined), the hub did not say: Meta's own refusal is then the guard.
  if (lastCustomerMessageAt === undefined) return { messaging_type: 'RESPONSE' };
  if (replyWindowOf(lastCustomerMessageAt, REPLY_WINDOW_HOURS, now).open)
    return { messaging_type: 'RESPONSE' };
  const tagged = replyWindowOf(lastCustomerMessageAt, HUMAN_AGENT_WINDOW_HOURS, now);
  if (config.humanAgentTag && tagged.open) return { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' };
  throw new ChannelError(
    'PERMANENT',
    !lastCustomerMessageAt
      ? 'this person has not written to the Page on Messenger, so Messenger does not allow a message'
      : config.humanAgentTag
        ? `Messenger allows replies for 7 days after the person's last message; that ended at ${tagged.closesAt}`
        : `Messenger's 24-hour reply window closed at ${replyWindowOf(lastCustomerMessageAt, REPLY_WINDOW_HOURS, now).closesAt}; replies up to 7 days need Meta's Human Agent permission for the Page`,
  );
}

/** Messenger's attachment types; anything that is not picture, sound or film travels as a file. */
export function attachmentTypeOf(mime: string): 'image' | 'audio' | 'video' | 'file' {
  const base = mime.split(';')[0].trim().toLowerCase();
  if (base.startsWith('image/')) return 'image';
  if (base.startsWith('audio/')) return 'audio';
  if (base.startsWith('video/')) return 'video';
  return 'file';
}

export async function sendMessenger(
  config: FacebookConfig,
  graph: FacebookGraph,
  out: OutboundMessage,
  recipient: Record<string, string>,
  how: Record<string, string>,
): Promise<Sent> {
  const text = out.text?.trim() ? out.text : null;
  if (!text && out.attachments.length === 0) throw new ChannelError('PERMANENT', 'nothing to send');
  if (text && text.length > MAX_TEXT) {
    throw new ChannelError('PERMANENT', `a Messenger message holds at most ${MAX_TEXT} characters`);
  }
  // Meta repeats it in the echo of this message: how the webhook knows the hub sent it (echo-loop guard).
  const metadata = `${HUB_METADATA_PREFIX}${out.messageId}`;
  const answers: Record<string, unknown>[] = [];
  if (text) {
    answers.push(
      await graph.post(
        `${config.pageId}/messages`,
        { recipient, ...how, message: { text, metadata } },
        out.signal,
      ),
    );
  }
  for (const a of out.attachments)
    answers.push(await sendFile(config, graph, out, a, recipient, how, metadata));
  const mids = answers.map((r) => r.message_id);
  const psid = answers[0]?.recipient_id;
  if (!mids.every((m): m is string => typeof m === 'string' && m.length > 0) || typeof psid !== 'string') {
    throw new ChannelError('TEMPORARY', 'Facebook gave no id for the message');
  }
  return { externalId: mids[0], mids, psid };
}

/** One file as one message: the Send API takes it as multipart `filedata` beside the JSON fields. */
async function sendFile(
  config: FacebookConfig,
  graph: FacebookGraph,
  out: OutboundMessage,
  a: OutboundAttachment,
  recipient: Record<string, string>,
  how: Record<string, string>,
  metadata: string,
) {
  const form = new FormData();
  form.set('recipient', JSON.stringify(recipient));
  for (const [k, v] of Object.entries(how)) form.set(k, v);
  form.set(
    'message',
    JSON.stringify({
      attachment: { type: attachmentTypeOf(a.mime), payload: { is_reusable: false } },
      metadata,
    }),
  );
  form.set('filedata', new Blob([new Uint8Array(await a.read())], { type: a.mime }), a.name);
  return graph.post(`${config.pageId}/messages`, form, out.signal);
}
