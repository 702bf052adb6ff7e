// The manager's daily review of a follow-up (QP-14): solved and the customer told → closed; not solved →
// forwarded to the competent department (a team) with a note; or reassigned to another owner (and due
// date). Each step is an event with who and when; a new owner or due date schedules a new reminder, and
// the old one does nothing when it fires (server/followups/due-reminder.ts).
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Auth } from '#server/auth/auth.ts';
import type { HubContext } from '#server/context.ts';
import { type FollowUp, followUps } from '#server/db/followup-schema.ts';
import { teams } from '#server/db/schema.ts';
import { AppError } from '#server/errors.ts';
import type {
  followUpCloseBody,
  followUpForwardBody,
  followUpReassignBody,
} from '#shared/followups.schema.ts';
import { scheduleFollowUpDue } from './due-reminder.ts';
import { expectFollowUpStatus, isFollowUpManager, loadFollowUp } from './followup-access.ts';
import { recordFollowUpEvent } from './followup-events.ts';
import { checkOwner, notifyOwner } from './open-followup.ts';

const live = ['open', 'forwarded'] as const;

export async function closeFollowUp(
  ctx: HubContext,
  auth: Auth,
  id: number,
  body: z.infer<typeof followUpCloseBody>,
): Promise<FollowUp> {
  return ctx.db.transaction(async (tx) => {
    const f = await loadFollowUp(ctx, auth, id, { tx, lock: true });
    expectFollowUpStatus(f, live, 'closed');
    const now = ctx.clock.now();
    const [row] = await tx
      .update(followUps)
      .set({ status: 'closed', customerToldAt: now, closedAt: now, updatedAt: now })
      .where(eq(followUps.id, f.id))
      .returning();
    await recordFollowUpEvent(
      tx,
      { accountId: f.accountId, followUpId: f.id },
      'follow_up.closed',
      auth.user.id,
      body.note ?? null,
      {
        customerTold: body.customerTold,
      },
    );
    return row;
  });
}

export async function forwardFollowUp(
  ctx: HubContext,
  auth: Auth,
  id: number,
  body: z.infer<typeof followUpForwardBody>,
): Promise<FollowUp> {
  return ctx.db.transaction(async (tx) => {
    const f = await loadFollowUp(ctx, auth, id, { tx, lock: true });
    expectFollowUpStatus(f, live, 'forwarded');
    const [team] = await tx
      .select({ id: teams.id, name: teams.name })
      .from(teams)
      .where(and(eq(teams.id, Number(body.teamId)), eq(teams.accountId, auth.accountId)));
    if (!team) throw new AppError('validation_failed', `no team ${body.teamId} in this account`);
    const [row] = await tx
      .update(followUps)
      .set({ status: 'forwarded', teamId: team.id, updatedAt: ctx.clock.now() })
      .where(eq(followUps.id, f.id))
      .returning();
    await recordFollowUpEvent(
      tx,
      { accountId: f.accountId, followUpId: f.id },
      'follow_up.forwarded',
      auth.user.id,
      body.note,
      {
        teamId: String(team.id),
        teamName: team.name,
      },
    );
    return row;
  });
}

/** The manager hands a follow-up to another owner, and may move its due date. */
export async function reassignFollowUp(
  ctx: HubContext,
  auth: Auth,
  id: number,
  body: z.infer<typeof followUpReassignBody>,
): Promise<FollowUp> {
  if (!isFollowUpManager(auth)) {
    await loadFollowUp(ctx, auth, id);
    throw new AppError('not_manager', 'the manager (supervisor, admin) reassigns follow-ups');
  }
  const ownerId = Number(body.ownerId);
  const row = await ctx.db.transaction(async (tx) => {
    const f = await loadFollowUp(ctx, auth, id, { tx, lock: true });
    expectFollowUpStatus(f, live, 'reassigned');
    await checkOwner(tx, auth.accountId, ownerId);
    const dueAt = body.dueAt ? new Date(body.dueAt) : f.dueAt;
    const [row] = await tx
      .update(followUps)
      .set({ ownerId, dueAt, updatedAt: ctx.clock.now() })
      .where(eq(followUps.id, f.id))
      .returning();
    await recordFollowUpEvent(
      tx,
      { accountId: f.accountId, followUpId: f.id },
      'follow_up.reassigned',
      auth.user.id,
      body.note ?? null,
      {
        from: f.ownerId === null ? null : String(f.ownerId),
        to: String(ownerId),
        dueAt: dueAt.toISOString(),
      },
    );
    await scheduleFollowUpDue(ctx, tx, row);
    return row;
  });
  notifyOwner(ctx, row);
  return row;
}
