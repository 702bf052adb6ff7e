// An agent ticks (or skips, or un-ticks) a step of the conversation's checklist — an agent step, or the
// identification after asking by phone. Automatic steps are the hub's to do and cannot be ticked.
import type { Auth } from '#server/auth/authenticate.ts';
import type { HubContext } from '#server/context.ts';
import { loadVisible } from '#server/conversations/load-visible.ts';
import { AppError, notFound } from '#server/errors.ts';
import { recordEvent } from '#server/events/record-event.ts';
import { startFirstResponseClock } from '#server/routing/first-response.ts';
import type { StepStatus } from '#shared/protocol.schema.ts';
import { checklistOf } from './checklist.ts';
import { loadScope } from './scope.ts';
import { setStep } from './step-state.ts';

export async function protocolOfVisible(ctx: HubContext, auth: Auth, conversationId: number) {
  await loadVisible(ctx, auth, conversationId);
  const s = await loadScope(ctx.db, conversationId);
  if (!s) throw new AppError('invalid_state', 'this conversation follows no protocol');
  return s;
}

export async function tickStep(
  ctx: HubContext,
  auth: Auth,
  conversationId: number,
  key: string,
  status: StepStatus,
) {
  const s = await protocolOfVisible(ctx, auth, conversationId);
  const step = s.template.steps.find((x) => x.key === key);
  if (!step) throw notFound('protocol step');
  if (step.kind !== 'agent' && step.action !== 'identification') {
    throw new AppError('invalid_state', `${step.title} is an automatic step; the hub does it`);
  }
  await ctx.db.transaction(async (tx) => {
    await setStep(tx, s.conversation, key, status, {
      by: { type: 'user', id: auth.user.id },
      data: step.action === 'identification' ? { asking: null } : {},
    });
    await recordEvent(
      tx,
      s.conversation,
      'protocol.step_ticked',
      { step: key, status },
      { type: 'user', id: auth.user.id },
    );
    // The agent took the identification over: the hub's questions are done, a person is at work.
    if (step.action === 'identification' && step.kind === 'automatic' && status !== 'pending')
      await startFirstResponseClock(ctx, tx, s.conversation.id, ctx.clock.now(), 'taken_over');
  });
  ctx.publisher.protocolUpdated(s.conversation);
  return checklistOf(ctx.db, s);
}
