// What every use-case receives: the graph built once by the composition root (server/hub.ts).
// There is no module-level state; tests build the same graph against PGlite or PostgreSQL.
import type { AttachmentStore } from '#server/attachments/store.ts';
import type { Config } from '#server/config.ts';
import type { Sealer } from '#server/crypto/secrets.ts';
import type { Database, Db, Tx } from '#server/db/client.ts';
import type { Contact, Conversation, Message } from '#server/db/schema.ts';
import type { ChannelManager } from '#server/inboxes/channel-manager.ts';
import type { Logger } from '#server/logger.ts';
import type { Queue } from '#server/queue/queue.ts';
import type { Publisher } from '#server/realtime/publisher.ts';
import type { Timers } from '#server/routing/timers.ts';
import type { VisitorTokens } from '#server/widget/visitor-token.ts';
import type { WidgetLink } from '#server/widget/widget-link.ts';
import type { ChannelKind } from '#shared/channels.ts';

/** Work later issues (routing, protocols) attach to an inbound message, inside the ingest transaction. */
export type IngestFollowUp = (
  tx: Tx,
  event: {
    channel: ChannelKind;
    conversation: Conversation;
    message: Message;
    conversationCreated: boolean;
    /** This message woke a pending or snoozed conversation (it is open again). */
    woke?: boolean;
    /** The status it woke from. */
    wokeFrom?: 'pending' | 'snoozed';
    /** The rows ingest already holds, so follow-ups on the hot path do not read them again. */
    contact: Contact;
    inbox: { channel: ChannelKind; settings: Record<string, unknown> };
  },
) => Promise<Conversation | undefined | void>;

/** Work attached to a conversation being resolved, inside the transaction that resolves it. */
export type ResolveFollowUp = (
  tx: Tx,
  event: { channel: ChannelKind; conversation: Conversation },
) => Promise<void>;

/** Work attached to an agent's public reply, inside the transaction that stored it. */
export type ReplyFollowUp = (
  tx: Tx,
  event: { channel: ChannelKind; conversation: Conversation; message: Message; firstReply: boolean },
) => Promise<void>;

/** Work attached to an assignment (by routing or by hand), inside the transaction that made it. */
export type AssignFollowUp = (
  tx: Tx,
  event: { channel: ChannelKind; conversation: Conversation; by: 'routing' | 'user' },
) => Promise<void>;

/**
 * Asked before a customer's message on a resolved conversation reopens it (or starts a new one): a
 * handler that takes the message (a survey answer, "4") returns true, and the message is stored on the
 * resolved conversation, which stays resolved.
 */
export type ResolvedReplyHandler = (
  tx: Tx,
  event: { channel: ChannelKind; conversation: Conversation; text: string | null },
) => Promise<boolean>;

/** The hub's time. Timers compare against it, so tests move it forward instead of sleeping. */
export type Clock = { now(): Date };

export type HubContext = {
  config: Config;
  database: Database;
  db: Db;
  log: Logger;
  queue: Queue;
  sealer: Sealer;
  publisher: Publisher;
  channels: ChannelManager;
  attachments: AttachmentStore;
  followUps: IngestFollowUp[];
  resolveFollowUps: ResolveFollowUp[];
  replyFollowUps: ReplyFollowUp[];
  assignFollowUps: AssignFollowUp[];
  resolvedReplyHandlers: ResolvedReplyHandler[];
  clock: Clock;
  timers: Timers;
  /** Signs and checks the web-chat widget's visitor tokens. */
  visitorTokens: VisitorTokens;
  /** The /widget namespace as the rest of the hub reaches it (live push, rooms, agent presence). */
  widget: WidgetLink;
};
