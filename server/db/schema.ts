// The one conversation model. Every tenant row carries account_id and every query is scoped by it.
// Ids are bigint identities (monotonic, so `after=<id>` paging is cheap); the API shows them as strings.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { influenceTiers } from '#shared/influence.schema.ts';
import { mentionActions, mentionStatuses } from '#shared/mentions.schema.ts';
import { securityEventTypes } from '#shared/security.schema.ts';
import { at, createdAt, id, ref } from './columns.ts';

export const accounts = pgTable('accounts', {
  id: id(),
  name: text('name').notNull(),
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: createdAt(),
});

export const users = pgTable(
  'users',
  {
    id: id(),
    accountId: ref('account_id')
      .notNull()
      .references(() => accounts.id),
    name: text('name').notNull(),
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', {
      enum: ['admin', 'supervisor', 'agent', 'qa', 'marketing', 'finance', 'back_office', 'follow_up'],
    }).notNull(),
    capacity: jsonb('capacity').$type<Record<string, number>>().notNull().default({}),
    // What routing may give them: languages spoken, channels worked (empty = any).
    skills: jsonb('skills').$type<{ languages?: string[]; channels?: string[] }>().notNull().default({}),
    presence: text('presence', { enum: ['online', 'away', 'auxiliary', 'offline'] })
      .notNull()
      .default('offline'),
    presenceReason: text('presence_reason'),
    presenceChangedAt: at('presence_changed_at'),
    // Rotation hands the next conversation to whoever waited longest since their last one.
    lastAssignedAt: at('last_assigned_at'),
    disabled: boolean('disabled').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    // An address is unique within an account, not across the hub: refusing one because another tenant
    // uses it would tell that tenant's address to anyone who tries (login asks which account then).
    uniqueIndex('users_account_email_uq').on(t.accountId, sql`lower(${t.email})`),
    index('users_email_idx').on(sql`lower(${t.email})`),
    index('users_account_idx').on(t.accountId),
  ],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: id(),
    accountId: ref('account_id')
      .notNull()
      .references(() => accounts.id),
    userId: ref('user_id')
      .notNull()
      .references(() => users.id),
    tokenHash: text('token_hash').notNull(),
    name: text('name').notNull().default('session'),
    createdAt: createdAt(),
    // Refreshed at most once a minute (authenticate.ts): enough for "last active" in the sessions list.
    lastUsedAt: at('last_used_at'),
    expiresAt: at('expires_at'),
    // Where a session was opened, so its owner can tell their own devices from someone else's.
    userAgent: text('user_agent'),
    ip: text('ip'),
  },
  (t) => [uniqueIndex('api_tokens_hash_uq').on(t.tokenHash), index('api_tokens_user_idx').on(t.userId)],
);

/**
 * What an admin audits: logins that failed or succeeded, sessions ended, passwords changed. A failed
 * login for an address no user has belongs to no account (no admin sees it; the throttle still counts it).
 */
export const securityEvents = pgTable(
  'security_events',
  {
    id: id(),
    accountId: ref('account_id').references(() => accounts.id),
    userId: ref('user_id').references(() => users.id, { onDelete: 'set null' }),
    type: text('type', { enum: securityEventTypes }).notNull(),
    // Lower-cased, as typed at the login form: the throttle counts failures per address.
    email: text('email'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    index('security_events_account_idx').on(t.accountId, t.id),
    index('security_events_email_idx').on(t.email, t.createdAt),
    index('security_events_ip_idx').on(t.ip, t.createdAt),
  ],
);
export type SecurityEvent = typeof securityEvents.$inferSelect;

export const teams = pgTable(
  'teams',
  {
    id: id(),
    accountId: ref('account_id')
      .notNull()
      .references(() => accounts.id),
    name: text('name').notNull(),
    strategy: text('strategy', { enum: ['least_busy', 'rotation', 'manual'] })
      .notNull()
      .default('least_busy'),
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('teams_account_name_uq').on(t.accountId, t.name)],
);

export const teamMembers = pgTable(
  'team_members',
  {
    accountId: ref('account_id')
      .notNull()
      .references(() => accounts.id),
    teamId: ref('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    userId: ref('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index('team_members_user_idx').on(t.userId)],
);

export const inboxes = pgTable(
  'inboxes',
  {
    id: id(),
    accountId: ref('account_id')
      .notNull()
      .references(() => accounts.id),
    name: text('name').notNull(),
    channel: text('channel').notNull(),
    // The channel's config as AES-256-GCM ciphertext (key from HUB_SECRET): it holds passwords and tokens.
    configEncrypted: text('config_encrypted').notNull(),
    secretEncrypted: text('secret_encrypted'),
    token: text('token').notNull(),
    teamId: ref('team_id').references(() => teams.id, { onDelete: 'set null' }),
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    health: text('health').notNull().default('connecting'),
    healthDetail: text('health_detail'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('inboxes_token_uq').on(t.token), index('inboxes_account_idx').on(t.accountId)],
);

export const contacts = pgTable(
  'contacts',
  {
    id: id(),
    accountId: ref('account_id')
      .notNull()
      .references(() => accounts.id),
    name: text('name'),
    email: text('email'),
    phone: text('phone'),
    attributes: jsonb('attributes').$type<Record<string, unknown>>().notNull().default({}),
    mergedIntoId: ref('merged_into_id'),
    createdAt: createdAt(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('contacts_account_idx').on(t.accountId, t.id),
    index('contacts_email_idx').on(t.accountId, sql`lower(${t.email})`),
    // E.164 (as ingest and the contacts API store it): a WhatsApp sender finds the contact an agent or an
    // import already has for that number.
    index('contacts_phone_idx').on(t.accountId, t.phone),
    // The national id (CI) and the service number, as identification and the sales desk's imports find
    // a customer by them.
    index('contacts_national_id_idx').on(t.accountId, sql`(${t.attributes} ->> 'nationalId')`),
    index('contacts_service_number_idx').on(t.accountId, sql`(${t.attributes} ->> 'serviceNumber')`),
    // The search box: name, e-mail, phone (also as bare digits) and attribute values in one trigram
    // index (contact_search_text is defined in migration 0014; server/search/contact-match.ts).
    index('contacts_search_trgm_idx').using(
      'gin',
      sql`contact_search_text(${t.name}, ${t.email}, ${t.phone}, ${t.attributes}) gin_trgm_ops`,
    ),
  ],
);

export const contactIdentities = pgTable(
  'contact_identities',
  {
    id: id(),
    accountId: ref('account_id')
      .notNull()
      .references(() => accounts.id),
    contactId: ref('contact_id')
      .notNull()
      .references(() => contacts.id),
    channel: text('channel').notNull(),
    externalId: text('external_id').notNull(),
    display: jsonb('display').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('contact_identities_uq').on(t.accountId, t.channel, t.externalId),
    index('contact_identities_contact_idx').on(t.contactId),
    index('contact_identities_external_trgm_idx').using('gin', t.externalId.op('gin_trgm_ops')),
  ],
);

export const conversationStatuses = ['open', 'pending', 'snoozed', 'resolved'] as const;
export const priorities = ['low', 'normal', 'high', 'urgent'] as const;

export const conversations = pgTable(
  'conversations',
  {
    id: id(),
    accountId: ref('account_id')
      .notNull()
      .references(() => accounts.id),
    inboxId: ref('inbox_id')
      .notNull()
      .references(() => inboxes.id),
    contactId: ref('contact_id')
      .notNull()
      .references(() => contacts.id),
    // The identity the customer wrote from: replies go back to it, even after contacts are merged.
    contactIdentityId: ref('contact_identity_id').references(() => contactIdentities.id),
    threadKey: text('thread_key').notNull(),
    subject: text('subject'),
    status: text('status', { enum: conversationStatuses }).notNull().default('open'),
    priority: text('priority', { enum: priorities }).notNull().default('normal'),
    // What kind of request this is (e-mail's PQR: petition, complaint, claim, suggestion); set by the
    // channel's protocol, corrected by an agent.
    category: text('category'),
    assigneeId: ref('assignee_id').references(() => users.id),
    teamId: ref('team_id').references(() => teams.id, { onDelete: 'set null' }),
    snoozedUntil: at('snoozed_until'),
    // Routing: when it (re-)entered its team's queue, when an agent got it, and the customer's language.
    queuedAt: at('queued_at'),
    assignedAt: at('assigned_at'),
    language: text('language'),
    // The customer is waiting for an answer since (null once an agent replied): next-response timer.
    waitingSince: at('waiting_since'),
    lastAgentReplyAt: at('last_agent_reply_at'),
    // Service-level targets of this conversation, set when a timer starts; breaches are events.
    // When the first-response clock started: the conversation waiting for a person, after the hub's own
    // identification questions where its protocol asks them (server/routing/first-response.ts).
    firstResponseStartedAt: at('first_response_started_at'),
    // Whether the first agent reply came by the first-response due time (which business hours and
    // pending pauses had moved), decided when it came; null: no target, or answered before this existed.
    firstResponseMet: boolean('first_response_met'),
    // Who sent the first agent reply (set with firstAgentReplyAt): the times report's first responder.
    firstResponderId: ref('first_responder_id'),
    firstResponseDueAt: at('first_response_due_at'),
    nextResponseDueAt: at('next_response_due_at'),
    resolutionDueAt: at('resolution_due_at'),
    // Since when the clocks above stand still: pending means the team waits on the customer or a third
    // party (meaningful only while the status is pending; server/routing/sla-pause.ts).
    slaPausedAt: at('sla_paused_at'),
    firstCustomerMessageAt: at('first_customer_message_at'),
    firstAgentReplyAt: at('first_agent_reply_at'),
    lastCustomerMessageAt: at('last_customer_message_at'),
    lastActivityAt: at('last_activity_at').notNull().defaultNow(),
    resolvedAt: at('resolved_at'),
    meta: jsonb('meta').$type<Record<string, unknown>>().notNull().default({}),
    // The protocol checklist in brief, kept by the conversation_steps_brief trigger (migration 0022) from
    // conversation_steps: the keys of the steps done, and of those the hub skipped because they must not
    // run there (server/reports/definitions.ts notApplicableReasons). The reports read these instead of
    // looking up every step of every contact.
    stepsDone: text('steps_done').array().notNull().default(sql`'{}'::text[]`),
    stepsNotApplicable: text('steps_not_applicable').array().notNull().default(sql`'{}'::text[]`),
    // Every agent who held the conversation (assigned to them while open), in order, each once: kept from
    // conversation_holds by the conversation_held_by trigger (migration 0023). The reports' agent filter
    // and their by-agent tables read it with the assignee (server/reports/frame.ts agentsSql).
    heldBy: bigint('held_by', { mode: 'number' }).array().notNull().default(sql`'{}'::bigint[]`),
    createdAt: createdAt(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    // One live conversation per thread: concurrent arrivals on a new thread cannot make two.
    uniqueIndex('conversations_live_thread_uq')
      .on(t.inboxId, t.threadKey)
      .where(sql`${t.status} <> 'resolved'`),
    index('conversations_thread_idx').on(t.inboxId, t.threadKey, t.id),
    index('conversations_account_activity_idx').on(t.accountId, t.lastActivityAt, t.id),
    index('conversations_assignee_idx').on(t.assigneeId, t.status),
    index('conversations_contact_idx').on(t.contactId),
    // The reports count contacts by the day the customer first wrote (server/reports/definitions.ts).
    index('conversations_account_contact_idx').on(t.accountId, t.firstCustomerMessageAt),
    // The queues: open, unassigned conversations of an account by team, oldest first.
    index('conversations_waiting_idx')
      .on(t.accountId, t.teamId, t.queuedAt)
      .where(sql`${t.assigneeId} is null and ${t.status} = 'open'`),
  ],
);

export const messageStatuses = ['received', 'queued', 'sent', 'delivered', 'read', 'failed'] as const;

export const messages = pgTable(
  'messages',
  {
    id: id(),
    accountId: ref('account_id')
      .notNull()
      .references(() => accounts.id),
    conversationId: ref('conversation_id')
      .notNull()
      .references(() => conversations.id),
    inboxId: ref('inbox_id')
      .notNull()
      .references(() => inboxes.id),
    externalId: text('external_id'),
    clientMessageId: text('client_message_id'),
    direction: text('direction', { enum: ['in', 'out'] }).notNull(),
    senderType: text('sender_type', { enum: ['contact', 'agent', 'bot', 'system'] }).notNull(),
    senderId: ref('sender_id'),
    text: text('text'),
    html: text('html'),
    contentType: text('content_type').notNull().default('text'),
    private: boolean('private').notNull().default(false),
    status: text('status', { enum: messageStatuses }).notNull(),
    error: text('error'),
    errorCode: text('error_code'),
    attempts: integer('attempts').notNull().default(0),
    meta: jsonb('meta').$type<Record<string, unknown>>().notNull().default({}),
    // An agent's public reply: since when the customer had been waiting for it (the conversation's
    // waitingSince as the reply found it); the reports' response times read it.
    waitedSince: at('waited_since'),
    createdAt: createdAt(),
    sentAt: at('sent_at'),
  },
  (t) => [
    uniqueIndex('messages_external_uq').on(t.inboxId, t.externalId),
    uniqueIndex('messages_client_uq').on(t.conversationId, t.clientMessageId),
    index('messages_conversation_idx').on(t.conversationId, t.id),
    // The volume report reads a month of messages by when they were stored. Rows arrive in time order,
    // so a block-range index finds them for almost nothing on the ingest path (a b-tree would cost every insert).
    index('messages_created_brin_idx').using('brin', t.createdAt),
    // The agents' public replies by conversation (next response, replies sent): the replies to a range's
    // contacts are one stretch of it (server/reports/frame.ts ofContactIds), and it covers what those
    // reports read (migration 0024 adds INCLUDE (created_at, sender_id, waited_since)), so they are an
    // index-only scan. Partial: a customer's message, the ingest burst, does not touch it.
    index('messages_agent_replies_idx')
      .on(t.conversationId)
      .where(sql`${t.direction} = 'out' and ${t.senderType} = 'agent' and ${t.private} = false`),
    // The search box finds parts of words and numbers (ILIKE '%…%'): trigrams make that an index scan
    // instead of reading the account's whole history (pg_trgm; PGlite loads it from its contrib).
    index('messages_text_trgm_idx').using('gin', t.text.op('gin_trgm_ops')),
  ],
);

export const attachments = pgTable(
  'attachments',
  {
    id: id(),
    accountId: ref('account_id')
      .notNull()
      .references(() => accounts.id),
    messageId: ref('message_id').references(() => messages.id),
    sha256: text('sha256').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    storageKey: text('storage_key').notNull(),
    originalName: text('original_name').notNull(),
    uploadedByType: text('uploaded_by_type', { enum: ['user', 'contact', 'channel'] }).notNull(),
    uploadedById: ref('uploaded_by_id'),
    createdAt: createdAt(),
  },
  (t) => [index('attachments_message_idx').on(t.messageId), index('attachments_account_idx').on(t.accountId)],
);

export const conversationEvents = pgTable(
  'conversation_events',
  {
    id: id(),
    accountId: ref('account_id')
      .notNull()
      .references(() => accounts.id),
    conversationId: ref('conversation_id')
      .notNull()
      .references(() => conversations.id),
    type: text('type').notNull(),
    actorType: text('actor_type', { enum: ['user', 'contact', 'system', 'channel'] }).notNull(),
    actorId: ref('actor_id'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    index('conversation_events_conversation_idx').on(t.conversationId, t.id),
    // The live floor reads today's breaches on every push (server/reports/live-floor.ts): without this it
    // would scan every event of the account's history twice a second.
    // The reports' "reopened" (server/reports/definitions.ts) asks it of every contact of a month.
    index('conversation_events_reopened_idx')
      .on(t.conversationId)
      .where(sql`${t.type} = 'conversation.reopened'`),
    index('conversation_events_breach_idx')
      .on(t.accountId, t.createdAt)
      .where(sql`${t.type} = 'sla.breached'`),
    // The per-recipient cap on widget transcripts counts a day of these (server/widget/request-transcript.ts).
    index('conversation_events_transcript_idx')
      .on(t.accountId, sql`(${t.data}->>'recipient')`, t.createdAt)
      .where(sql`${t.type} = 'transcript.sent'`),
  ],
);

/** Durable state of a channel connection, per inbox and key (IMAP: uidValidity and lastUid per mailbox). */
export const channelCursors = pgTable(
  'channel_cursors',
  {
    inboxId: ref('inbox_id')
      .notNull()
      .references(() => inboxes.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    value: jsonb('value').notNull(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.inboxId, t.key] })],
);

// Channels whose session only one process may hold at a time (a WhatsApp number): the node that holds
// the lease renews it; when it dies the lease expires and another node takes the session over.
export const channelLeases = pgTable('channel_leases', {
  inboxId: ref('inbox_id')
    .primaryKey()
    .references(() => inboxes.id, { onDelete: 'cascade' }),
  owner: text('owner').notNull(),
  expiresAt: at('expires_at').notNull(),
});

/** The web-chat visitor's satisfaction survey: one rating per resolved conversation, with the agent who handled it. */
export const conversationRatings = pgTable(
  'conversation_ratings',
  {
    id: id(),
    accountId: ref('account_id')
      .notNull()
      .references(() => accounts.id),
    conversationId: ref('conversation_id')
      .notNull()
      .references(() => conversations.id),
    inboxId: ref('inbox_id')
      .notNull()
      .references(() => inboxes.id),
    contactId: ref('contact_id')
      .notNull()
      .references(() => contacts.id),
    agentId: ref('agent_id').references(() => users.id),
    rating: integer('rating').notNull(),
    comment: text('comment'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('conversation_ratings_conversation_uq').on(t.conversationId),
    index('conversation_ratings_account_idx').on(t.accountId, t.createdAt),
    index('conversation_ratings_agent_idx').on(t.agentId),
  ],
);

/** Every presence an agent was in, from when to when: the attendance report reads these. */
export const presenceSessions = pgTable(
  'presence_sessions',
  {
    id: id(),
    accountId: ref('account_id')
      .notNull()
      .references(() => accounts.id),
    userId: ref('user_id')
      .notNull()
      .references(() => users.id),
    status: text('status', { enum: ['online', 'away', 'auxiliary', 'offline'] }).notNull(),
    reason: text('reason'),
    startedAt: at('started_at').notNull(),
    endedAt: at('ended_at'),
  },
  (t) => [
    index('presence_sessions_user_idx').on(t.userId, t.startedAt),
    index('presence_sessions_account_idx').on(t.accountId, t.startedAt),
  ],
);

/**
 * Who held each conversation, from when to when: an agent holds it while it is assigned to them and
 * open (pending waits on the customer, snoozed on a date, resolved is done). Written by the database
 * itself (trigger conversation_holds_follow, migration 0018) on every change of assignee or status, so
 * no code path that moves a conversation can forget it; the reports' handle time sums these.
 */
export const conversationHolds = pgTable(
  'conversation_holds',
  {
    id: id(),
    accountId: ref('account_id')
      .notNull()
      .references(() => accounts.id),
    conversationId: ref('conversation_id')
      .notNull()
      .references(() => conversations.id),
    userId: ref('user_id')
      .notNull()
      .references(() => users.id),
    teamId: ref('team_id'),
    startedAt: at('started_at').notNull(),
    endedAt: at('ended_at'),
  },
  (t) => [
    index('conversation_holds_conversation_idx').on(t.conversationId, t.startedAt),
    index('conversation_holds_user_idx').on(t.accountId, t.userId, t.startedAt),
    uniqueIndex('conversation_holds_open_uq').on(t.conversationId).where(sql`${t.endedAt} is null`),
  ],
);
export type ConversationHold = typeof conversationHolds.$inferSelect;

/** Routing rules, evaluated in position order; the first that matches sets team and priority. */
export const routingRules = pgTable(
  'routing_rules',
  {
    id: id(),
    accountId: ref('account_id')
      .notNull()
      .references(() => accounts.id),
    name: text('name').notNull(),
    position: integer('position').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    conditions: jsonb('conditions').$type<Record<string, unknown>>().notNull().default({}),
    actions: jsonb('actions').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('routing_rules_account_idx').on(t.accountId, t.position)],
);

/** An account's edited protocol template (chat, e-mail, social...); absent ones use the seeded defaults. */
export const protocolTemplates = pgTable(
  'protocol_templates',
  {
    id: id(),
    accountId: ref('account_id')
      .notNull()
      .references(() => accounts.id),
    protocol: text('protocol').notNull(),
    name: text('name').notNull(),
    steps: jsonb('steps').$type<unknown[]>().notNull(),
    // Template-level settings: language, inactivity timers, survey window.
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('protocol_templates_uq').on(t.accountId, t.protocol)],
);

/** The protocol checklist of one conversation: each step's state, who did it and when. */
export const conversationSteps = pgTable(
  'conversation_steps',
  {
    accountId: ref('account_id')
      .notNull()
      .references(() => accounts.id),
    conversationId: ref('conversation_id')
      .notNull()
      .references(() => conversations.id),
    stepKey: text('step_key').notNull(),
    status: text('status', { enum: ['pending', 'done', 'skipped'] }).notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    doneByType: text('done_by_type', { enum: ['user', 'system', 'contact'] }),
    doneById: ref('done_by_id'),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.stepKey] })],
);

/** Saved replies an agent inserts by typing /shortcut; one with a team is offered to that team only. */
export const cannedResponses = pgTable(
  'canned_responses',
  {
    id: id(),
    accountId: ref('account_id')
      .notNull()
      .references(() => accounts.id),
    shortcut: text('shortcut').notNull(),
    title: text('title').notNull(),
    // May hold {contact.name} and {agent.name}, filled in by the console when inserted.
    text: text('text').notNull(),
    // Cascade rather than set null: a team's private replies must not become everyone's.
    teamId: ref('team_id').references(() => teams.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('canned_responses_shortcut_uq').on(t.accountId, sql`lower(${t.shortcut})`)],
);

/** Tags agents put on conversations ("portabilidad", "venta") and filter the inbox by; a name is unique per account, any case. */
export const labels = pgTable(
  'labels',
  {
    id: id(),
    accountId: ref('account_id')
      .notNull()
      .references(() => accounts.id),
    name: text('name').notNull(),
    // "#rrggbb", as the console's colour input gives it.
    color: text('color').notNull(),
    description: text('description'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('labels_account_name_uq').on(t.accountId, sql`lower(${t.name})`)],
);

/** Which labels a conversation carries; deleting a label takes it off every conversation (cascade). */
export const conversationLabels = pgTable(
  'conversation_labels',
  {
    conversationId: ref('conversation_id')
      .notNull()
      .references(() => conversations.id),
    labelId: ref('label_id')
      .notNull()
      .references(() => labels.id, { onDelete: 'cascade' }),
    accountId: ref('account_id')
      .notNull()
      .references(() => accounts.id),
    addedBy: ref('added_by').references(() => users.id),
    addedAt: at('added_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.labelId] }),
    // The inbox filtered by a label: its conversations without scanning every conversation's labels.
    index('conversation_labels_label_idx').on(t.labelId, t.conversationId),
  ],
);

/** How far each user has read each conversation: its unread count is the customer's messages after it. */
export const conversationReads = pgTable(
  'conversation_reads',
  {
    userId: ref('user_id')
      .notNull()
      .references(() => users.id),
    conversationId: ref('conversation_id')
      .notNull()
      .references(() => conversations.id),
    accountId: ref('account_id')
      .notNull()
      .references(() => accounts.id),
    lastReadMessageId: bigint('last_read_message_id', { mode: 'number' }).notNull(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.conversationId] })],
);

// Marketing's Mentions desk (server/social/): one row per public social item (a Page comment or post, a
// mention), written in the transaction that stored its message. It adds what ranking and follow-up need:
// the influence score and tier (indexed, so the most influential come first across pages), the status,
// and when to measure the item again.
export const socialItems = pgTable(
  'social_items',
  {
    id: id(),
    accountId: ref('account_id')
      .notNull()
      .references(() => accounts.id),
    inboxId: ref('inbox_id')
      .notNull()
      .references(() => inboxes.id),
    conversationId: ref('conversation_id')
      .notNull()
      .references(() => conversations.id),
    messageId: ref('message_id')
      .notNull()
      .references(() => messages.id),
    kind: text('kind').notNull(),
    // null until the item carries metrics (never guessed).
    score: integer('score'),
    tier: text('tier', { enum: influenceTiers }),
    status: text('status', { enum: mentionStatuses }).notNull().default('new'),
    hiddenAt: at('hidden_at'),
    removedAt: at('removed_at'),
    likedAt: at('liked_at'),
    pendingAction: text('pending_action', { enum: mentionActions }),
    actionError: text('action_error'),
    escalation: jsonb('escalation').$type<{ note: string; at: string; byUserId: number | null }>(),
    tierRaisedAt: at('tier_raised_at'),
    refreshedAt: at('refreshed_at'),
    // null: not measured again (private, removed, handled, or too old to matter).
    nextRefreshAt: at('next_refresh_at'),
    // Grows with every change, so a client that hears two states of the item out of order keeps the newer.
    // (An explicit insert value: drizzle would otherwise put the update's expression in the INSERT too.)
    version: integer('version')
      .notNull()
      .default(0)
      .$defaultFn(() => 0)
      .$onUpdate(() => sql`"social_items"."version" + 1`),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('social_items_message_uq').on(t.messageId),
    index('social_items_rank_idx').on(t.accountId, sql`coalesce(${t.score}, -1) desc`, t.id),
    index('social_items_newest_idx').on(t.accountId, t.id),
    index('social_items_conversation_idx').on(t.conversationId),
    index('social_items_refresh_idx')
      .on(t.inboxId, t.nextRefreshAt)
      .where(sql`${t.nextRefreshAt} is not null`),
  ],
);

export type Account = typeof accounts.$inferSelect;
export type User = typeof users.$inferSelect;
export type Team = typeof teams.$inferSelect;
export type Inbox = typeof inboxes.$inferSelect;
export type Contact = typeof contacts.$inferSelect;
export type ContactIdentity = typeof contactIdentities.$inferSelect;
export type Conversation = typeof conversations.$inferSelect;
export type Message = typeof messages.$inferSelect;
export type Attachment = typeof attachments.$inferSelect;
export type ConversationEvent = typeof conversationEvents.$inferSelect;
export type ConversationRating = typeof conversationRatings.$inferSelect;
export type Role = User['role'];
export type Presence = User['presence'];
export type PresenceSession = typeof presenceSessions.$inferSelect;
export type RoutingRule = typeof routingRules.$inferSelect;
export type ProtocolTemplateRow = typeof protocolTemplates.$inferSelect;
export type ConversationStep = typeof conversationSteps.$inferSelect;
export type Label = typeof labels.$inferSelect;
export type SocialItem = typeof socialItems.$inferSelect;
