// Follow-ups and compensation (QP-14, issue 18 items 3–4): a follow-up of a conversation (a complaint or
// claim opens one by itself, once; anyone can schedule one) with its owner, the team it was forwarded to,
// its due date and status; one event row per step (who, when); and the compensation of a follow-up, each
// of its four steps with who took it and when.
import { sql } from 'drizzle-orm';
import { index, jsonb, numeric, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import {
  compensationStatuses,
  followUpKinds,
  followUpOrigins,
  followUpStatuses,
  tellVias,
} from '#shared/followups.schema.ts';
import { at, createdAt, id, ref } from './columns.ts';
import { accounts, contacts, conversations, teams, users } from './schema.ts';

export const followUps = pgTable(
  'follow_ups',
  {
    id: id(),
    accountId: ref('account_id')
      .notNull()
      .references(() => accounts.id),
    conversationId: ref('conversation_id')
      .notNull()
      .references(() => conversations.id),
    contactId: ref('contact_id').references(() => contacts.id),
    kind: text('kind', { enum: followUpKinds }).notNull(),
    /** 'category': opened by the conversation's complaint/claim category (once); 'manual': by a person. */
    origin: text('origin', { enum: followUpOrigins }).notNull(),
    status: text('status', { enum: followUpStatuses }).notNull().default('open'),
    ownerId: ref('owner_id').references(() => users.id),
    teamId: ref('team_id').references(() => teams.id),
    dueAt: at('due_at').notNull(),
    note: text('note'),
    createdById: ref('created_by_id').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: at('updated_at').notNull().defaultNow(),
    customerToldAt: at('customer_told_at'),
    closedAt: at('closed_at'),
  },
  (t) => [
    // A complaint opens one follow-up, whatever re-categorising follows.
    uniqueIndex('follow_ups_category_uq').on(t.conversationId).where(sql`${t.origin} = 'category'`),
    index('follow_ups_account_status_idx').on(t.accountId, t.status, t.dueAt),
    index('follow_ups_owner_idx').on(t.accountId, t.ownerId, t.dueAt),
  ],
);

export const followUpEvents = pgTable(
  'follow_up_events',
  {
    id: id(),
    accountId: ref('account_id')
      .notNull()
      .references(() => accounts.id),
    followUpId: ref('follow_up_id')
      .notNull()
      .references(() => followUps.id),
    compensationId: ref('compensation_id'),
    type: text('type').notNull(),
    actorId: ref('actor_id').references(() => users.id),
    note: text('note'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('follow_up_events_follow_up_idx').on(t.followUpId, t.id)],
);

export const compensations = pgTable(
  'compensations',
  {
    id: id(),
    accountId: ref('account_id')
      .notNull()
      .references(() => accounts.id),
    followUpId: ref('follow_up_id')
      .notNull()
      .references(() => followUps.id),
    /** Bolivianos, two decimals. */
    amount: numeric('amount', { precision: 12, scale: 2 }).notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: compensationStatuses }).notNull().default('estimated'),
    creditReference: text('credit_reference'),
    toldVia: text('told_via', { enum: tellVias }),
    toldMessageId: ref('told_message_id'),
    estimatedById: ref('estimated_by_id')
      .notNull()
      .references(() => users.id),
    estimatedAt: at('estimated_at').notNull(),
    creditedById: ref('credited_by_id').references(() => users.id),
    creditedAt: at('credited_at'),
    toldById: ref('told_by_id').references(() => users.id),
    toldAt: at('told_at'),
    closedById: ref('closed_by_id').references(() => users.id),
    closedAt: at('closed_at'),
  },
  (t) => [
    // One compensation per follow-up.
    uniqueIndex('compensations_follow_up_uq').on(t.followUpId),
    index('compensations_account_status_idx').on(t.accountId, t.status, t.id),
  ],
);

export type FollowUp = typeof followUps.$inferSelect;
export type FollowUpEvent = typeof followUpEvents.$inferSelect;
export type Compensation = typeof compensations.$inferSelect;
