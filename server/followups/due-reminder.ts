// A follow-up's due date is a durable queue timer scheduled in the transaction that set it: when it comes
// due, and the follow-up is still open (or forwarded) with that very due date and owner, the hub records
// the reminder in its events and tells the owner (a `notice` on whatever page they are). A closed,
// rescheduled or reassigned follow-up does nothing when its old timer fires.
import { eq } from 'drizzle-orm';
import type { HubContext, TimerJob } from '#server/context.ts';
import type { Tx } from '#server/db/client.ts';
import { type FollowUp, followUps } from '#server/db/followup-schema.ts';
import { recordFollowUpEvent } from './followup-events.ts';

export const FOLLOW_UP_DUE = 'follow_up.due';

export async function scheduleFollowUpDue(ctx: HubContext, tx: Tx, f: FollowUp): Promise<void> {
  if (f.ownerId === null) return;
  await ctx.timers.schedule(tx, {
    kind: FOLLOW_UP_DUE,
    dueAt: f.dueAt.toISOString(),
    accountId: f.accountId,
    followUpId: f.id,
    ownerId: f.ownerId,
  });
}

async function onFollowUpDue(ctx: HubContext, job: TimerJob): Promise<void> {
  const due = await ctx.db.transaction(async (tx) => {
    const [f] = await tx
      .select()
      .from(followUps)
      .where(eq(followUps.id, Number(job.followUpId)))
      .for('update');
    if (!f || (f.status !== 'open' && f.status !== 'forwarded')) return null;
    if (f.dueAt.toISOString() !== job.dueAt || f.ownerId === null || f.ownerId !== Number(job.ownerId))
      return null;
    await recordFollowUpEvent(
      tx,
      { accountId: f.accountId, followUpId: f.id },
      'follow_up.due_reminded',
      null,
      null,
      {
        dueAt: job.dueAt,
        ownerId: String(f.ownerId),
      },
    );
    return f;
  });
  if (!due?.ownerId) return;
  ctx.publisher.userNotice(due.ownerId, {
    type: 'follow_up.due',
    conversationId: String(due.conversationId),
    followUpId: String(due.id),
    kind: due.kind,
    dueAt: job.dueAt,
  });
}

export function installFollowUpTimers(ctx: HubContext): void {
  ctx.timers.on(FOLLOW_UP_DUE, onFollowUpDue);
}
