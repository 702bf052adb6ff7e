// The sales desk (issue 17, DOMAIN.md §3): campaigns, their portfolio (cartera) of customers to call, the
// imports that filled it, the sales an accepted call opens, and one event row per step (who, when) — the
// audit trail answers "who approved this, and when". Kept apart from schema.ts so the conversation model
// stays readable; drizzle-kit reads both files.
import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import {
  callOutcomes,
  campaignStatuses,
  entryStatuses,
  importStatuses,
  saleStatuses,
  technologies,
} from '#shared/sales.schema.ts';
import { at, createdAt, id, ref } from './columns.ts';
import { accounts, attachments, contacts, conversations, inboxes, messages, teams, users } from './schema.ts';

export const campaigns = pgTable(
  'campaigns',
  {
    id: id(),
    accountId: ref('account_id')
      .notNull()
      .references(() => accounts.id),
    name: text('name').notNull(),
    description: text('description'),
    // What the advisors offer: product names as the glosses name them, and the promotions running.
    products: jsonb('products').$type<string[]>().notNull().default([]),
    promotions: jsonb('promotions').$type<string[]>().notNull().default([]),
    teamId: ref('team_id').references(() => teams.id),
    startsOn: date('starts_on', { mode: 'string' }),
    endsOn: date('ends_on', { mode: 'string' }),
    status: text('status', { enum: campaignStatuses }).notNull().default('active'),
    // Unanswered calls before an entry is closed as unreached; between two, it waits retryMinutes.
    maxAttempts: integer('max_attempts').notNull().default(3),
    // Where an accepted customer is asked for the CI photo and the signed letter: a WhatsApp inbox (Baileys
    // or Cloud API, which needs an approved template to write first), and an e-mail inbox as the fallback.
    documentsInboxId: ref('documents_inbox_id').references(() => inboxes.id),
    documentsTemplate: jsonb('documents_template').$type<{ name: string; language: string }>(),
    fallbackInboxId: ref('fallback_inbox_id').references(() => inboxes.id),
    // The request's text ({{name}}, {{product}} filled in); null: the default from the procedure.
    documentsText: text('documents_text'),
    createdById: ref('created_by_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('campaigns_account_name_uq').on(t.accountId, sql`lower(${t.name})`)],
);

export type RefusedLine = { line: number; code: string; message: string; field?: string };

export const portfolioImports = pgTable(
  'portfolio_imports',
  {
    id: id(),
    accountId: ref('account_id')
      .notNull()
      .references(() => accounts.id),
    campaignId: ref('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    fileName: text('file_name').notNull(),
    status: text('status', { enum: importStatuses }).notNull().default('running'),
    // Rows read from the file (refused ones included) and how far the worker has got through them.
    total: integer('total').notNull(),
    processed: integer('processed').notNull().default(0),
    added: integer('added').notNull().default(0),
    // Already in this campaign from an earlier import: left as they are.
    alreadyThere: integer('already_there').notNull().default(0),
    // Entries that found the customer among the account's contacts instead of creating one.
    matchedContacts: integer('matched_contacts').notNull().default(0),
    refused: jsonb('refused').$type<RefusedLine[]>().notNull().default([]),
    // The accepted rows waiting for the worker; cleared when it is done.
    pending: jsonb('pending').$type<unknown[] | null>(),
    columns: jsonb('columns').$type<unknown>(),
    error: text('error'),
    createdById: ref('created_by_id').references(() => users.id),
    createdAt: createdAt(),
    finishedAt: at('finished_at'),
  },
  (t) => [index('portfolio_imports_campaign_idx').on(t.campaignId, t.id)],
);

export const portfolioEntries = pgTable(
  'portfolio_entries',
  {
    id: id(),
    accountId: ref('account_id')
      .notNull()
      .references(() => accounts.id),
    campaignId: ref('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    contactId: ref('contact_id')
      .notNull()
      .references(() => contacts.id),
    // What makes a row the same customer on a re-import: the CI, else the service number, else the first phone.
    entryKey: text('entry_key').notNull(),
    name: text('name').notNull(),
    nationalId: text('national_id'),
    phones: jsonb('phones').$type<string[]>().notNull().default([]),
    serviceNumber: text('service_number'),
    address: text('address'),
    attributes: jsonb('attributes').$type<Record<string, string>>().notNull().default({}),
    importId: ref('import_id').references(() => portfolioImports.id),
    sourceLine: integer('source_line'),
    status: text('status', { enum: entryStatuses }).notNull().default('pending'),
    // The advisor working it now ("next customer"), or who worked it last.
    advisorId: ref('advisor_id').references(() => users.id),
    takenAt: at('taken_at'),
    // The two checks of the procedure (steps 2 and 3), as the advisor recorded them.
    impediment: text('impediment'),
    technology: text('technology', { enum: technologies }),
    capacityOk: text('capacity_ok', { enum: ['yes', 'no'] }),
    outcome: text('outcome', { enum: callOutcomes }),
    outcomeReason: text('outcome_reason'),
    product: text('product'),
    callbackAt: at('callback_at'),
    // After an unanswered call: not offered again before this instant.
    availableAt: at('available_at'),
    attempts: integer('attempts').notNull().default(0),
    // The last call that reached the customer (an "effective call" of the indicator).
    reachedAt: at('reached_at'),
    closedAt: at('closed_at'),
    createdAt: createdAt(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('portfolio_entries_key_uq').on(t.campaignId, t.entryKey),
    // "Next customer": the oldest waiting entry of a campaign, callbacks that are due first.
    index('portfolio_entries_next_idx')
      .on(t.campaignId, t.attempts, t.id)
      .where(sql`${t.status} = 'pending'`),
    index('portfolio_entries_callback_idx')
      .on(t.advisorId, t.callbackAt)
      .where(sql`${t.status} = 'callback'`),
    index('portfolio_entries_contact_idx').on(t.contactId),
  ],
);

export const sales = pgTable(
  'sales',
  {
    id: id(),
    accountId: ref('account_id')
      .notNull()
      .references(() => accounts.id),
    campaignId: ref('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    entryId: ref('entry_id')
      .notNull()
      .references(() => portfolioEntries.id),
    contactId: ref('contact_id')
      .notNull()
      .references(() => contacts.id),
    advisorId: ref('advisor_id')
      .notNull()
      .references(() => users.id),
    product: text('product').notNull(),
    status: text('status', { enum: saleStatuses }).notNull().default('awaiting_documents'),
    // The conversation the documents were asked for and arrive in (WhatsApp, or e-mail as fallback).
    conversationId: ref('conversation_id').references(() => conversations.id),
    registration: jsonb('registration').$type<Record<string, unknown>>(),
    crmOrder: text('crm_order'),
    registeredAt: at('registered_at'),
    handoverDueAt: at('handover_due_at'),
    approvedAt: at('approved_at'),
    installedAt: at('installed_at'),
    termsMailedAt: at('terms_mailed_at'),
    createdAt: createdAt(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('sales_entry_uq').on(t.entryId),
    index('sales_advisor_idx').on(t.accountId, t.advisorId, t.id),
    index('sales_status_idx').on(t.accountId, t.status, t.id),
    index('sales_conversation_idx').on(t.conversationId),
  ],
);

export const saleDocuments = pgTable(
  'sale_documents',
  {
    id: id(),
    accountId: ref('account_id')
      .notNull()
      .references(() => accounts.id),
    saleId: ref('sale_id')
      .notNull()
      .references(() => sales.id),
    slot: text('slot', { enum: ['ci_front', 'ci_back', 'letter'] }).notNull(),
    attachmentId: ref('attachment_id')
      .notNull()
      .references(() => attachments.id),
    // The customer's message that carried it (null: added by the advisor).
    messageId: ref('message_id').references(() => messages.id),
    status: text('status', { enum: ['received', 'accepted', 'rejected'] })
      .notNull()
      .default('received'),
    review: jsonb('review').$type<Record<string, unknown>>(),
    reviewedById: ref('reviewed_by_id').references(() => users.id),
    reviewedAt: at('reviewed_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('sale_documents_sale_idx').on(t.saleId, t.slot, t.id),
    uniqueIndex('sale_documents_attachment_uq').on(t.saleId, t.attachmentId),
  ],
);

/** Every step of an entry or a sale: what happened, who did it, when, and its details. */
export const saleEvents = pgTable(
  'sale_events',
  {
    id: id(),
    accountId: ref('account_id')
      .notNull()
      .references(() => accounts.id),
    campaignId: ref('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    entryId: ref('entry_id').references(() => portfolioEntries.id),
    saleId: ref('sale_id').references(() => sales.id),
    type: text('type').notNull(),
    actorId: ref('actor_id').references(() => users.id),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    index('sale_events_entry_idx').on(t.entryId, t.id),
    index('sale_events_sale_idx').on(t.saleId, t.id),
    index('sale_events_campaign_idx').on(t.campaignId, t.type, t.createdAt),
  ],
);

export type Campaign = typeof campaigns.$inferSelect;
export type PortfolioEntry = typeof portfolioEntries.$inferSelect;
export type PortfolioImport = typeof portfolioImports.$inferSelect;
export type Sale = typeof sales.$inferSelect;
