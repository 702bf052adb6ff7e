// Wire shapes of the REST API, shared by server, widget and console, and the source of /api/docs.
import { z } from 'zod';
import { channelKindSchema } from './channels.ts';

export const idParam = z.string().regex(/^\d{1,15}$/, 'must be a numeric id string');
export const roleSchema = z.enum(['admin', 'supervisor', 'agent', 'qa', 'marketing', 'finance']);
export const conversationStatusSchema = z.enum(['open', 'pending', 'snoozed', 'resolved']);
export const prioritySchema = z.enum(['low', 'normal', 'high', 'urgent']);
export const messageStatusSchema = z.enum(['received', 'queued', 'sent', 'delivered', 'read', 'failed']);

export const errorBody = z
  .object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) })
  .meta({ id: 'Error' });

export const loginBody = z.object({ email: z.email(), password: z.string().min(1).max(1024) });

export const userJson = z
  .object({
    id: z.string(),
    accountId: z.string(),
    name: z.string(),
    email: z.string(),
    role: roleSchema,
    capacity: z.record(z.string(), z.number()),
    disabled: z.boolean(),
    teamIds: z.array(z.string()).optional(),
    createdAt: z.string(),
  })
  .meta({ id: 'User' });

export const createUserBody = z.object({
  name: z.string().trim().min(1).max(200),
  email: z.email().max(320),
  password: z.string().min(8).max(1024),
  role: roleSchema,
  capacity: z.record(channelKindSchema, z.number().int().min(0).max(1000)).optional(),
});
export const updateUserBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    password: z.string().min(8).max(1024),
    role: roleSchema,
    capacity: z.record(channelKindSchema, z.number().int().min(0).max(1000)),
    disabled: z.boolean(),
  })
  .partial();

export const teamJson = z
  .object({
    id: z.string(),
    name: z.string(),
    strategy: z.enum(['least_busy', 'rotation', 'manual']),
    memberIds: z.array(z.string()),
    createdAt: z.string(),
  })
  .meta({ id: 'Team' });
export const createTeamBody = z.object({
  name: z.string().trim().min(1).max(200),
  strategy: z.enum(['least_busy', 'rotation', 'manual']).default('least_busy'),
  memberIds: z.array(idParam).max(1000).default([]),
});
export const updateTeamBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    strategy: z.enum(['least_busy', 'rotation', 'manual']),
    memberIds: z.array(idParam).max(1000),
  })
  .partial();

export const inboxJson = z
  .object({
    id: z.string(),
    name: z.string(),
    channel: channelKindSchema,
    token: z.string(),
    teamId: z.string().nullable(),
    config: z.record(z.string(), z.unknown()),
    settings: z.record(z.string(), z.unknown()),
    health: z.string(),
    healthDetail: z.string().nullable(),
    secret: z.string().optional(),
    createdAt: z.string(),
  })
  .meta({ id: 'Inbox' });
export const createInboxBody = z.object({
  name: z.string().trim().min(1).max(200),
  channel: channelKindSchema,
  config: z.record(z.string(), z.unknown()).default({}),
  settings: z.record(z.string(), z.unknown()).default({}),
  teamId: idParam.nullable().optional(),
});
export const testConnectionBody = z.object({
  channel: channelKindSchema,
  config: z.record(z.string(), z.unknown()),
  /** With a saved inbox's id, secrets left masked are taken from it. */
  inboxId: idParam.optional(),
});
export const updateInboxBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    config: z.record(z.string(), z.unknown()),
    settings: z.record(z.string(), z.unknown()),
    teamId: idParam.nullable(),
  })
  .partial();

export const identityJson = z.object({
  id: z.string(),
  channel: channelKindSchema,
  externalId: z.string(),
  display: z.record(z.string(), z.unknown()),
});
export const contactJson = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    attributes: z.record(z.string(), z.unknown()),
    identities: z.array(identityJson).optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Contact' });
export const updateContactBody = z
  .object({
    name: z.string().trim().max(200).nullable(),
    email: z.email().max(320).nullable(),
    phone: z.string().trim().max(40).nullable(),
    attributes: z.record(z.string(), z.unknown()),
  })
  .partial();
export const mergeContactBody = z.object({ sourceContactId: idParam });

export const attachmentJson = z
  .object({
    id: z.string(),
    name: z.string(),
    mime: z.string(),
    size: z.number(),
    sha256: z.string(),
    url: z.string(),
  })
  .meta({ id: 'Attachment' });

export const messageJson = z
  .object({
    id: z.string(),
    conversationId: z.string(),
    direction: z.enum(['in', 'out']),
    senderType: z.enum(['contact', 'agent', 'bot', 'system']),
    senderId: z.string().nullable(),
    text: z.string().nullable(),
    html: z.string().nullable(),
    contentType: z.string(),
    private: z.boolean(),
    status: messageStatusSchema,
    error: z.string().optional(),
    rejectedAttachments: z.array(z.object({ name: z.string(), reason: z.string() })).optional(),
    externalId: z.string().nullable(),
    clientMessageId: z.string().nullable(),
    attachments: z.array(attachmentJson),
    createdAt: z.string(),
  })
  .meta({ id: 'Message' });

export const conversationJson = z
  .object({
    id: z.string(),
    inboxId: z.string(),
    channel: channelKindSchema,
    contactId: z.string(),
    status: conversationStatusSchema,
    priority: prioritySchema,
    assigneeId: z.string().nullable(),
    teamId: z.string().nullable(),
    subject: z.string().nullable(),
    snoozedUntil: z.string().nullable(),
    firstCustomerMessageAt: z.string().nullable(),
    firstAgentReplyAt: z.string().nullable(),
    lastActivityAt: z.string(),
    resolvedAt: z.string().nullable(),
    createdAt: z.string(),
    queuePosition: z.number().nullable().optional(),
    contact: contactJson.optional(),
  })
  .meta({ id: 'Conversation' });

export const listConversationsQuery = z.object({
  status: conversationStatusSchema.optional(),
  inboxId: idParam.optional(),
  assigneeId: z.union([idParam, z.literal('none'), z.literal('me')]).optional(),
  teamId: idParam.optional(),
  contactId: idParam.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const listMessagesQuery = z.object({
  after: idParam.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const listContactsQuery = z.object({
  q: z.string().trim().max(200).optional(),
  // The id of the last contact of the previous page, as nextCursor gave it.
  cursor: idParam.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const replyBody = z
  .object({
    text: z.string().max(65536).optional(),
    private: z.boolean().default(false),
    attachmentIds: z.array(idParam).max(20).default([]),
    clientMessageId: z.string().min(1).max(100).optional(),
  })
  .refine((b) => (b.text && b.text.trim().length > 0) || b.attachmentIds.length > 0, {
    message: 'a message needs text or at least one attachment',
    path: ['text'],
  });
export const assignBody = z
  .object({ assigneeId: idParam.nullable().optional(), teamId: idParam.nullable().optional() })
  .refine((b) => b.assigneeId !== undefined || b.teamId !== undefined, {
    message: 'give assigneeId or teamId',
  });
export const statusBody = z.object({
  status: conversationStatusSchema,
  snoozedUntil: z.iso.datetime({ offset: true }).optional(),
});
export const priorityBody = z.object({ priority: prioritySchema });

export const apiIncomingBody = z.object({
  externalId: z.string().trim().min(1).max(500),
  contact: z.object({
    externalId: z.string().trim().min(1).max(500),
    name: z.string().trim().max(200).optional(),
    email: z.email().max(320).optional(),
    phone: z.string().trim().max(40).optional(),
  }),
  text: z.string().max(65536).optional(),
  html: z.string().max(262144).optional(),
  threadKey: z.string().trim().min(1).max(500).optional(),
  subject: z.string().max(500).optional(),
  attachmentIds: z.array(idParam).max(20).optional(),
});

export const eventJson = z
  .object({
    id: z.string(),
    type: z.string(),
    actorType: z.string(),
    actorId: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
  })
  .meta({ id: 'ConversationEvent' });
