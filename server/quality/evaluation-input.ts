// What an evaluator gives an evaluation, checked against the account's criteria and the conversation:
// marks only for criteria that exist, every criterion marked before a score is computed, and every error
// pinned to a message of the evaluated conversation (another conversation's message is a 400, never a
// silent link across conversations or accounts).
import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '#server/db/client.ts';
import { type Evaluation, evaluationErrors } from '#server/db/quality-schema.ts';
import { messages } from '#server/db/schema.ts';
import { AppError } from '#server/errors.ts';
import type { Criterion, ErrorGrade } from '#shared/quality/criteria.ts';

export type ErrorInput = { grade: ErrorGrade; messageId: string; note: string };

export function checkMarks(criteria: readonly Criterion[], marks: Record<string, number>): void {
  const known = new Set(criteria.map((c) => c.key));
  const unknown = Object.keys(marks).filter((k) => !known.has(k));
  if (unknown.length)
    throw new AppError('unknown_criterion', `no criterion ${unknown.join(', ')} in this account`, {
      details: { unknown },
    });
}

export function requireComplete(criteria: readonly Criterion[], marks: Record<string, number>): void {
  const missing = criteria.filter((c) => marks[c.key] === undefined).map((c) => c.key);
  if (missing.length)
    throw new AppError('scores_incomplete', `score every criterion first: ${missing.join(', ')}`, {
      details: { missing },
    });
}

/** Replaces the evaluation's errors with `list`, after checking each message is the conversation's. */
export async function replaceErrors(tx: Tx, e: Evaluation, list: ErrorInput[]): Promise<void> {
  const ids = [...new Set(list.map((x) => Number(x.messageId)))];
  if (ids.length) {
    const found = await tx
      .select({ id: messages.id })
      .from(messages)
      .where(
        and(
          inArray(messages.id, ids),
          eq(messages.conversationId, e.conversationId),
          eq(messages.accountId, e.accountId),
        ),
      );
    const ok = new Set(found.map((m) => Number(m.id)));
    const stray = ids.filter((id) => !ok.has(id));
    if (stray.length)
      throw new AppError(
        'message_not_in_conversation',
        `message ${stray.join(', ')} is not a message of conversation ${e.conversationId}`,
        { details: { messageIds: stray.map(String) } },
      );
  }
  await tx.delete(evaluationErrors).where(eq(evaluationErrors.evaluationId, e.id));
  if (list.length)
    await tx.insert(evaluationErrors).values(
      list.map((x) => ({
        accountId: e.accountId,
        evaluationId: e.id,
        grade: x.grade,
        messageId: Number(x.messageId),
        note: x.note,
      })),
    );
}

/** The errors as stored, for scoring. */
export async function errorsOf(tx: Tx, evaluationId: number): Promise<{ grade: ErrorGrade }[]> {
  return tx
    .select({ grade: evaluationErrors.grade })
    .from(evaluationErrors)
    .where(eq(evaluationErrors.evaluationId, evaluationId));
}
