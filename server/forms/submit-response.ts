// An agent fills a form inside a conversation: the answers are checked against the form's current version
// (the same evaluator the console runs as they type), stored with that version, the observation composed
// from them, and one event on the conversation's timeline — all in one transaction. Refused answers come
// back per field, nothing stored.
import { eq } from 'drizzle-orm';
import type { Auth } from '#server/auth/auth.ts';
import { assertMayAct } from '#server/auth/permissions.ts';
import type { HubContext } from '#server/context.ts';
import { loadVisible } from '#server/conversations/load-visible.ts';
import { formResponses } from '#server/db/forms-schema.ts';
import { users } from '#server/db/schema.ts';
import { AppError } from '#server/errors.ts';
import { recordEvent } from '#server/events/record-event.ts';
import { evaluateAnswers } from '#shared/forms/evaluate-answers.ts';
import type { AnswerError } from '#shared/forms/form-types.ts';
import type { ResponseRow } from './forms-json.ts';
import { loadForm } from './load-forms.ts';

export type SubmitResult = { ok: true; row: ResponseRow } | { ok: false; errors: AnswerError[] };

export async function submitResponse(
  ctx: HubContext,
  auth: Auth,
  conversationId: number,
  body: { formId: string; answers: Record<string, unknown> },
): Promise<SubmitResult> {
  const { conversation } = await loadVisible(ctx, auth, conversationId);
  assertMayAct(auth, 'reply');
  return ctx.db.transaction(async (tx) => {
    // Shared lock: an edit of the definition waits until this response is stored against its version.
    const form = await loadForm(ctx, auth, Number(body.formId), { tx, lock: 'share' });
    if (!form.active) throw new AppError('invalid_state', 'this form is no longer in use');
    const result = evaluateAnswers(
      { fields: form.fields, observation: form.observation, locale: form.locale },
      body.answers,
    );
    if (!result.ok) return { ok: false as const, errors: result.errors };
    const [response] = await tx
      .insert(formResponses)
      .values({
        accountId: auth.accountId,
        formId: form.id,
        formVersion: form.version,
        conversationId: conversation.id,
        contactId: conversation.contactId,
        answers: result.answers,
        observation: result.observation,
        userId: auth.user.id,
        createdAt: ctx.clock.now(),
      })
      .returning();
    await recordEvent(
      tx,
      conversation,
      'form.submitted',
      {
        responseId: String(response.id),
        formId: String(form.id),
        formKey: form.key,
        formName: form.name,
        formVersion: form.version,
        observation: result.observation,
      },
      { type: 'user', id: auth.user.id },
    );
    const [me] = await tx.select({ name: users.name }).from(users).where(eq(users.id, auth.user.id));
    return {
      ok: true as const,
      row: { response, formKey: form.key, formName: form.name, userName: me?.name ?? null },
    };
  });
}
