// After-commit fan-out of an ingested message to the agents who may see its conversation.
import type { HubContext } from '#server/context.ts';
import type { ChannelKind } from '#shared/channels.ts';
import type { IngestResult } from './ingest-inbound.ts';
import { lastMessageJson } from './last-messages.ts';
import { conversationToJson, messageToJson } from './serialize.ts';

export function publishIngest(ctx: HubContext, channel: ChannelKind, r: IngestResult): void {
  if (r.duplicate) return;
  ctx.publisher.messageCreated(r.conversation, messageToJson(r.message, r.attachments));
  ctx.publisher.conversationUpdated(
    r.conversation,
    conversationToJson(r.conversation, channel, {
      contactName: r.contact.name,
      lastMessage: lastMessageJson(r.message),
    }),
  );
  // A new conversation, or one the customer woke with nobody assigned, asked for routing in the same
  // commit: take it now rather than at the next poll. (Not on every message: each wake is a fetch on
  // the queue, on PGlite's one connection.)
  if (r.conversationCreated || (r.woke && r.conversation.assigneeId === null)) ctx.queue.wake('route');
}
