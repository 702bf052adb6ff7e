// The evaluator submits: every criterion marked, the score computed with the account's criteria and
// grades as they are now (kept with the evaluation as its basis, so a later edit of the settings does not
// move a past score), the queue item done, and the agent told on their console.
//
// The score (shared/quality/criteria.ts scoreOf): Σ(weightᵢ · markᵢ / 5) / Σ weightᵢ × 100, minus the
// points of each graded error (Major, Minor, D-minor as the account sets them), never below 0.
import { and, eq, isNull } from 'drizzle-orm';
import type { Auth } from '#server/auth/auth.ts';
import type { HubContext } from '#server/context.ts';
import { type Evaluation, evaluationQueue, evaluations } from '#server/db/quality-schema.ts';
import { scoreOf } from '#shared/quality/criteria.ts';
import { recordEvaluationEvent } from './evaluation-events.ts';
import { errorsOf, requireComplete } from './evaluation-input.ts';
import { expectStatus, loadEvaluation } from './quality-access.ts';
import { loadQualitySettings } from './quality-settings.ts';
import { mayEdit } from './save-evaluation.ts';

export async function submitEvaluation(ctx: HubContext, auth: Auth, id: number): Promise<Evaluation> {
  const { criteria, grades } = await loadQualitySettings(ctx.db, auth.accountId);
  const submitted = await ctx.db.transaction(async (tx) => {
    const e = await loadEvaluation(ctx, auth, id, { tx, lock: true });
    mayEdit(auth, e);
    expectStatus(e, ['draft'], 'submitted');
    requireComplete(criteria, e.scores);
    const marks = Object.fromEntries(criteria.map((c) => [c.key, e.scores[c.key]!]));
    const breakdown = scoreOf(criteria, grades, marks, await errorsOf(tx, e.id));
    const now = ctx.clock.now();
    const [row] = await tx
      .update(evaluations)
      .set({
        status: 'submitted',
        scores: marks,
        score: breakdown.score,
        breakdown,
        basis: { criteria, grades },
        submittedAt: now,
        updatedAt: now,
      })
      .where(eq(evaluations.id, e.id))
      .returning();
    await tx
      .update(evaluationQueue)
      .set({ doneAt: now })
      .where(and(eq(evaluationQueue.evaluationId, e.id), isNull(evaluationQueue.doneAt)));
    await recordEvaluationEvent(
      tx,
      { accountId: e.accountId, evaluationId: e.id },
      'evaluation.submitted',
      auth.user.id,
      { score: breakdown.score, criteria: breakdown.criteria, deductions: breakdown.deductions },
    );
    return row;
  });
  notifyAgent(ctx, submitted, 'evaluation.submitted');
  return submitted;
}

/** After the commit: the evaluated agent's console hears of it (their own tabs only). */
export function notifyAgent(
  ctx: HubContext,
  e: Evaluation,
  type: 'evaluation.submitted' | 'evaluation.settled',
): void {
  ctx.publisher.userNotice(e.agentId, {
    type,
    conversationId: String(e.conversationId),
    evaluationId: String(e.id),
    status: e.status,
    score: e.score,
  });
}
