// The channel adapter contract. Adapters report through awaited callbacks, so a slow or failing hub slows
// the adapter instead of losing messages. Adding a channel = one folder here + one line in registry.ts.
import type { Logger } from 'pino';
import type { ZodType } from 'zod';
import type { ApiIncomingBody, ConversationJson, MessageJson } from '#shared/api.schema.ts';
import type {
  ChannelKind,
  DeliveryUpdate,
  InboundMessage,
  MessageChange,
  MessageTemplate,
} from '#shared/channels.ts';
import type { SocialMeasurement, SocialMetrics } from '#shared/influence.schema.ts';
import type { ProtocolName } from '#shared/protocol.schema.ts';
import type { SlaTarget } from '#shared/routing.schema.ts';
import type { TextLengthRule } from '#shared/weighted-length.ts';
import type { WidgetSendBody } from '#shared/widget.schema.ts';

export type InboxInfo = { id: number; accountId: number; name: string; channel: ChannelKind; token: string };

export type ChannelHealth = 'connecting' | 'ready' | 'needs_auth' | 'failed';

/**
 * The hub's own live line to customers connected to it (the web-chat widget's /widget sockets, on any hub
 * node): the web-chat channel's send() pushes through it.
 */
export type VisitorLink = {
  push(
    to: { inboxId: number; visitorExternalId: string; conversationId: number },
    message: MessageJson,
  ): void;
};

export type ChannelContext<Config> = {
  inbox: InboxInfo;
  config: Config;
  /** The inbox's signing secret (API channel webhooks), decrypted. */
  secret: string | null;
  log: Logger;
  signal: AbortSignal;
  receive(m: InboundMessage): Promise<void>;
  /**
   * The thread key of the conversation a message answers: the first of `externalIds` (ids of messages
   * stored or sent in this inbox) that is known, else the conversation `conversationId` if it belongs to
   * this inbox; null when nothing matches.
   */
  resolveThread(hint: { externalIds: string[]; conversationId?: number }): Promise<string | null>;
  /** Small durable state of the connection (an IMAP mailbox's UIDVALIDITY and last UID, a poll cursor). */
  cursor: {
    get<T>(key: string): Promise<T | null>;
    set(key: string, value: unknown): Promise<void>;
    /** Several keys at once (a session's signal keys); missing keys are absent from the result. */
    getMany(keys: string[]): Promise<Record<string, unknown>>;
    /** Writes several keys in one transaction; `null` deletes the key. */
    setMany(entries: Record<string, unknown>): Promise<void>;
    deletePrefix(prefix: string): Promise<void>;
  };
  /** A pairing prompt for admins (a WhatsApp QR code or pairing code), or null once paired. */
  pairing(p: { qr?: string; code?: string } | null): void;
  /** Something supervisors must act on (a session logged out from the phone). */
  alert(detail: string): void;
  updateStatus(s: DeliveryUpdate): Promise<void>;
  /** A message delivered earlier was edited, removed or hidden on the channel (a Page comment). */
  changeMessage(c: MessageChange): Promise<void>;
  setHealth(h: ChannelHealth, detail?: string): void;
  /** Live delivery to widget visitors (web chat); absent where the hub runs no widget namespace. */
  visitors?: VisitorLink;
};

export type OutboundAttachment = {
  id: number;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  read(): Promise<Buffer>;
};

export type OutboundMessage = {
  messageId: number;
  conversationId: number;
  threadKey: string;
  text: string | null;
  html: string | null;
  subject: string | null;
  /** Sent by the hub itself (a protocol step), not typed by an agent: mail marks it Auto-Submitted. */
  automatic: boolean;
  attachments: OutboundAttachment[];
  /** The contact's identity on this channel: where the reply goes. */
  recipient: { externalId: string; name: string | null; email: string | null; phone: string | null };
  /** External ids of earlier messages of the thread, oldest first (mail threading needs them). */
  threadExternalIds: string[];
  /** The external id of the customer's latest message before this one: what this message answers. */
  answersExternalId?: string;
  /** The public JSON of the message and conversation, for channels that forward them as they are. */
  json: { message: MessageJson; conversation: ConversationJson };
  /**
   * When the customer last wrote in this conversation (null: never). Channels with a reply window
   * (WhatsApp: 24 hours) refuse a free-form message outside it. Left out, the channel cannot tell.
   */
  lastCustomerMessageAt?: Date | null;
  /** An approved template to send instead of free text (WhatsApp Cloud API; allowed outside the window). */
  template?: MessageTemplate;
  /** E-mail: what the agent set for this reply (its own subject, cc, bcc). */
  email?: { subject?: string; cc: string[]; bcc: string[] };
  /** On a public item (a Page comment): answer its author privately (Messenger), not under it. */
  privately?: boolean;
  signal: AbortSignal;
};

export type ChannelConnection = {
  /**
   * Optional: load what `start` needs (large modules) before a single-owner hub takes the session
   * lease, so a slow first load does not stall the lease's renewals. Errors are left for `start`.
   */
  prepare?(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** `meta`: what the channel wants kept on the message once sent (a mail's addresses and subject). */
  send(out: OutboundMessage): Promise<{ externalId: string; meta?: Record<string, unknown> }>;
  /**
   * Channels with `hideDelete`: hide, show again or delete a public item on the network (a Page comment),
   * by its external id. Throws ChannelError like send.
   */
  moderate?(
    item: { externalId: string; action: 'hide' | 'unhide' | 'delete' | 'like' },
    signal: AbortSignal,
  ): Promise<void>;
  /**
   * Channels with `publicItems`: the public items' metrics now (likes, replies, reposts ... and the
   * author's reach where it changes), for the hub's scheduled refresh of open items (server/social/).
   * `social` is the item's stored `meta.social`. Items the network no longer has, or did not measure, are
   * left out of the answer. Throws ChannelError like send (RATE_LIMITED when a budget says stop).
   */
  measure?(
    items: { externalId: string; social: Record<string, unknown> }[],
    signal: AbortSignal,
  ): Promise<MeasuredItem[]>;
};

/** One public item measured again (ChannelConnection.measure). */
export type MeasuredItem = {
  externalId: string;
  item: SocialMeasurement;
  /** The author's reach now, when the same call gave it. */
  author?: SocialMetrics['author'];
};

/**
 * What a channel can do, as the rest of the hub (core, the OpenAPI document, the console through
 * GET /channels) reads it instead of naming kinds.
 */
export type ChannelCapabilities = {
  attachments: boolean;
  /** The channel shows the customer that an agent is typing. */
  typing: boolean;
  /** Delivery and read receipts come back. */
  receipts: boolean;
  /** The longest reply the channel takes; on a channel with public items, the longest public answer. */
  maxText?: number;
  /** How maxText is counted: UTF-16 characters, or weighted (shared/weighted-length.ts: links 23, emoji 2). */
  textLength: TextLengthRule;
  /**
   * Channels with public items: the longest private answer (a direct message, a private reply to a public
   * item), counted in characters, where it differs from maxText.
   */
  maxPrivateText?: number;
  /** Provider-approved message templates (the only message allowed once the reply window closed). */
  templates: boolean;
  /** Free-form replies only within this many hours of the customer's last message. */
  replyWindowHours?: number;
  /** Mail: a subject, cc and bcc per reply, formatted (HTML) replies, quoted history. */
  richEmail: boolean;
  /** Items can be public (a page comment, a mention) as well as private (a direct message). */
  publicItems: boolean;
  /** The hub may hide or delete a customer's public item. */
  hideDelete: boolean;
  /** The hub may like a public item as the business (moderate 'like'). */
  like: boolean;
  /** The customer is connected to the hub itself: sees the agent typing and their place in the queue. */
  live: boolean;
  /** The customer rates the service in the channel's own interface (the widget's stars), not by a link. */
  nativeSurvey: boolean;
};

/** How a channel's inbound reaches the hub. */
export type InboundMode =
  /** The hub's own web-chat widget sockets (/widget). */
  | 'widget'
  /** A REST call of the integrator's (POST /api/v1/inboxes/:id/incoming). */
  | 'rest'
  /** The provider pushes to /webhooks/<kind>/<inboxId>. */
  | 'webhook'
  /** A connection the adapter holds: IMAP IDLE, a WhatsApp Web session, a poller. */
  | 'connection';

export type ChannelDefinition<Config> = {
  kind: ChannelKind;
  /** What admins and agents read: "Web chat", "E-mail" ... */
  label: string;
  /** The short name on a conversation's tag in lists and headers, in each console language. */
  tag: { en: string; es: string; ar: string };
  inbound: InboundMode;
  /** The protocol an inbox follows unless its settings choose another (null: no automatic steps), and the
   * cap on automatic messages per customer address per hour unless the inbox sets one (absent: none). */
  protocol: { family: ProtocolName | null; automaticRepliesPerHour?: number };
  /** The account's defaults until a manager sets their own: the service-level target (absent: none) and
   * how many conversations of this kind an agent holds at once. */
  service: { sla?: SlaTarget; capacity: number };
  /** The inbox `settings` this kind adds to the common ones (the widget's look, hours and forms). */
  settingsSchema?: ZodType<unknown>;
  /** An inbox of this kind is made for the demo account on first start (server/accounts/seed-demo.ts). */
  demoInbox?: { name: string; config: Config };
  configSchema: ZodType<Config>;
  /** Config keys (dotted paths, e.g. `imap.password`) that are never shown back to a client once saved. */
  secretFields: readonly string[];
  /** Whether the inbox gets a generated signing secret, returned once at creation. */
  signingSecret: boolean;
  capabilities: ChannelCapabilities;
  /**
   * Inbound over REST (`inbound: 'rest'`): what an integrator posts to /api/v1/inboxes/:id/incoming with
   * the inbox token (server/api/incoming.routes.ts), as the message the hub stores.
   */
  rest?: { toInbound(body: ApiIncomingBody, inbox: InboxInfo): InboundMessage };
  /**
   * Inbound from the hub's own widget sockets (`inbound: 'widget'`): a visitor's `message:send`
   * (server/widget/send-visitor-message.ts), as the message the hub stores. The same client message id
   * always gives the same external id, so a resend is stored once.
   */
  widget?: {
    /** The visitor's one conversation thread in the inbox. */
    threadKey(visitor: { externalId: string }): string;
    toInbound(
      visitor: { externalId: string; language?: string },
      body: WidgetSendBody,
      inbox: InboxInfo,
    ): InboundMessage;
  };
  /** Push channels: what arrives at `/webhooks/<kind>/<inboxId>` (server/api/webhooks.routes.ts). */
  webhook?: {
    /**
     * GET: the provider's subscription handshake (WhatsApp and Facebook: `hub.challenge` when
     * `hub.verify_token` matches). What to answer with 200 — text, or JSON (X's CRC) — or null for a 403.
     */
    verifyChallenge?(query: WebhookRequest['query'], config: Config): string | { json: unknown } | null;
    /** POST: whether the request really comes from the provider (a signature over the raw body). */
    verify(req: WebhookRequest, ctx: { config: Config; secret: string | null }): boolean;
    /**
     * POST, once verified: hands each message to `ctx.receive` and each receipt to `ctx.updateStatus`,
     * awaiting them, so the hub answers 200 only after everything is committed and a failure (thrown)
     * makes the provider deliver again. A redelivery must produce the same external ids.
     */
    handle(req: WebhookRequest, ctx: ChannelContext<Config>): Promise<void>;
  };
  /**
   * Channels that can write first to a phone number (the sales desk asks an accepted customer for their
   * documents): the thread key and the identity the channel's own inbound messages from that number carry,
   * so the customer's answer lands in the conversation the hub opened. `e164`: `+59171234567`.
   */
  phoneAddress?(e164: string): { threadKey: string; externalId: string };
  /** Channels that can write first to an e-mail address: a new thread, and the identity of the address. */
  mailAddress?(email: string): { threadKey: string; externalId: string };
  create(ctx: ChannelContext<Config>): ChannelConnection;
  /** Only one hub process may hold the connection at a time (the hub takes a lease before start()). */
  singleOwner?: boolean;
  /** Tries the settings without saving them; says precisely what failed (DNS, TLS, login, mailbox). */
  testConnection?(config: Config): Promise<ConnectionCheck[]>;
  /**
   * Channels that pay for what they read: this month's spend against the inbox's budget, from the
   * connection's own store (GET /inboxes/:id/usage; the inbox page shows it). Reads only, on any node.
   */
  usage?(ctx: { config: Config; store: ChannelContext<Config>['cursor']; now: Date }): Promise<ChannelUsage>;
};

/** A paying channel's month: spent, the budget (null: none set), and what the hub does about it. */
export type ChannelUsage = {
  /** `YYYY-MM` (UTC). */
  month: string;
  spentUsd: number;
  budgetUsd: number | null;
  /** `slowed`: reads less often as the budget runs down; `stopped`: spent, nothing read until the month turns. */
  state: 'normal' | 'slowed' | 'stopped';
};

export type ConnectionCheck = { step: string; ok: boolean; detail?: string };

/** A webhook request as the route hands it over: no framework types, the exact bytes kept for signatures. */
export type WebhookRequest = {
  /** Header names in lower case. */
  headers: Record<string, string | string[] | undefined>;
  query: Record<string, unknown>;
  rawBody: Buffer;
  /** The body read as JSON once `verify` accepted it (undefined before, or when there is no body). */
  body: unknown;
};

/** Methods are bivariant in their parameters, so every definition fits here whatever its Config. */
export type AnyChannelDefinition = ChannelDefinition<unknown>;
