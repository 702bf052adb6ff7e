// Procedure forms (the 109 top-up and the account's own): definitions, every version of each as it was saved
// (who, when — the audit trail of a definition, and what an old response was filled against), and the
// responses agents record, each with the version it answered and the observation it composed.
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import type { AnswerValue, FormField, FormLocale, LocalText } from '#shared/forms/form-types.ts';
import { formLocales } from '#shared/forms/form-types.ts';
import { at, createdAt, id, ref } from './columns.ts';
import { accounts, contacts, conversations, users } from './schema.ts';

export const forms = pgTable(
  'forms',
  {
    id: id(),
    accountId: ref('account_id')
      .notNull()
      .references(() => accounts.id),
    // Stable across edits: the seed's form is found by it (recarga-109), exports name files by it.
    key: text('key').notNull(),
    name: jsonb('name').$type<LocalText>().notNull(),
    description: jsonb('description').$type<LocalText>(),
    fields: jsonb('fields').$type<FormField[]>().notNull(),
    observation: text('observation'),
    locale: text('locale', { enum: formLocales }).notNull().default('es'),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdById: ref('created_by_id').references(() => users.id),
    updatedById: ref('updated_by_id').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('forms_account_key_uq').on(t.accountId, t.key)],
);

export type FormVersionDefinition = {
  name: LocalText;
  description: LocalText | null;
  fields: FormField[];
  observation: string | null;
  locale: FormLocale;
  active: boolean;
};

export const formVersions = pgTable(
  'form_versions',
  {
    id: id(),
    accountId: ref('account_id')
      .notNull()
      .references(() => accounts.id),
    formId: ref('form_id')
      .notNull()
      .references(() => forms.id),
    version: integer('version').notNull(),
    definition: jsonb('definition').$type<FormVersionDefinition>().notNull(),
    // Null: the hub's seed.
    savedById: ref('saved_by_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('form_versions_form_version_uq').on(t.formId, t.version)],
);

export const formResponses = pgTable(
  'form_responses',
  {
    id: id(),
    accountId: ref('account_id')
      .notNull()
      .references(() => accounts.id),
    formId: ref('form_id')
      .notNull()
      .references(() => forms.id),
    formVersion: integer('form_version').notNull(),
    // Null for a contact recorded outside a conversation (a logged call to come).
    conversationId: ref('conversation_id').references(() => conversations.id),
    contactId: ref('contact_id')
      .notNull()
      .references(() => contacts.id),
    answers: jsonb('answers').$type<Record<string, AnswerValue>>().notNull(),
    observation: text('observation'),
    userId: ref('user_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('form_responses_account_idx').on(t.accountId, t.formId, t.createdAt),
    index('form_responses_conversation_idx').on(t.conversationId, t.id),
    index('form_responses_contact_idx').on(t.contactId, t.id),
    index('form_responses_user_idx')
      .on(t.accountId, t.userId, t.createdAt)
      .where(sql`${t.userId} is not null`),
  ],
);

export type Form = typeof forms.$inferSelect;
export type FormResponse = typeof formResponses.$inferSelect;
