// The quality audit trail: one row per step of an evaluation (or a sampling run), written in the
// transaction that took the step, with who took it.
import type { Db, Tx } from '#server/db/client.ts';
import { evaluationEvents } from '#server/db/quality-schema.ts';

export type EvaluationEventType =
  | 'queue.sampled'
  | 'evaluation.created'
  | 'evaluation.saved'
  | 'evaluation.submitted'
  | 'evaluation.acknowledged'
  | 'evaluation.disputed'
  | 'evaluation.settled';

export async function recordEvaluationEvent(
  tx: Tx | Db,
  at: { accountId: number; evaluationId: number | null },
  type: EvaluationEventType,
  actorId: number | null,
  data: Record<string, unknown> = {},
): Promise<void> {
  await tx.insert(evaluationEvents).values({
    accountId: at.accountId,
    evaluationId: at.evaluationId,
    type,
    actorId,
    data,
  });
}
