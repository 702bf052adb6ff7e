// Channel kinds and the normalised inbound message every adapter produces. No Node-only code here.
import { z } from 'zod';
import { channelKinds } from '#channels/kinds.ts';

export { channelKinds };
export const channelKindSchema = z.enum(channelKinds);
export type ChannelKind = z.infer<typeof channelKindSchema>;

export type InboundAttachment = {
  /** Bytes as received; the hub sniffs the type and stores it content-addressed. */
  data: Uint8Array;
  name?: string;
  mime?: string;
  /** A mail's inline image (`cid:` in its HTML). */
  contentId?: string;
};

export type InboundMessage = {
  channel: ChannelKind;
  inboxId: number;
  /** The channel's own id of the message (mail Message-ID, WhatsApp key id, webhook mid, client id ...). */
  externalId: string;
  /** What ties messages into one conversation (a mail thread root, a chat id, a sender id ...). */
  threadKey: string;
  sender: {
    externalId: string;
    name?: string;
    email?: string;
    phone?: string;
    display?: Record<string, unknown>;
  };
  text?: string;
  html?: string;
  subject?: string;
  contentType?: string;
  attachments?: InboundAttachment[];
  /** Already-stored attachments (uploaded before the message, e.g. by the widget). */
  attachmentIds?: number[];
  /** The widget's or API client's idempotency key, scoped to the conversation. */
  clientMessageId?: string;
  /** The customer's language as the channel knows it (the widget's locale); a new conversation keeps it. */
  language?: string;
  timestamp?: Date;
  /** Sent by a machine (auto-reply, list, bounce): the hub never answers it automatically. */
  automated?: boolean;
  /**
   * Written by the business outside the hub (a reply typed in Meta's own inbox, seen as an echo): stored
   * as an agent's message already sent, never sent again. `sender` is still the customer of the thread.
   */
  fromBusiness?: boolean;
  /** The message exactly as the channel delivered it (a mail's RFC 822 source), kept for "view original". */
  original?: { data: Uint8Array; name: string };
  /** Channel details kept on the message (mail: from, to, cc, original headers ...). */
  meta?: Record<string, unknown>;
  raw?: Record<string, unknown>;
};

export type DeliveryUpdate = {
  inboxId: number;
  externalId: string;
  /** `delayed`: the channel is still trying (a mail server's "delivery delayed"): a warning, not a status. */
  status: 'delivered' | 'read' | 'failed' | 'delayed';
  error?: string;
  at?: Date;
};

/**
 * What happened since to a message the channel delivered earlier (a Page comment edited, removed, hidden
 * or shown again): the message keeps its earlier texts, a removal marks it, nothing is deleted.
 */
export type MessageChange = {
  inboxId: number;
  externalId: string;
  at?: Date;
  /** The new text of an edited message. */
  text?: string;
  removed?: boolean;
  hidden?: boolean;
  /** The customer reacted to the message (Messenger), or took the reaction back (`on: false`). */
  reaction?: { emoji: string; on: boolean; by: 'contact' };
};

/**
 * A message template approved by the provider (WhatsApp Cloud API): the only thing a business may send once
 * the customer has been silent for 24 hours. `components` fill the template's variables, in Meta's shape.
 */
export const messageTemplateSchema = z.object({
  name: z
    .string()
    .trim()
    .regex(/^[a-z0-9_]{1,512}$/, 'a template name: lower-case letters, digits and underscores'),
  language: z
    .string()
    .trim()
    .regex(/^[a-z]{2,3}(_[A-Za-z]{2,4})?$/, 'a language code such as en, en_US or pt_BR'),
  components: z.array(z.record(z.string(), z.unknown())).max(20).optional(),
});
export type MessageTemplate = z.infer<typeof messageTemplateSchema>;
