// Rows → public JSON (DESIGN.md's message and conversation shapes). Ids become strings here and only here.
import type { Attachment, Contact, ContactIdentity, Conversation, Message } from '#server/db/schema.ts';
import { capabilitiesOf } from '#server/inboxes/channel-facts.ts';
import type {
  ConversationJson,
  ConversationLabelJson,
  LastMessageJson,
  MessageJson,
} from '#shared/api.schema.ts';
import type { ChannelKind, MessageTemplate } from '#shared/channels.ts';
import { closureHoldFromMeta } from '#shared/closure-hold.schema.ts';
import { replyWindowOf } from '#shared/reply-window.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const str = (n: number | null) => (n === null ? null : String(n));

export function attachmentToJson(a: Attachment) {
  return {
    id: String(a.id),
    name: a.originalName,
    mime: a.mime,
    size: a.size,
    sha256: a.sha256,
    url: `/api/v1/attachments/${a.id}`,
  };
}

/** A mail's `cid:` images point at the stored attachments, so the HTML shows as the customer sent it. */
function withInlineImages(html: string, inline: unknown, files: Attachment[]): string {
  const bySha = new Map(files.map((f) => [f.sha256, f]));
  return html.replace(/src="cid:([^"]+)"/g, (whole, cid: string) => {
    const sha = (inline as Record<string, string>)[cid];
    const file = sha ? bySha.get(sha) : undefined;
    return file ? `src="/api/v1/attachments/${file.id}"` : whole;
  });
}

type MessageEmailJson = {
  from: string | null;
  to: string[];
  cc: string[];
  bcc?: string[];
  subject: string;
  messageId: string;
  fullText?: string;
};
type ComposeMeta = { subject?: string; cc: string[]; bcc: string[] };

/** A mail's addresses and subject: as sent (or received), else what the agent set for a reply not sent yet. */
function emailOf(meta: Message['meta']): MessageEmailJson | undefined {
  if (meta.email) return meta.email as MessageEmailJson;
  const compose = meta.compose as ComposeMeta | undefined;
  if (!compose) return undefined;
  return {
    from: null,
    to: [],
    cc: compose.cc,
    bcc: compose.bcc,
    subject: compose.subject ?? '',
    messageId: '',
  };
}

export function messageToJson(m: Message, attachments: Attachment[] = []): MessageJson {
  const original = m.meta.originalSha256
    ? attachments.find((a) => a.sha256 === m.meta.originalSha256)
    : undefined;
  return {
    id: String(m.id),
    conversationId: String(m.conversationId),
    direction: m.direction,
    senderType: m.senderType,
    senderId: str(m.senderId),
    text: m.text,
    html: m.html && m.meta.inlineImages ? withInlineImages(m.html, m.meta.inlineImages, attachments) : m.html,
    contentType: m.contentType,
    private: m.private,
    status: m.status,
    ...(m.error ? { error: m.error } : {}),
    // Why a send failed for good (AUTH, PERMANENT ...), for the console to say what to do about it.
    ...(m.errorCode ? { errorCode: m.errorCode } : {}),
    ...(typeof m.meta.deliveryWarning === 'string' && m.status !== 'failed'
      ? { warning: m.meta.deliveryWarning }
      : {}),
    // Files the hub refused on an inbound message (type or size): the agent should know they were sent.
    ...(m.meta.rejectedAttachments
      ? { rejectedAttachments: m.meta.rejectedAttachments as { name: string; reason: string }[] }
      : {}),
    // Sent by a machine (auto-reply, list, robot): the hub never answers it automatically.
    ...(m.meta.automated ? { automated: true } : {}),
    // Mail: who wrote to whom, the subject, and the full text when quoted history was folded away.
    ...(emailOf(m.meta) ? { email: emailOf(m.meta) } : {}),
    // The agent formatted the text (shared/markdown-lite.ts): `html` is made from it.
    ...(m.meta.format === 'markdown' ? { format: 'markdown' as const } : {}),
    // Mail: content id → sha256 of the stored attachment, for the `cid:` images in the HTML.
    ...(m.meta.inlineImages ? { inlineImages: m.meta.inlineImages as Record<string, string> } : {}),
    ...chatDetails(m.meta),
    externalId: m.externalId,
    clientMessageId: m.clientMessageId,
    // The channel's original (a mail's source) is not one of the customer's files: it has its own link.
    attachments: attachments.filter((a) => a.sha256 !== m.meta.originalSha256).map(attachmentToJson),
    ...(original ? { originalUrl: `/api/v1/attachments/${original.id}` } : {}),
    createdAt: m.createdAt.toISOString(),
  };
}

type ChatDetails = {
  template?: MessageTemplate;
  replyTo?: string;
  forwarded?: boolean;
  reaction?: { messageId: string; emoji: string; removed?: boolean };
  location?: { latitude: number; longitude: number; name?: string; address?: string; url?: string };
  sharedContacts?: Record<string, unknown>[];
  interactive?: Record<string, unknown>;
  social?: MessageJson['social'];
  privately?: boolean;
};
const chatKeys = [
  'social',
  'privately',
  'template',
  'replyTo',
  'forwarded',
  'reaction',
  'location',
  'sharedContacts',
  'interactive',
] as const satisfies readonly (keyof ChatDetails)[];

/** Chat channels' details (WhatsApp): the template sent, the quoted message, a reaction, a place ... */
function chatDetails(meta: Record<string, unknown>): ChatDetails {
  const out: Record<string, unknown> = {};
  for (const k of chatKeys) if (meta[k] !== undefined && meta[k] !== null) out[k] = meta[k];
  return out as ChatDetails;
}

export function contactToJson(c: Contact, identities?: ContactIdentity[]) {
  return {
    id: String(c.id),
    name: c.name,
    email: c.email,
    phone: c.phone,
    attributes: c.attributes,
    ...(identities
      ? {
          identities: identities.map((i) => ({
            id: String(i.id),
            channel: i.channel as ChannelKind,
            externalId: i.externalId,
            display: i.display,
          })),
        }
      : {}),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export function conversationToJson(
  c: Conversation,
  channel: ChannelKind,
  extra: {
    contact?: ReturnType<typeof contactToJson>;
    queuePosition?: number | null;
    /** Set by the reads that load them (server/labels/labels-of.ts, one query per page). */
    labels?: ConversationLabelJson[];
    /** The list's: the caller's unread customer messages (read-state.ts). */
    unreadCount?: number;
    /** The list's and the message-carrying updates': the row's name and preview line. */
    contactName?: string | null;
    lastMessage?: LastMessageJson | null;
  } = {},
): ConversationJson {
  const windowHours = capabilitiesOf(channel).replyWindowHours;
  return {
    id: String(c.id),
    inboxId: String(c.inboxId),
    channel,
    contactId: String(c.contactId),
    status: c.status,
    priority: c.priority,
    category: c.category,
    assigneeId: str(c.assigneeId),
    teamId: str(c.teamId),
    subject: c.subject,
    snoozedUntil: iso(c.snoozedUntil),
    firstCustomerMessageAt: iso(c.firstCustomerMessageAt),
    firstAgentReplyAt: iso(c.firstAgentReplyAt),
    lastActivityAt: c.lastActivityAt.toISOString(),
    resolvedAt: iso(c.resolvedAt),
    createdAt: c.createdAt.toISOString(),
    language: c.language,
    queuedAt: iso(c.queuedAt),
    assignedAt: iso(c.assignedAt),
    waitingSince: iso(c.waitingSince),
    firstResponseDueAt: iso(c.firstResponseDueAt),
    nextResponseDueAt: iso(c.nextResponseDueAt),
    resolutionDueAt: iso(c.resolutionDueAt),
    closureHold: closureHoldFromMeta(c.meta),
    // Set by the routes that compute it (one query per page); null when it is not waiting in a queue.
    queuePosition: null as number | null,
    // The composer says why it only offers templates: the channel's customer-service window.
    ...(windowHours ? { replyWindow: replyWindowOf(c.lastCustomerMessageAt, windowHours) } : {}),
    ...extra,
  };
}
