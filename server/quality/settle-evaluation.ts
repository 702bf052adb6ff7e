// The manager (supervisor, admin) settles a disputed evaluation: upheld keeps it as it was; revised takes
// new marks and/or errors and recomputes the score with the evaluation's own basis (the criteria and grades
// it was submitted with). Either way it is settled, with the decision, the comment and the score before.
import { eq } from 'drizzle-orm';
import type { Auth } from '#server/auth/auth.ts';
import type { HubContext } from '#server/context.ts';
import { type Evaluation, evaluations } from '#server/db/quality-schema.ts';
import { AppError } from '#server/errors.ts';
import { scoreOf } from '#shared/quality/criteria.ts';
import type { SettleBody } from '#shared/quality.schema.ts';
import { recordEvaluationEvent } from './evaluation-events.ts';
import { checkMarks, errorsOf, replaceErrors, requireComplete } from './evaluation-input.ts';
import { expectStatus, loadEvaluation } from './quality-access.ts';
import { loadQualitySettings } from './quality-settings.ts';
import { notifyAgent } from './submit-evaluation.ts';

export async function settleEvaluation(
  ctx: HubContext,
  auth: Auth,
  id: number,
  body: SettleBody,
): Promise<Evaluation> {
  const current = await loadQualitySettings(ctx.db, auth.accountId);
  const settled = await ctx.db.transaction(async (tx) => {
    const e = await loadEvaluation(ctx, auth, id, { tx, lock: true });
    if (e.agentId === auth.user.id)
      throw new AppError('own_evaluation', 'a dispute of your own evaluation is settled by another manager');
    expectStatus(e, ['disputed'], 'settled');
    const basis = e.basis ?? { criteria: current.criteria, grades: current.grades };
    const previousScore = e.score;
    let revised: Partial<Evaluation> = {};
    if (body.decision === 'revised') {
      const marks = body.scores ?? e.scores;
      checkMarks(basis.criteria, marks);
      requireComplete(basis.criteria, marks);
      if (body.errors) await replaceErrors(tx, e, body.errors);
      const breakdown = scoreOf(basis.criteria, basis.grades, marks, await errorsOf(tx, e.id));
      revised = { scores: marks, score: breakdown.score, breakdown };
    }
    const now = ctx.clock.now();
    const [row] = await tx
      .update(evaluations)
      .set({
        ...revised,
        status: 'settled',
        settlement: { decision: body.decision, comment: body.comment, previousScore },
        settledAt: now,
        updatedAt: now,
      })
      .where(eq(evaluations.id, e.id))
      .returning();
    await recordEvaluationEvent(
      tx,
      { accountId: e.accountId, evaluationId: e.id },
      'evaluation.settled',
      auth.user.id,
      { decision: body.decision, comment: body.comment, previousScore, score: row.score },
    );
    return row;
  });
  notifyAgent(ctx, settled, 'evaluation.settled');
  return settled;
}
