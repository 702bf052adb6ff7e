// Moderation of a public item on the Page: hide or show again a comment (POST /{comment-id}
// {is_hidden}: the commenter and their friends still see it, nobody else does), delete it for good
// (DELETE /{comment-id}; Meta allows it for comments on the Page's posts and the Page's own comments), or
// like a comment or post as the Page (POST /{object-id}/likes). The connection's moderate() calls these.
import { ChannelError } from '../errors.ts';
import type { FacebookGraph } from './graph-client.ts';

const succeeded = (answer: Record<string, unknown>, what: string) => {
  if (answer.success !== true) throw new ChannelError('TEMPORARY', `Facebook did not confirm ${what}`);
};

export async function setCommentHidden(
  graph: FacebookGraph,
  commentId: string,
  hidden: boolean,
  signal: AbortSignal,
): Promise<void> {
  succeeded(
    await graph.post(encodeURIComponent(commentId), { is_hidden: hidden }, signal),
    hidden ? 'hiding the comment' : 'showing the comment',
  );
}

export async function deleteComment(
  graph: FacebookGraph,
  commentId: string,
  signal: AbortSignal,
): Promise<void> {
  succeeded(await graph.delete(encodeURIComponent(commentId), signal), 'deleting the comment');
}

export async function likeItem(graph: FacebookGraph, objectId: string, signal: AbortSignal): Promise<void> {
  succeeded(await graph.post(`${encodeURIComponent(objectId)}/likes`, {}, signal), 'the like');
}
