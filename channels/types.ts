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
  /** Config keys that are never shown back to a client once saved. */
  secretFields: readonly string[];
  /** Whether the inbox gets a generated signing secret, returned once at creation. */
  signingSecret: boolean;
  capabilities: { attachments: boolean; typing: boolean; receipts: boolean; maxText?: number };
  webhook?: {
    verify(req: Request & { rawBody?: Buffer }, ctx: { config: Config; secret: string | null }): boolean;
    parse(req: Request, inbox: InboxInfo): InboundMessage[];
  };
  create(ctx: ChannelContext<Config>): ChannelConnection;
};

/** Methods are bivariant in their parameters, so every definition fits here whatever its Config. */
export type AnyChannelDefinition = ChannelDefinition<unknown>;
