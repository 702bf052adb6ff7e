// Who may do what with quality data. The quality officer (qa), supervisors and admins evaluate; the
// manager (supervisor, admin) sets the rules and settles disputes; an agent reads only their own
// evaluations, once submitted — any other does not exist for them (404), as conversations do.
import { and, eq } from 'drizzle-orm';
import type { Auth } from '#server/auth/auth.ts';
import type { HubContext } from '#server/context.ts';
import type { Db, Tx } from '#server/db/client.ts';
import { type Evaluation, evaluations } from '#server/db/quality-schema.ts';
import { AppError } from '#server/errors.ts';

export const evaluators = ['admin', 'supervisor', 'qa'] as const;
export const managers = ['admin', 'supervisor'] as const;
export const evaluationReaders = [...evaluators, 'agent'] as const;

export const isEvaluator = (auth: Auth) => (evaluators as readonly string[]).includes(auth.user.role);
export const isManager = (auth: Auth) => (managers as readonly string[]).includes(auth.user.role);

/** Whether the caller may read the evaluation at all. */
export function maySeeEvaluation(auth: Auth, e: Evaluation): boolean {
  if (isEvaluator(auth)) return true;
  return e.agentId === auth.user.id && e.status !== 'draft';
}

export async function loadEvaluation(
  ctx: HubContext,
  auth: Auth,
  id: number,
  opts: { tx?: Db | Tx; lock?: boolean } = {},
): Promise<Evaluation> {
  const db = opts.tx ?? ctx.db;
  const q = db
    .select()
    .from(evaluations)
    .where(and(eq(evaluations.id, id), eq(evaluations.accountId, auth.accountId)));
  const [e] = opts.lock ? await q.for('update') : await q;
  if (!e || !maySeeEvaluation(auth, e)) throw new AppError('not_found', `no evaluation ${id}`);
  return e;
}

/** The evaluation must be in one of these states for the step: 409 invalid_state otherwise. */
export function expectStatus(e: Evaluation, allowed: readonly Evaluation['status'][], step: string): void {
  if (!allowed.includes(e.status)) {
    throw new AppError('invalid_state', `an evaluation that is ${e.status} cannot be ${step}`, {
      details: { status: e.status },
    });
  }
}
