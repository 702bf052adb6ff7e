// Channel kinds and the normalised inbound message every adapter produces. No Node-only code here.
import { z } from 'zod';

export const channelKinds = [
  'webchat',
  'email',
  'whatsapp',
  'whatsapp_cloud',
  'facebook',
  'twitter',
  'api',
] as const;
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
  timestamp?: Date;
  /** Sent by a machine (auto-reply, list, bounce): the hub never answers it automatically. */
  automated?: boolean;
  /** Channel details kept on the message (mail: from, to, cc, original headers ...). */
  meta?: Record<string, unknown>;
  raw?: Record<string, unknown>;
};

export type DeliveryUpdate = {
  inboxId: number;
  externalId: string;
  status: 'delivered' | 'read' | 'failed';
  error?: string;
  at?: Date;
};
