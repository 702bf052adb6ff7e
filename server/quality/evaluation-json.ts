// Evaluations as the API shows them: marks, graded errors (each with the points it takes off), score and
// its breakdown, the agent's comment, the settlement, the queue reason, names; and their audit trail.
import { asc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { HubContext } from '#server/context.ts';
import {
  type Evaluation,
  evaluationErrors,
  evaluationEvents,
  evaluationQueue,
} from '#server/db/quality-schema.ts';
import { users } from '#server/db/schema.ts';
import type { EvaluationJson, evaluationEventJson } from '#shared/quality.schema.ts';
import { loadQualitySettings } from './quality-settings.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;

async function namesOf(ctx: HubContext, ids: number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await ctx.db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function evaluationsToJson(
  ctx: HubContext,
  accountId: number,
  rows: Evaluation[],
): Promise<EvaluationJson[]> {
  if (!rows.length) return [];
  const ids = rows.map((e) => e.id);
  const [errors, reasons, names, settings] = await Promise.all([
    ctx.db
      .select()
      .from(evaluationErrors)
      .where(inArray(evaluationErrors.evaluationId, ids))
      .orderBy(asc(evaluationErrors.id)),
    ctx.db
      .select({ evaluationId: evaluationQueue.evaluationId, reason: evaluationQueue.reason })
      .from(evaluationQueue)
      .where(inArray(evaluationQueue.evaluationId, ids)),
    namesOf(
      ctx,
      rows.flatMap((e) => [e.agentId, e.evaluatorId]),
    ),
    loadQualitySettings(ctx.db, accountId),
  ]);
  const reasonOf = new Map(reasons.map((r) => [Number(r.evaluationId), r.reason]));
  return rows.map((e) => {
    // A submitted evaluation's errors weigh what its grades weighed then; a draft's, what they weigh now.
    const grades = e.basis?.grades ?? settings.grades;
    return {
      id: String(e.id),
      conversationId: String(e.conversationId),
      agentId: String(e.agentId),
      agentName: names.get(e.agentId) ?? null,
      evaluatorId: String(e.evaluatorId),
      evaluatorName: names.get(e.evaluatorId) ?? null,
      status: e.status,
      scores: e.scores,
      errors: errors
        .filter((x) => x.evaluationId === e.id)
        .map((x) => ({
          id: String(x.id),
          grade: x.grade,
          messageId: String(x.messageId),
          note: x.note,
          points: grades.find((g) => g.key === x.grade)?.points ?? 0,
        })),
      comment: e.comment,
      score: e.score,
      breakdown: e.breakdown ?? null,
      reason: reasonOf.get(e.id) ?? null,
      agentComment: e.agentComment,
      settlement: e.settlement ?? null,
      createdAt: e.createdAt.toISOString(),
      updatedAt: e.updatedAt.toISOString(),
      submittedAt: iso(e.submittedAt),
      acknowledgedAt: iso(e.acknowledgedAt),
      disputedAt: iso(e.disputedAt),
      settledAt: iso(e.settledAt),
    };
  });
}

export async function evaluationToJson(
  ctx: HubContext,
  accountId: number,
  e: Evaluation,
): Promise<EvaluationJson> {
  const [json] = await evaluationsToJson(ctx, accountId, [e]);
  return json;
}

export async function evaluationEventsJson(
  ctx: HubContext,
  evaluationId: number,
): Promise<z.infer<typeof evaluationEventJson>[]> {
  const rows = await ctx.db
    .select()
    .from(evaluationEvents)
    .where(eq(evaluationEvents.evaluationId, evaluationId))
    .orderBy(asc(evaluationEvents.id));
  const names = await namesOf(
    ctx,
    rows.flatMap((r) => (r.actorId === null ? [] : [r.actorId])),
  );
  return rows.map((r) => ({
    id: String(r.id),
    type: r.type,
    actorId: r.actorId === null ? null : String(r.actorId),
    actorName: r.actorId === null ? null : (names.get(r.actorId) ?? null),
    data: r.data,
    createdAt: r.createdAt.toISOString(),
  }));
}
