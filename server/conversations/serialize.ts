// Rows → public JSON (DESIGN.md's message and conversation shapes). Ids become strings here and only here.
import type { Attachment, Contact, ContactIdentity, Conversation, Message } from '#server/db/schema.ts';
import type { ChannelKind } from '#shared/channels.ts';

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

export function messageToJson(m: Message, attachments: Attachment[] = []) {
  return {
    id: String(m.id),
    conversationId: String(m.conversationId),
    direction: m.direction,
    senderType: m.senderType,
    senderId: str(m.senderId),
    text: m.text,
    html: m.html,
    contentType: m.contentType,
    private: m.private,
    status: m.status,
    ...(m.error ? { error: m.error } : {}),
    // Files the hub refused on an inbound message (type or size): the agent should know they were sent.
    ...(m.meta.rejectedAttachments ? { rejectedAttachments: m.meta.rejectedAttachments } : {}),
    externalId: m.externalId,
    clientMessageId: m.clientMessageId,
    attachments: attachments.map(attachmentToJson),
    createdAt: m.createdAt.toISOString(),
  };
}
export type MessageJson = ReturnType<typeof messageToJson>;

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
  extra: { contact?: ReturnType<typeof contactToJson>; queuePosition?: number | null } = {},
) {
  return {
    id: String(c.id),
    inboxId: String(c.inboxId),
    channel,
    contactId: String(c.contactId),
    status: c.status,
    priority: c.priority,
    assigneeId: str(c.assigneeId),
    teamId: str(c.teamId),
    subject: c.subject,
    snoozedUntil: iso(c.snoozedUntil),
    firstCustomerMessageAt: iso(c.firstCustomerMessageAt),
    firstAgentReplyAt: iso(c.firstAgentReplyAt),
    lastActivityAt: c.lastActivityAt.toISOString(),
    resolvedAt: iso(c.resolvedAt),
    createdAt: c.createdAt.toISOString(),
    ...extra,
  };
}
export type ConversationJson = ReturnType<typeof conversationToJson>;
