// The evaluated agent answers a submitted evaluation: acknowledges it (with an optional comment) or
// disputes it with a comment, which the manager then settles. Only that agent may — anyone else who can
// read the evaluation is refused with 403 not_evaluated_agent.
import { eq } from 'drizzle-orm';
import type { Auth } from '#server/auth/auth.ts';
import type { HubContext } from '#server/context.ts';
import { type Evaluation, evaluations } from '#server/db/quality-schema.ts';
import { AppError } from '#server/errors.ts';
import { recordEvaluationEvent } from './evaluation-events.ts';
import { expectStatus, loadEvaluation } from './quality-access.ts';

export async function answerEvaluation(
  ctx: HubContext,
  auth: Auth,
  id: number,
  answer: { kind: 'acknowledge'; comment?: string } | { kind: 'dispute'; comment: string },
): Promise<Evaluation> {
  return ctx.db.transaction(async (tx) => {
    const e = await loadEvaluation(ctx, auth, id, { tx, lock: true });
    if (e.agentId !== auth.user.id)
      throw new AppError('not_evaluated_agent', 'only the agent evaluated answers an evaluation');
    const acknowledge = answer.kind === 'acknowledge';
    expectStatus(e, ['submitted'], acknowledge ? 'acknowledged' : 'disputed');
    const now = ctx.clock.now();
    const [row] = await tx
      .update(evaluations)
      .set({
        status: acknowledge ? 'acknowledged' : 'disputed',
        agentComment: answer.comment ?? null,
        ...(acknowledge ? { acknowledgedAt: now } : { disputedAt: now }),
        updatedAt: now,
      })
      .where(eq(evaluations.id, e.id))
      .returning();
    await recordEvaluationEvent(
      tx,
      { accountId: e.accountId, evaluationId: e.id },
      acknowledge ? 'evaluation.acknowledged' : 'evaluation.disputed',
      auth.user.id,
      answer.comment ? { comment: answer.comment } : {},
    );
    return row;
  });
}
