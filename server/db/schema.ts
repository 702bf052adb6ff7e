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
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const id = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();
const ref = (name: string) => bigint(name, { mode: 'number' });
// Millisecond precision, as a JS Date holds: keyset cursors round-trip exactly.
const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date', precision: 3 });
const createdAt = () => at('created_at').notNull().defaultNow();

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
    role: text('role', { enum: ['admin', 'supervisor', 'agent', 'qa', 'marketing', 'finance'] }).notNull(),
    capacity: jsonb('capacity').$type<Record<string, number>>().notNull().default({}),
    disabled: boolean('disabled').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('users_email_uq').on(sql`lower(${t.email})`),
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
    lastUsedAt: at('last_used_at'),
    expiresAt: at('expires_at'),
  },
  (t) => [uniqueIndex('api_tokens_hash_uq').on(t.tokenHash)],
);

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
    assigneeId: ref('assignee_id').references(() => users.id),
    teamId: ref('team_id').references(() => teams.id, { onDelete: 'set null' }),
    snoozedUntil: at('snoozed_until'),
    firstCustomerMessageAt: at('first_customer_message_at'),
    firstAgentReplyAt: at('first_agent_reply_at'),
    lastCustomerMessageAt: at('last_customer_message_at'),
    lastActivityAt: at('last_activity_at').notNull().defaultNow(),
    resolvedAt: at('resolved_at'),
    meta: jsonb('meta').$type<Record<string, unknown>>().notNull().default({}),
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
    createdAt: createdAt(),
    sentAt: at('sent_at'),
  },
  (t) => [
    uniqueIndex('messages_external_uq').on(t.inboxId, t.externalId),
    uniqueIndex('messages_client_uq').on(t.conversationId, t.clientMessageId),
    index('messages_conversation_idx').on(t.conversationId, t.id),
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
  (t) => [index('conversation_events_conversation_idx').on(t.conversationId, t.id)],
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
export type Role = User['role'];
