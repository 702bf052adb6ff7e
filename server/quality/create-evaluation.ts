// An evaluator opens an evaluation of any conversation of the account, queued or not: of its agent (the
// assignee, else the last who held it) unless another agent is named. One evaluation per agent and
// conversation; nobody evaluates their own work. A queue item of the conversation is tied to it.
import { and, eq, isNull } from 'drizzle-orm';
import type { Auth } from '#server/auth/auth.ts';
import type { HubContext } from '#server/context.ts';
import { type Evaluation, evaluationQueue, evaluations } from '#server/db/quality-schema.ts';
import { conversations, users } from '#server/db/schema.ts';
import { AppError } from '#server/errors.ts';
import { recordEvaluationEvent } from './evaluation-events.ts';

export async function createEvaluation(
  ctx: HubContext,
  auth: Auth,
  body: { conversationId: string; agentId?: string },
): Promise<Evaluation> {
  const conversationId = Number(body.conversationId);
  const [c] = await ctx.db
    .select()
    .from(conversations)
    .where(and(eq(conversations.id, conversationId), eq(conversations.accountId, auth.accountId)));
  if (!c) throw new AppError('not_found', `no conversation ${conversationId}`);
  const agentId = body.agentId ? Number(body.agentId) : (c.assigneeId ?? c.heldBy.at(-1) ?? null);
  if (agentId === null)
    throw new AppError('no_agent_to_evaluate', 'nobody handled this conversation: name the agentId');
  const [agent] = await ctx.db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, agentId), eq(users.accountId, auth.accountId)));
  if (!agent) throw new AppError('validation_failed', `no user ${agentId} in this account`);
  if (agentId === auth.user.id) throw new AppError('own_evaluation', 'nobody evaluates their own work');

  return ctx.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(evaluations)
      .values({ accountId: auth.accountId, conversationId, agentId, evaluatorId: auth.user.id })
      .onConflictDoNothing()
      .returning();
    if (!created) {
      const [existing] = await tx
        .select({ id: evaluations.id })
        .from(evaluations)
        .where(and(eq(evaluations.conversationId, conversationId), eq(evaluations.agentId, agentId)));
      throw new AppError('already_evaluated', 'this agent is already evaluated in this conversation', {
        details: { evaluationId: String(existing?.id) },
      });
    }
    const [item] = await tx
      .update(evaluationQueue)
      .set({ evaluationId: created.id })
      .where(
        and(
          eq(evaluationQueue.accountId, auth.accountId),
          eq(evaluationQueue.conversationId, conversationId),
          isNull(evaluationQueue.evaluationId),
        ),
      )
      .returning({ reason: evaluationQueue.reason });
    await recordEvaluationEvent(
      tx,
      { accountId: auth.accountId, evaluationId: created.id },
      'evaluation.created',
      auth.user.id,
      { conversationId: String(conversationId), agentId: String(agentId), reason: item?.reason ?? null },
    );
    return created;
  });
}
