// Who may do what with follow-ups. The manager (supervisor, admin) sees every follow-up of the account
// (the daily dashboard) and reassigns them; anyone else (follow_up, agent) sees and works only those they
// own — any other does not exist for them (404), as conversations do. Finance never reads a follow-up:
// it sees compensations only, as server/followups/compensation-json.ts shapes them.
import { and, eq } from 'drizzle-orm';
import type { Auth } from '#server/auth/auth.ts';
import type { HubContext } from '#server/context.ts';
import type { Db, Tx } from '#server/db/client.ts';
import { type FollowUp, followUps } from '#server/db/followup-schema.ts';
import { AppError } from '#server/errors.ts';

export const followUpManagers = ['admin', 'supervisor'] as const;
export const followUpWorkers = ['admin', 'supervisor', 'follow_up', 'agent'] as const;

export const isFollowUpManager = (auth: Auth) =>
  (followUpManagers as readonly string[]).includes(auth.user.role);

export async function loadFollowUp(
  ctx: HubContext,
  auth: Auth,
  id: number,
  opts: { tx?: Db | Tx; lock?: boolean } = {},
): Promise<FollowUp> {
  const db = opts.tx ?? ctx.db;
  const q = db
    .select()
    .from(followUps)
    .where(and(eq(followUps.id, id), eq(followUps.accountId, auth.accountId)));
  const [f] = opts.lock ? await q.for('update') : await q;
  if (!f || !(isFollowUpManager(auth) || f.ownerId === auth.user.id))
    throw new AppError('not_found', `no follow-up ${id}`);
  return f;
}

/** The follow-up must be in one of these states for the step: 409 invalid_state otherwise. */
export function expectFollowUpStatus(
  f: FollowUp,
  allowed: readonly FollowUp['status'][],
  step: string,
): void {
  if (!allowed.includes(f.status)) {
    throw new AppError('invalid_state', `a follow-up that is ${f.status} cannot be ${step}`, {
      details: { status: f.status },
    });
  }
}
