// The evaluator fills the form while it is a draft: marks (the whole map), graded errors (the whole list,
// each pinned to a message of the conversation) and a comment. The evaluator who opened it, or the manager.
import { eq } from 'drizzle-orm';
import type { Auth } from '#server/auth/auth.ts';
import type { HubContext } from '#server/context.ts';
import { type Evaluation, evaluations } from '#server/db/quality-schema.ts';
import { AppError } from '#server/errors.ts';
import type { EvaluationUpdateBody } from '#shared/quality.schema.ts';
import { recordEvaluationEvent } from './evaluation-events.ts';
import { checkMarks, replaceErrors } from './evaluation-input.ts';
import { expectStatus, isManager, loadEvaluation } from './quality-access.ts';
import { loadQualitySettings } from './quality-settings.ts';

export function mayEdit(auth: Auth, e: Evaluation): void {
  if (e.evaluatorId !== auth.user.id && !isManager(auth))
    throw new AppError('forbidden', 'only its evaluator or a supervisor changes an evaluation');
}

export async function saveEvaluation(
  ctx: HubContext,
  auth: Auth,
  id: number,
  body: EvaluationUpdateBody,
): Promise<Evaluation> {
  const { criteria } = await loadQualitySettings(ctx.db, auth.accountId);
  if (body.scores) checkMarks(criteria, body.scores);
  return ctx.db.transaction(async (tx) => {
    const e = await loadEvaluation(ctx, auth, id, { tx, lock: true });
    mayEdit(auth, e);
    expectStatus(e, ['draft'], 'changed');
    if (body.errors) await replaceErrors(tx, e, body.errors);
    const [saved] = await tx
      .update(evaluations)
      .set({
        ...(body.scores ? { scores: body.scores } : {}),
        ...(body.comment !== undefined ? { comment: body.comment } : {}),
        updatedAt: ctx.clock.now(),
      })
      .where(eq(evaluations.id, e.id))
      .returning();
    await recordEvaluationEvent(
      tx,
      { accountId: e.accountId, evaluationId: e.id },
      'evaluation.saved',
      auth.user.id,
      {
        changed: Object.keys(body).filter((k) => body[k as keyof EvaluationUpdateBody] !== undefined),
        ...(body.errors ? { errors: body.errors.length } : {}),
      },
    );
    return saved;
  });
}
