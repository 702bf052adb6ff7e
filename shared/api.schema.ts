// Wire shapes of the REST API, shared by server, widget and console, and the source of /api/docs.
import { z } from 'zod';
import { channelKindSchema, messageTemplateSchema } from './channels.ts';
import { closureHoldJson } from './closure-hold.schema.ts';
import { socialMeasurementSchema, socialMetricsSchema } from './influence.schema.ts';
import { presenceSchema, teamSettingsSchema } from './routing.schema.ts';

export const idParam = z.string().regex(/^\d{1,15}$/, 'must be a numeric id string');
// back_office: the Virtual Channels officer of the sales desk (hand-over queue); follow_up: owns complaints'
// follow-ups. Neither answers customers nor sees conversations' content beyond what their work needs.
export const roleSchema = z.enum([
  'admin',
  'supervisor',
  'agent',
  'qa',
  'marketing',
  'finance',
  'back_office',
  'follow_up',
]);
export const conversationStatusSchema = z.enum(['open', 'pending', 'snoozed', 'resolved']);
export const prioritySchema = z.enum(['low', 'normal', 'high', 'urgent']);
export const messageStatusSchema = z.enum(['received', 'queued', 'sent', 'delivered', 'read', 'failed']);

export const errorBody = z
  .object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) })
  .meta({ id: 'Error' });

export const loginBody = z.object({
  email: z.email(),
  password: z.string().min(1).max(1024),
  /** Needed only when the address has a user in several accounts (409 account_required lists them). */
  accountId: idParam.optional(),
});

export const userJson = z
  .object({
    id: z.string(),
    accountId: z.string(),
    name: z.string(),
    email: z.string(),
    role: roleSchema,
    capacity: z.record(z.string(), z.number()),
    skills: z.object({ languages: z.array(z.string()).optional(), channels: z.array(z.string()).optional() }),
    presence: z.object({
      status: presenceSchema,
      reason: z.string().nullable(),
      since: z.string().nullable(),
    }),
    disabled: z.boolean(),
    teamIds: z.array(z.string()).optional(),
    createdAt: z.string(),
  })
  .meta({ id: 'User' });

const skillsSchema = z.object({
  languages: z.array(z.string().trim().min(2).max(10)).max(20).optional(),
  channels: z.array(channelKindSchema).max(10).optional(),
});

export const createUserBody = z.object({
  name: z.string().trim().min(1).max(200),
  email: z.email().max(320),
  password: z.string().min(8).max(1024),
  role: roleSchema,
  capacity: z.partialRecord(channelKindSchema, z.number().int().min(0).max(1000)).optional(),
  skills: skillsSchema.optional(),
});
export const updateUserBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    password: z.string().min(8).max(1024),
    role: roleSchema,
    capacity: z.partialRecord(channelKindSchema, z.number().int().min(0).max(1000)),
    skills: skillsSchema,
    disabled: z.boolean(),
  })
  .partial();

/** GET /directory: whom a conversation can be handed to. */
export const directoryJson = z.object({
  data: z
    .object({
      users: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          role: roleSchema,
          presence: z.enum(['online', 'away', 'auxiliary', 'offline']),
          teamIds: z.array(z.string()),
        }),
      ),
      teams: z.array(z.object({ id: z.string(), name: z.string() })),
    })
    .meta({ id: 'Directory' }),
});

export const teamJson = z
  .object({
    id: z.string(),
    name: z.string(),
    strategy: z.enum(['least_busy', 'rotation', 'manual']),
    memberIds: z.array(z.string()),
    settings: teamSettingsSchema,
    createdAt: z.string(),
  })
  .meta({ id: 'Team' });
export const createTeamBody = z.object({
  name: z.string().trim().min(1).max(200),
  strategy: z.enum(['least_busy', 'rotation', 'manual']).default('least_busy'),
  memberIds: z.array(idParam).max(1000).default([]),
  /** Business hours, overflow, re-route and offline path. */
  settings: teamSettingsSchema.optional(),
});
export const updateTeamBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    strategy: z.enum(['least_busy', 'rotation', 'manual']),
    memberIds: z.array(idParam).max(1000),
    settings: teamSettingsSchema,
  })
  .partial();

/** GET /channels: what a channel kind of the hub can do, as its definition declares it, and its config's schema. */
export const channelJson = z
  .object({
    kind: channelKindSchema,
    label: z.string(),
    /** The short name on a conversation's tag, per console language. */
    tag: z.object({ en: z.string(), es: z.string(), ar: z.string() }),
    /** How its inbound arrives: the hub's own widget, a REST call, a provider's webhook, a held connection. */
    inbound: z.enum(['widget', 'rest', 'webhook', 'connection']),
    capabilities: z.object({
      attachments: z.boolean(),
      /** The customer sees that an agent is typing. */
      typing: z.boolean(),
      /** Delivery and read receipts come back. */
      receipts: z.boolean(),
      /** The longest reply; on a channel with public items, the longest public answer. */
      maxText: z.number().optional(),
      /** How maxText is counted: characters, or weighted (shared/weighted-length.ts: links 23, emoji 2). */
      textLength: z.enum(['characters', 'weighted']),
      /** Channels with public items: the longest private answer (a DM, a private reply), in characters. */
      maxPrivateText: z.number().optional(),
      /** Provider-approved templates, the only message allowed once the reply window closed. */
      templates: z.boolean(),
      /** Free-form replies only within this many hours of the customer's last message. */
      replyWindowHours: z.number().optional(),
      /** A subject, cc and bcc per reply, formatted replies (mail). */
      richEmail: z.boolean(),
      /** Public items (a page comment, a mention) besides private ones. */
      publicItems: z.boolean(),
      /** A customer's public item can be hidden or deleted. */
      hideDelete: z.boolean(),
      /** A public item can be liked as the business. */
      like: z.boolean(),
      /** The customer is connected to the hub itself (typing, place in the queue). */
      live: z.boolean(),
      /** The satisfaction survey is asked in the channel's own interface. */
      nativeSurvey: z.boolean(),
    }),
    protocol: z.object({
      /** The protocol an inbox follows unless its settings choose another; null: none. */
      family: z.string().nullable(),
      /** Automatic messages per customer address per hour unless the inbox sets its own cap. */
      automaticRepliesPerHour: z.number().optional(),
    }),
    /** A JSON Schema (draft 2020-12) of the `config` that POST/PATCH /inboxes accept for this kind. */
    configSchema: z.record(z.string(), z.unknown()),
    /** Dotted config paths shown masked once saved: the console renders them as password fields. */
    secretFields: z.array(z.string()),
    /** Whether a created inbox returns a signing secret, once. */
    signingSecret: z.boolean(),
    /** Whether POST /inboxes/test-connection does more than validate the config. */
    testConnection: z.boolean(),
    /** Whether the provider pushes to /webhooks/<kind>/<inboxId>. */
    webhook: z.boolean(),
    /** Whether the channel pays per read: GET /inboxes/:id/usage reports its spend this month. */
    usage: z.boolean(),
  })
  .meta({ id: 'Channel' });
export type ChannelJson = z.infer<typeof channelJson>;

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
    pairing: z.object({ qr: z.string().optional(), code: z.string().optional() }).optional(),
    /** Push channels: the callback URL to give the provider (`<PUBLIC_URL>/webhooks/<channel>/<id>`). */
    inboundWebhookUrl: z.string().optional(),
    createdAt: z.string(),
  })
  .meta({ id: 'Inbox' });
/** GET /inboxes/:id/usage: a paying channel's spend this month (null for channels that do not pay per read). */
export const inboxUsageJson = z
  .object({
    /** `YYYY-MM` (UTC). */
    month: z.string(),
    spentUsd: z.number(),
    /** null: no budget set, nothing stops the reads. */
    budgetUsd: z.number().nullable(),
    /** `slowed`: read less often as the budget runs down; `stopped`: spent, nothing read until the month turns. */
    state: z.enum(['normal', 'slowed', 'stopped']),
  })
  .meta({ id: 'InboxUsage' });
export type InboxUsageJson = z.infer<typeof inboxUsageJson>;
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
    errorCode: z.string().optional(),
    /** The channel is still trying and said why (a mail server's delay notice); the status is unchanged. */
    warning: z.string().optional(),
    rejectedAttachments: z.array(z.object({ name: z.string(), reason: z.string() })).optional(),
    automated: z.boolean().optional(),
    email: z
      .object({
        from: z.string().nullable(),
        to: z.array(z.string()),
        cc: z.array(z.string()),
        bcc: z.array(z.string()).optional(),
        subject: z.string(),
        messageId: z.string(),
        fullText: z.string().optional(),
      })
      .optional(),
    inlineImages: z.record(z.string(), z.string()).optional(),
    /** `markdown`: the agent formatted the text and `html` was made from it. */
    format: z.literal('markdown').optional(),
    /** An approved template sent instead of free text (WhatsApp Cloud API). */
    template: messageTemplateSchema.optional(),
    /** Chat channels: the external id of the message this one quotes (answers). */
    replyTo: z.string().optional(),
    forwarded: z.boolean().optional(),
    /** A reaction (contentType 'reaction'): the external id of the message reacted to; '' = taken back. */
    reaction: z
      .object({ messageId: z.string(), emoji: z.string(), removed: z.boolean().optional() })
      .optional(),
    location: z
      .object({
        latitude: z.number(),
        longitude: z.number(),
        name: z.string().optional(),
        address: z.string().optional(),
        url: z.string().optional(),
      })
      .optional(),
    /** Contact cards the customer shared, as the channel described them. */
    sharedContacts: z.array(z.record(z.string(), z.unknown())).optional(),
    /** What the customer chose: a reply button, a list row, a form's answer. */
    interactive: z.record(z.string(), z.unknown()).optional(),
    /**
     * A public item (a Page comment): the post it is on, the item it answers (`parentId`, the post itself
     * for a top-level comment), the texts it had before each edit, and whether it was removed or hidden.
     */
    social: z
      .object({
        /** Everyone can see the item (a comment, a mention), or only the business (a DM). */
        visibility: z.enum(['public', 'private']).optional(),
        /** comment, post, mention, dm, message. */
        kind: z.string().optional(),
        /** A link to the item on the network. */
        url: z.string().nullish(),
        postId: z.string().optional(),
        parentId: z.string().optional(),
        permalink: z.string().optional(),
        edits: z.array(z.object({ text: z.string().nullable(), until: z.string() })).optional(),
        removedAt: z.string().optional(),
        hidden: z.boolean().optional(),
        /** The author's reach and the item's exposure when last measured (shared/influence.schema.ts). */
        author: socialMetricsSchema.shape.author.optional(),
        item: socialMeasurementSchema.optional(),
        /** Reactions of the customer to this message (Messenger), one per side. */
        reactions: z.array(z.object({ emoji: z.string(), by: z.string(), at: z.string() })).optional(),
      })
      .optional(),
    /** An answer to a public item sent to its author privately (a Messenger private reply to a comment). */
    privately: z.boolean().optional(),
    /** Download of the message as the channel delivered it (a mail's .eml source). */
    originalUrl: z.string().optional(),
    externalId: z.string().nullable(),
    clientMessageId: z.string().nullable(),
    attachments: z.array(attachmentJson),
    createdAt: z.string(),
  })
  .meta({ id: 'Message' });
export type MessageJson = z.infer<typeof messageJson>;

/** A label as a conversation carries it (the full label is in shared/labels.schema.ts). */
export const conversationLabelJson = z.object({ id: z.string(), name: z.string(), color: z.string() });
export type ConversationLabelJson = z.infer<typeof conversationLabelJson>;

/** The list's preview line: the last message that is not a private note, cut to a row's length. */
export const lastMessageJson = z.object({
  text: z.string(),
  direction: z.enum(['in', 'out']),
  contentType: z.string(),
  at: z.string(),
});
export type LastMessageJson = z.infer<typeof lastMessageJson>;

export const conversationJson = z
  .object({
    id: z.string(),
    inboxId: z.string(),
    channel: channelKindSchema,
    contactId: z.string(),
    status: conversationStatusSchema,
    priority: prioritySchema,
    category: z.string().nullable(),
    assigneeId: z.string().nullable(),
    teamId: z.string().nullable(),
    subject: z.string().nullable(),
    snoozedUntil: z.string().nullable(),
    firstCustomerMessageAt: z.string().nullable(),
    firstAgentReplyAt: z.string().nullable(),
    lastActivityAt: z.string(),
    resolvedAt: z.string().nullable(),
    /** GET /conversations only: the customer's messages the caller has not read (POST .../read). */
    unreadCount: z.number().int().optional(),
    /**
     * GET /conversations and live updates that come with a message: who the customer is and the last
     * thing said, for the list row. Left out of other updates, which means "unchanged".
     */
    contactName: z.string().nullable().optional(),
    lastMessage: lastMessageJson.nullable().optional(),
    createdAt: z.string(),
    language: z.string().nullable().optional(),
    /** When it entered its team's queue, and when an agent got it. */
    queuedAt: z.string().nullable().optional(),
    assignedAt: z.string().nullable().optional(),
    /** The customer waits for an answer since (null once answered). */
    waitingSince: z.string().nullable().optional(),
    /** Service-level due times while their clocks run. */
    firstResponseDueAt: z.string().nullable().optional(),
    nextResponseDueAt: z.string().nullable().optional(),
    resolutionDueAt: z.string().nullable().optional(),
    /** An agent's hold on the protocol's closure check (POST /conversations/:id/closure-check). */
    closureHold: closureHoldJson.nullable().optional(),
    /** 1-based place in its team's queue while it waits unassigned; null otherwise. */
    queuePosition: z.number().nullable().optional(),
    /**
     * WhatsApp Cloud API: free-form replies are possible until `closesAt`, 24 hours after the customer's
     * last message; after that (or when the customer never wrote, closesAt null) only a template.
     */
    replyWindow: z.object({ open: z.boolean(), closesAt: z.string().nullable() }).optional(),
    contact: contactJson.optional(),
    /**
     * Its labels, by name. Always on the REST reads (list, one) and on a label change; other live updates
     * may leave it out, which means "unchanged".
     */
    labels: z.array(conversationLabelJson).optional(),
    /** The visitor's satisfaction rating (web chat), on GET /conversations/:id once submitted. */
    rating: z
      .object({
        rating: z.number(),
        comment: z.string().nullable(),
        agentId: z.string().nullable(),
        createdAt: z.string(),
      })
      .nullable()
      .optional(),
  })
  .meta({ id: 'Conversation' });
export type ConversationJson = z.infer<typeof conversationJson>;

export const listConversationsQuery = z.object({
  status: conversationStatusSchema.optional(),
  inboxId: idParam.optional(),
  assigneeId: z.union([idParam, z.literal('none'), z.literal('me')]).optional(),
  teamId: idParam.optional(),
  contactId: idParam.optional(),
  /** Only conversations carrying this label. */
  label: idParam.optional(),
  /**
   * Only this conversation, if it passes the other filters: the console's row for a conversation that a
   * live update brought into its list (an update carries no name, preview, labels or unread count).
   */
  id: idParam.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
/** GET /contacts/:id/timeline: a page of the contact's messages on every channel, oldest first. */
export const contactTimelineQuery = z.object({
  before: idParam.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const timelineMessageJson = messageJson
  .extend({
    conversation: z.object({ id: z.string(), channel: channelKindSchema, status: conversationStatusSchema }),
  })
  .meta({ id: 'TimelineMessage' });

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
    /**
     * WhatsApp Cloud API: send this approved template instead of free text (the only thing allowed once the
     * 24-hour window closed). `text`, if given, is only the hub's record of what it says.
     */
    template: messageTemplateSchema.optional(),
    /** `markdown`: the text carries the console's formatting (shared/markdown-lite.ts); e-mail only. */
    format: z.enum(['plain', 'markdown']).default('plain'),
    /** On a public item (a Page comment): answer its author privately (a Messenger private reply). */
    privately: z.boolean().optional(),
    /** E-mail conversations: the reply's own subject (threading keeps the `[#id]` tag), cc and bcc. */
    email: z
      .object({
        subject: z.string().trim().min(1).max(500).optional(),
        cc: z.array(z.email().max(320)).max(20).default([]),
        bcc: z.array(z.email().max(320)).max(20).default([]),
      })
      .optional(),
  })
  .refine(
    (b) => (b.text && b.text.trim().length > 0) || b.attachmentIds.length > 0 || b.template !== undefined,
    { message: 'a message needs text, at least one attachment or a template', path: ['text'] },
  )
  .refine((b) => !b.template || (b.attachmentIds.length === 0 && !b.private), {
    message: 'a template is sent on its own: no attachments, and never as a private note',
    path: ['template'],
  })
  .refine((b) => !b.privately || (!b.private && !b.template), {
    message: 'a private reply goes to the customer: not a note, not a template',
    path: ['privately'],
  })
  .refine((b) => !b.private || (b.email === undefined && b.format === 'plain'), {
    message: 'a private note has no subject, cc or formatting',
    path: ['email'],
  });
export const readBody = z.object({
  /** Read up to this message of the conversation; left out: up to its newest. */
  messageId: idParam.optional(),
});
export const readStateJson = z.object({ lastReadMessageId: z.string(), unreadCount: z.number().int() });
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
/** A category is a short slug (the e-mail protocol's are petition, complaint, claim, suggestion). */
export const categoryBody = z.object({
  category: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_-]{0,39}$/, 'a lower-case slug of at most 40 characters')
    .nullable(),
});

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
export type ApiIncomingBody = z.infer<typeof apiIncomingBody>;

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
