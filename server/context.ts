// What every use-case receives: the graph built once by the composition root (server/hub.ts).
// There is no module-level state; tests build the same graph against PGlite or PostgreSQL.
// The ports the hub is made of are declared here, not imported from their implementations, so that no
// implementation's imports lead back to this file (Biome's import-cycle rule holds it).

import type {
  AnyChannelDefinition,
  ChannelConnection,
  ChannelContext,
  ChannelHealth,
  VisitorLink,
} from '#channels/types.ts';
import type { AttachmentStore } from '#server/attachments/store.ts';
import type { Config } from '#server/config.ts';
import type { IngestInbox } from '#server/conversations/ingest-inbox.ts';
import type { Sealer } from '#server/crypto/secrets.ts';
import type { Database, Db } from '#server/db/client.ts';
import type { DomainEvents } from '#server/events/domain-events.ts';
import type { Lease } from '#server/inboxes/lease.ts';
import type { Logger } from '#server/logger.ts';
import type { Queue } from '#server/queue/queue.ts';
import type { Publisher } from '#server/realtime/publisher.ts';
import type { VisitorTokens } from '#server/widget/visitor-token.ts';
import type { ConversationJson, MessageJson } from '#shared/api.schema.ts';
import type { WidgetRateLimits } from '#shared/widget.schema.ts';

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
  /** What happened to conversations, for routing, protocol, SLA and the rest to react to (one seam). */
  events: DomainEvents;
  clock: Clock;
  timers: Timers;
  /** Signs and checks the web-chat widget's visitor tokens. */
  visitorTokens: VisitorTokens;
  /** The /widget namespace as the rest of the hub reaches it (live push, rooms, agent presence). */
  widget: WidgetLink;
  /** How much anonymous widget traffic an address and a visitor may send (shared through Redis across nodes). */
  limits: WidgetLimits;
};

/** What anonymous widget traffic is counted by (server/widget/rate-limits.ts). */
export type LimitedAction = 'session' | 'message' | 'upload' | 'transcript';

export type WidgetLimits = {
  /**
   * Counts one `action` against its client address's budget in the inbox and, but for a new session, its
   * visitor's, at the inbox's rates; throws AppError `rate_limited` with details.retryAfterMs when one is
   * spent. `address` is a client address as server/widget/client-address.ts keys it.
   */
  take(
    action: LimitedAction,
    who: { inboxId: number; address: string; visitor?: string },
    rates?: WidgetRateLimits,
  ): Promise<void>;
};

/** A timer's payload: what it is about and when it is due. */
export type TimerJob = {
  kind: string;
  /** ISO instant at which the timer is due. */
  dueAt: string;
  conversationId?: number;
  userId?: number;
  accountId?: number;
  [key: string]: unknown;
};

export type TimerHandler = (ctx: HubContext, job: TimerJob) => Promise<void>;

/** Durable timers (server/routing/timers.ts). */
export type Timers = {
  /** Schedules a timer; with `tx` it commits or rolls back with the caller's transaction. */
  schedule(tx: Db | null, job: TimerJob): Promise<void>;
  on(kind: string, handler: TimerHandler): void;
  start(): Promise<void>;
  /** Runs one timer now (the worker's body). */
  run(job: TimerJob): Promise<void>;
};

/** One inbox's running connection (server/inboxes/channel-manager.ts). */
export type RunningInbox = {
  inbox: IngestInbox;
  definition: AnyChannelDefinition;
  connection: ChannelConnection;
  /** What the connection was created with; push channels' webhooks (server/api/webhooks.routes.ts) use it. */
  context: ChannelContext<unknown>;
  abort: AbortController;
  /** The latest health this node saw (also written to the inbox row, which other nodes read). */
  health: { health: ChannelHealth; detail: string | null };
  /** The pairing prompt (QR / code) waiting for an admin, if any. */
  pairing: { qr?: string; code?: string } | null;
  /** Whether this node holds the session (always, for channels that are not single-owner). */
  owned: boolean;
  lease?: Lease;
  timer: NodeJS.Timeout | null;
};

export type ChannelManager = {
  startAll(): Promise<void>;
  stopAll(): Promise<void>;
  /** (Re)starts the connection of one inbox from its saved row. */
  reload(inboxId: number): Promise<void>;
  get(inboxId: number): RunningInbox | undefined;
  /** The running inbox, started from its row first if this node has not started it yet (an inbox
   * created through another hub node). */
  ensure(inboxId: number): Promise<RunningInbox | undefined>;
};

/** How the rest of the hub reaches widget visitors (server/widget/widget-link.ts). */
export type WidgetLink = VisitorLink & {
  /** The port the hub listens on, once it does (links to the hub when PUBLIC_URL is not set). */
  listeningPort(): number | null;
  messageUpdated(conversationId: number, message: MessageJson): void;
  conversationUpdated(conversation: ConversationJson): void;
  surveyRequest(conversationId: number, farewell: string | null): void;
  agentTyping(conversationId: number, on: boolean): void;
  /** The visitor's place in the queue and the estimated wait, while nobody has taken the chat yet. */
  queuePosition(
    to: { conversationId: number; inboxId: number; visitorExternalId: string | null },
    place: { position: number; etaSeconds: number | null },
  ): void;
  /** Puts every socket of a visitor (any device, any node) into a conversation's room. */
  joinConversation(inboxId: number, externalId: string, conversationId: number): void;
  /** Whether at least one agent-side socket of the account is connected to /agent, on any node. */
  agentsOnline(accountId: number): Promise<boolean>;
};
