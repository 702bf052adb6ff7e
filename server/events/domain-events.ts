// The one seam between conversations and everything that reacts to them (routing, protocol, SLA, and next
// social, sales, quality and reports). conversations/ announces what happened as typed domain events;
// each capability subscribes once, where the hub is composed (server/hub.ts). Subscribers run inside the
// transaction that made the change, in the order they subscribed, so what they do (queue the
// conversation, enqueue a protocol step, schedule a timer) commits or rolls back with it.

import type { IngestInbox } from '#server/conversations/ingest-inbox.ts';
import type { Tx } from '#server/db/client.ts';
import type { Contact, Conversation, Message } from '#server/db/schema.ts';
import type { ChannelKind } from '#shared/channels.ts';

type About = { channel: ChannelKind; conversation: Conversation };

export type DomainEventMap = {
  /** A customer's message was stored (not a redelivery). */
  'message.received': About & {
    message: Message;
    conversationCreated: boolean;
    /** This message woke a pending or snoozed conversation (it is open again), from that status. */
    woke: boolean;
    wokeFrom?: 'pending' | 'snoozed';
    /** The rows ingest already holds, so subscribers on the hot path do not read them again. */
    contact: Contact;
    inbox: IngestInbox;
  };
  /** An agent's public reply was stored (queued for the channel). */
  'reply.created': About & {
    message: Message;
    firstReply: boolean;
    /** The conversation as the reply found it (its response clocks still running). */
    before: Conversation;
  };
  /** The hub set the conversation's category (the e-mail protocol's classifier); a person's is `conversation.changed`. */
  'conversation.categorized': About & { before: Conversation };
  /** A person changed the conversation (owner, team, status, priority, category). */
  'conversation.changed': About & { before: Conversation; userId: number };
  /** An agent now holds the conversation, given by the router or by a person. */
  'conversation.assigned': About & { by: 'routing' | 'user' };
  /** The conversation was resolved, by a person or by the hub (the protocol's inactivity close). */
  'conversation.resolved': About;
  /** A message delivered earlier changed on its channel (a Page comment edited, hidden, removed). */
  'message.changed': About & { message: Message; before: Message };
  /** A snoozed conversation's time came; `conversation.assigneeId` is null when nobody can take it back. */
  'conversation.unsnoozed': About;
};
export type DomainEventName = keyof DomainEventMap;

/** A subscriber that changes the conversation hands back the new row; the next subscriber sees it. */
export type DomainEventHandler<K extends DomainEventName> = (
  tx: Tx,
  event: DomainEventMap[K],
) => Promise<Conversation | undefined | void>;

/**
 * Asked before a customer's message on a resolved conversation reopens it (or starts a new one): a
 * handler that takes the message (a survey answer, "4") returns true, and the message is stored on the
 * resolved conversation, which stays resolved.
 */
export type ResolvedReplyHandler = (
  tx: Tx,
  event: { channel: ChannelKind; conversation: Conversation; text: string | null },
) => Promise<boolean>;

export type DomainEvents = {
  on<K extends DomainEventName>(type: K, handler: DomainEventHandler<K>): void;
  /** Runs the subscribers of `type` in `tx`; returns the conversation as they leave it. */
  emit<K extends DomainEventName>(tx: Tx, type: K, event: DomainEventMap[K]): Promise<Conversation>;
  onResolvedReply(handler: ResolvedReplyHandler): void;
  /** Whether a subscriber takes this message for the resolved conversation. */
  claimResolvedReply(tx: Tx, event: Parameters<ResolvedReplyHandler>[1]): Promise<boolean>;
};

export function createDomainEvents(): DomainEvents {
  const handlers = new Map<DomainEventName, DomainEventHandler<DomainEventName>[]>();
  const resolvedReply: ResolvedReplyHandler[] = [];
  return {
    on(type, handler) {
      const list = handlers.get(type) ?? [];
      list.push(handler as DomainEventHandler<DomainEventName>);
      handlers.set(type, list);
    },
    async emit(tx, type, event) {
      let conversation = event.conversation;
      for (const handler of handlers.get(type) ?? []) {
        conversation = (await handler(tx, { ...event, conversation })) ?? conversation;
      }
      return conversation;
    },
    onResolvedReply(handler) {
      resolvedReply.push(handler);
    },
    async claimResolvedReply(tx, event) {
      for (const handler of resolvedReply) if (await handler(tx, event)) return true;
      return false;
    },
  };
}
