// Wire shapes of quality (QP-14, issue 18 items 1–2): the account's settings (criteria, error grades,
// sampling rule, KPI weights), the evaluation queue, the evaluations with their graded errors pinned to
// messages, and the monthly KPI. The labels and definitions live zod-free in shared/quality/criteria.ts;
// the enums here are also the database's (server/db/quality-schema.ts).
import { z } from 'zod';
import { idParam } from './api.schema.ts';
import { CRITERION_MAX, errorGrades } from './quality/criteria.ts';

export const queueReasons = ['sample', 'low_rating', 'breached'] as const;
export const evaluationStatuses = ['draft', 'submitted', 'acknowledged', 'disputed', 'settled'] as const;
export const settleDecisions = ['upheld', 'revised'] as const;

const text = (max: number) => z.string().trim().min(1).max(max);
const texts = (max: number) => z.object({ es: text(max), en: text(max), ar: text(max) });
const weight = z.number().int().min(0).max(1000);

export const criterionSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'a key is lower case letters, digits and _ (at most 40)'),
  weight,
  label: texts(80),
  definition: texts(1000),
});

export const gradeSchema = z.object({
  key: z.enum(errorGrades),
  points: z.number().min(0).max(100),
  label: texts(40),
  definition: texts(1000),
});

export const samplingSchema = z.object({
  perAgent: z.number().int().min(0).max(100),
  lowRatingAtMost: z.number().int().min(1).max(5).nullable(),
  breached: z.boolean(),
});

export const kpiWeightsSchema = z
  .object({ evaluations: weight, satisfaction: weight, firstResponse: weight })
  .refine((w) => w.evaluations + w.satisfaction + w.firstResponse > 0, {
    message: 'at least one KPI weight must be above 0',
    params: { appCode: 'no_weight' },
  });

export const qualitySettingsSchema = z.object({
  criteria: z
    .array(criterionSchema)
    .min(1)
    .max(20)
    .superRefine((cs, c) => {
      const seen = new Set<string>();
      cs.forEach((x, i) => {
        if (seen.has(x.key))
          c.addIssue({
            code: 'custom',
            path: [i, 'key'],
            message: `criterion ${x.key} is listed twice`,
            params: { appCode: 'duplicate_criterion' },
          });
        seen.add(x.key);
      });
      if (cs.every((x) => x.weight === 0))
        c.addIssue({
          code: 'custom',
          message: 'at least one criterion must weigh more than 0',
          params: { appCode: 'no_weight' },
        });
    }),
  grades: z
    .array(gradeSchema)
    .length(errorGrades.length)
    .refine((gs) => new Set(gs.map((g) => g.key)).size === errorGrades.length, {
      message: `each grade (${errorGrades.join(', ')}) exactly once`,
      params: { appCode: 'duplicate_grade' },
    }),
  sampling: samplingSchema,
  kpiWeights: kpiWeightsSchema,
});
export type QualitySettings = z.infer<typeof qualitySettingsSchema>;

/** PUT /quality/settings: the parts given replace the account's; the others stay as they are. */
export const qualitySettingsPatch = qualitySettingsSchema
  .partial()
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'nothing to change' });
export type QualitySettingsPatch = z.infer<typeof qualitySettingsPatch>;

export const qualitySettingsJson = z
  .object({
    criteria: z.array(criterionSchema),
    grades: z.array(gradeSchema),
    sampling: samplingSchema,
    kpiWeights: z.object({ evaluations: z.number(), satisfaction: z.number(), firstResponse: z.number() }),
    /** The most a criterion is scored (0..criterionMax). */
    criterionMax: z.number(),
  })
  .meta({ id: 'QualitySettings' });
export type QualitySettingsJson = z.infer<typeof qualitySettingsJson>;

/** A day of the week to sample (any day names its Monday–Sunday week in the account's time zone). */
export const sampleBody = z.object({ week: z.iso.date().optional() });

export const queueQuery = z.object({
  reason: z.enum(queueReasons).optional(),
  agentId: idParam.optional(),
  week: z.iso.date().optional(),
});

export const queueItemJson = z
  .object({
    id: z.string(),
    conversationId: z.string(),
    agentId: z.string().nullable(),
    agentName: z.string().nullable(),
    reason: z.enum(queueReasons),
    /** The Monday of the week it was drawn from (account's time zone). */
    week: z.string(),
    /** The evaluation started from it, if any (a draft until submitted). */
    evaluationId: z.string().nullable(),
    contactName: z.string().nullable(),
    channel: z.string(),
    resolvedAt: z.string().nullable(),
    rating: z.number().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'EvaluationQueueItem' });

export const sampleJson = z.object({
  week: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  added: z.array(queueItemJson),
});

export const marksSchema = z.record(z.string().max(40), z.number().int().min(0).max(CRITERION_MAX));

export const errorBody = z.object({
  grade: z.enum(errorGrades),
  /** The message of the evaluated conversation where it happened. */
  messageId: idParam,
  note: z.string().trim().max(2000).default(''),
});

export const evaluationCreateBody = z.object({
  conversationId: idParam,
  /** Who is evaluated; by default the conversation's agent (its assignee, else the last who held it). */
  agentId: idParam.optional(),
});

export const evaluationUpdateBody = z
  .object({
    scores: marksSchema.optional(),
    /** The whole list: it replaces the draft's errors. */
    errors: z.array(errorBody).max(100).optional(),
    comment: z.string().trim().max(4000).nullable().optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'nothing to change' });
export type EvaluationUpdateBody = z.infer<typeof evaluationUpdateBody>;

export const disputeBody = z.object({ comment: text(4000) });
export const acknowledgeBody = z.object({ comment: z.string().trim().max(4000).optional() });

export const settleBody = z
  .object({
    decision: z.enum(settleDecisions),
    comment: text(4000),
    scores: marksSchema.optional(),
    errors: z.array(errorBody).max(100).optional(),
  })
  .refine((b) => b.decision === 'upheld' || b.scores !== undefined || b.errors !== undefined, {
    message: 'a revised evaluation gives new scores or errors',
    path: ['scores'],
  })
  .refine((b) => b.decision === 'revised' || (b.scores === undefined && b.errors === undefined), {
    message: 'an upheld evaluation keeps its scores and errors',
    path: ['decision'],
  });
export type SettleBody = z.infer<typeof settleBody>;

export const evaluationsQuery = z.object({
  agentId: idParam.optional(),
  status: z.enum(evaluationStatuses).optional(),
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month is YYYY-MM')
    .optional(),
  conversationId: idParam.optional(),
  /** The last id of the page before (newest first). */
  cursor: idParam.optional(),
});

export const evaluationErrorJson = z.object({
  id: z.string(),
  grade: z.enum(errorGrades),
  messageId: z.string(),
  note: z.string(),
  /** The points it takes off (as the grade weighed when the score was computed). */
  points: z.number(),
});

export const evaluationEventJson = z.object({
  id: z.string(),
  type: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});

export const evaluationJson = z
  .object({
    id: z.string(),
    conversationId: z.string(),
    agentId: z.string(),
    agentName: z.string().nullable(),
    evaluatorId: z.string(),
    evaluatorName: z.string().nullable(),
    status: z.enum(evaluationStatuses),
    scores: z.record(z.string(), z.number()),
    errors: z.array(evaluationErrorJson),
    comment: z.string().nullable(),
    /** Null while a draft. */
    score: z.number().nullable(),
    breakdown: z
      .object({
        criteria: z.number(),
        deductions: z.partialRecord(z.enum(errorGrades), z.number()),
        score: z.number(),
      })
      .nullable(),
    /** The queue item's reason when it came from the queue. */
    reason: z.enum(queueReasons).nullable(),
    agentComment: z.string().nullable(),
    settlement: z
      .object({
        decision: z.enum(settleDecisions),
        comment: z.string(),
        previousScore: z.number().nullable(),
      })
      .nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    submittedAt: z.string().nullable(),
    acknowledgedAt: z.string().nullable(),
    disputedAt: z.string().nullable(),
    settledAt: z.string().nullable(),
  })
  .meta({ id: 'Evaluation' });
export type EvaluationJson = z.infer<typeof evaluationJson>;

export const kpiQuery = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month is YYYY-MM'),
});

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month is YYYY-MM');

/** The KPI month by month (its history: rewards and penalties look back), at most 24 months. */
export const kpiHistoryQuery = z
  .object({ from: month, to: month, agentId: idParam.optional() })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] })
  .refine((q) => monthsBetween(q.from, q.to).length <= 24, {
    message: 'at most 24 months',
    path: ['to'],
  });

/** The months from `from` to `to`, both included (YYYY-MM). */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number);
  for (let guard = 0; guard < 1000; guard++) {
    const cur = `${y}-${String(m).padStart(2, '0')}`;
    if (cur > to) break;
    out.push(cur);
    m += 1;
    if (m === 13) [y, m] = [y + 1, 1];
  }
  return out;
}

export const kpiRowJson = z.object({
  rank: z.number(),
  agentId: z.string(),
  agentName: z.string(),
  /** Evaluations counted (submitted, acknowledged or settled in the month) and their average score. */
  evaluations: z.number(),
  evaluationScore: z.number().nullable(),
  /** Survey ratings of the month (1–5) and their average, and the same on 0–100. */
  ratings: z.number(),
  ratingAverage: z.number().nullable(),
  satisfactionScore: z.number().nullable(),
  /** First responses with a target in the month, and the share on time (0–100). */
  firstResponses: z.number(),
  firstResponseScore: z.number().nullable(),
  /** The weighted KPI on 0–100 (null: no figure at all). */
  kpi: z.number().nullable(),
});

export const kpiJson = z
  .object({
    month: z.string(),
    timeZone: z.string(),
    weights: z.object({ evaluations: z.number(), satisfaction: z.number(), firstResponse: z.number() }),
    agents: z.array(kpiRowJson),
  })
  .meta({ id: 'QualityKpi' });
