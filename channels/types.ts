// The channel adapter contract. Adapters report through awaited callbacks, so a slow or failing hub slows
// the adapter instead of losing messages. Adding a channel = one folder here + one line in registry.ts.
import type { Request } from 'express';
import type { Logger } from 'pino';
import type { ZodType } from 'zod';
import type { ChannelKind, DeliveryUpdate, InboundMessage } from '#shared/channels.ts';

export type InboxInfo = { id: number; accountId: number; name: string; channel: ChannelKind; token: string };

export type ChannelHealth = 'connecting' | 'ready' | 'needs_auth' | 'failed';

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
  };
  updateStatus(s: DeliveryUpdate): Promise<void>;
  setHealth(h: ChannelHealth, detail?: string): void;
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
  /** The public JSON of the message and conversation, for channels that forward them as they are. */
  json: { message: Record<string, unknown>; conversation: Record<string, unknown> };
  signal: AbortSignal;
};

export type ChannelConnection = {
  start(): Promise<void>;
  stop(): Promise<void>;
  send(out: OutboundMessage): Promise<{ externalId: string }>;
};

export type ChannelDefinition<Config> = {
  kind: ChannelKind;
  configSchema: ZodType<Config>;
  /** Config keys (dotted paths, e.g. `imap.password`) that are never shown back to a client once saved. */
  secretFields: readonly string[];
  /** Whether the inbox gets a generated signing secret, returned once at creation. */
  signingSecret: boolean;
  capabilities: { attachments: boolean; typing: boolean; receipts: boolean; maxText?: number };
  webhook?: {
    verify(req: Request & { rawBody?: Buffer }, ctx: { config: Config; secret: string | null }): boolean;
    parse(req: Request, inbox: InboxInfo): InboundMessage[];
  };
  create(ctx: ChannelContext<Config>): ChannelConnection;
  /** Tries the settings without saving them; says precisely what failed (DNS, TLS, login, mailbox). */
  testConnection?(config: Config): Promise<ConnectionCheck[]>;
};

export type ConnectionCheck = { step: string; ok: boolean; detail?: string };

/** Methods are bivariant in their parameters, so every definition fits here whatever its Config. */
export type AnyChannelDefinition = ChannelDefinition<unknown>;
