// Quality (QP-14): the evaluation queue the sampling rule fills, the evaluations with their graded errors
// (each pinned to a message of the evaluated conversation), and one event row per step (who, when) — the
// audit trail of acknowledgements, disputes and settlements. The account's criteria, grades, sampling rule
// and KPI weights live in accounts.settings.quality (server/quality/quality-settings.ts).
import { sql } from 'drizzle-orm';
import { date, doublePrecision, index, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import type { Criterion, ErrorGrade, Grade, ScoreBreakdown } from '#shared/quality/criteria.ts';
import { evaluationStatuses, queueReasons, type settleDecisions } from '#shared/quality.schema.ts';
import { at, createdAt, id, ref } from './columns.ts';
import { accounts, conversations, messages, users } from './schema.ts';

export const evaluations = pgTable(
  'evaluations',
  {
    id: id(),
    accountId: ref('account_id')
      .notNull()
      .references(() => accounts.id),
    conversationId: ref('conversation_id')
      .notNull()
      .references(() => conversations.id),
    /** The agent evaluated. */
    agentId: ref('agent_id')
      .notNull()
      .references(() => users.id),
    evaluatorId: ref('evaluator_id')
      .notNull()
      .references(() => users.id),
    status: text('status', { enum: evaluationStatuses }).notNull().default('draft'),
    /** Marks by criterion key, 0..CRITERION_MAX. */
    scores: jsonb('scores').$type<Record<string, number>>().notNull().default({}),
    comment: text('comment'),
    score: doublePrecision('score'),
    breakdown: jsonb('breakdown').$type<ScoreBreakdown>(),
    /** The criteria and grades the score was computed with: later edits of the settings leave it alone. */
    basis: jsonb('basis').$type<{ criteria: Criterion[]; grades: Grade[] }>(),
    agentComment: text('agent_comment'),
    settlement: jsonb('settlement').$type<{
      decision: (typeof settleDecisions)[number];
      comment: string;
      previousScore: number | null;
    }>(),
    createdAt: createdAt(),
    updatedAt: at('updated_at').notNull().defaultNow(),
    submittedAt: at('submitted_at'),
    acknowledgedAt: at('acknowledged_at'),
    disputedAt: at('disputed_at'),
    settledAt: at('settled_at'),
  },
  (t) => [
    // One evaluation of an agent's work in a conversation: a second evaluator opens the first one.
    uniqueIndex('evaluations_conversation_agent_uq').on(t.conversationId, t.agentId),
    index('evaluations_account_agent_idx').on(t.accountId, t.agentId, t.id),
    index('evaluations_account_submitted_idx').on(t.accountId, t.submittedAt),
  ],
);

export const evaluationErrors = pgTable(
  'evaluation_errors',
  {
    id: id(),
    accountId: ref('account_id')
      .notNull()
      .references(() => accounts.id),
    evaluationId: ref('evaluation_id')
      .notNull()
      .references(() => evaluations.id, { onDelete: 'cascade' }),
    grade: text('grade').$type<ErrorGrade>().notNull(),
    messageId: ref('message_id')
      .notNull()
      .references(() => messages.id),
    note: text('note').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [index('evaluation_errors_evaluation_idx').on(t.evaluationId, t.id)],
);

export const evaluationQueue = pgTable(
  'evaluation_queue',
  {
    id: id(),
    accountId: ref('account_id')
      .notNull()
      .references(() => accounts.id),
    conversationId: ref('conversation_id')
      .notNull()
      .references(() => conversations.id),
    agentId: ref('agent_id').references(() => users.id),
    reason: text('reason', { enum: queueReasons }).notNull(),
    /** The Monday of the week (account's time zone) it was drawn from. */
    week: date('week', { mode: 'string' }).notNull(),
    evaluationId: ref('evaluation_id').references(() => evaluations.id),
    /** When its evaluation was submitted: the item leaves the open queue. */
    doneAt: at('done_at'),
    createdAt: createdAt(),
  },
  (t) => [
    // Never queued twice, whatever the reasons and the runs.
    uniqueIndex('evaluation_queue_conversation_uq').on(t.accountId, t.conversationId),
    // An evaluation's queue reason (the evaluation JSON) and its item done on submit.
    index('evaluation_queue_evaluation_idx').on(t.evaluationId),
    index('evaluation_queue_open_idx').on(t.accountId, t.week).where(sql`${t.doneAt} is null`),
  ],
);

export const evaluationEvents = pgTable(
  'evaluation_events',
  {
    id: id(),
    accountId: ref('account_id')
      .notNull()
      .references(() => accounts.id),
    evaluationId: ref('evaluation_id').references(() => evaluations.id),
    type: text('type').notNull(),
    actorId: ref('actor_id').references(() => users.id),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('evaluation_events_evaluation_idx').on(t.evaluationId, t.id)],
);

export type Evaluation = typeof evaluations.$inferSelect;
export type EvaluationError = typeof evaluationErrors.$inferSelect;
export type EvaluationQueueItem = typeof evaluationQueue.$inferSelect;
