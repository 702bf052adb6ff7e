// Answers on a comment thread. Public: a reply under the customer's latest comment
// (POST /{comment-id}/comments), seen by everyone. Private: one Messenger message to the commenter
// (POST /{page-id}/messages with `recipient: {comment_id}`); Meta allows one per comment, within 7 days
// of it, and the hub refuses a second before asking. The person's answer opens a Messenger conversation.
import { replyWindowOf } from '#shared/reply-window.ts';
import { ChannelError } from '../errors.ts';
import type { ChannelContext, OutboundMessage } from '../types.ts';
import type { FacebookConfig } from './config.ts';
import type { FacebookGraph } from './graph-client.ts';
import { HUMAN_AGENT_WINDOW_HOURS, sendMessenger } from './send-message.ts';

/** Facebook's own limit on a comment's length. */
export const MAX_COMMENT = 8000;
const privateKey = (commentId: string) => `private-reply:${commentId}`;

/** The comment being answered: the customer's latest one in the thread. */
function commentOf(out: OutboundMessage): string {
  if (!out.answersExternalId) {
    throw new ChannelError('PERMANENT', 'there is no comment of the customer in this thread to answer');
  }
  return out.answersExternalId;
}

export async function replyPublicly(
  graph: FacebookGraph,
  out: OutboundMessage,
): Promise<{ externalId: string }> {
  const commentId = commentOf(out);
  const text = out.text?.trim() ? out.text : null;
  if (out.attachments.length > 1) {
    throw new ChannelError('PERMANENT', 'a Facebook comment carries at most one picture');
  }
  if (text && text.length > MAX_COMMENT) {
    throw new ChannelError('PERMANENT', `a Facebook comment holds at most ${MAX_COMMENT} characters`);
  }
  const [file] = out.attachments;
  if (!text && !file) throw new ChannelError('PERMANENT', 'nothing to send');
  let body: unknown = { message: text ?? '' };
  if (file) {
    const form = new FormData();
    if (text) form.set('message', text);
    form.set('source', new Blob([new Uint8Array(await file.read())], { type: file.mime }), file.name);
    body = form;
  }
  const answer = await graph.post(`${encodeURIComponent(commentId)}/comments`, body, out.signal);
  if (typeof answer.id !== 'string' || !answer.id) {
    throw new ChannelError('TEMPORARY', 'Facebook gave no id for the comment');
  }
  return { externalId: answer.id };
}

export async function replyPrivately(
  ctx: ChannelContext<FacebookConfig>,
  graph: FacebookGraph,
  out: OutboundMessage,
): Promise<{ externalId: string; meta: Record<string, unknown> }> {
  const commentId = commentOf(out);
  if (await ctx.cursor.get<string>(privateKey(commentId))) {
    throw new ChannelError(
      'PERMANENT',
      'this comment already had its private reply: Messenger allows one; the conversation continues when the person answers',
    );
  }
  if (out.attachments.length > 0) {
    throw new ChannelError('PERMANENT', 'a private reply to a comment is text only');
  }
  // The thread's latest comment is the one answered: its time is the customer's last message.
  const window = out.lastCustomerMessageAt
    ? replyWindowOf(out.lastCustomerMessageAt, HUMAN_AGENT_WINDOW_HOURS)
    : null;
  if (window && !window.open) {
    throw new ChannelError(
      'PERMANENT',
      `Messenger allows a private reply for 7 days after the comment; that ended at ${window.closesAt}`,
    );
  }
  const sent = await sendMessenger(
    ctx.config,
    graph,
    out,
    { comment_id: commentId },
    { messaging_type: 'RESPONSE' },
  );
  await ctx.cursor.set(privateKey(commentId), sent.externalId);
  return { externalId: sent.externalId, meta: { privateReply: { commentId, psid: sent.psid } } };
}
