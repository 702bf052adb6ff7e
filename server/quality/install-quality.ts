// Wires quality (QP-14) into the hub: the quality worker, and the weekly sampling run — a pg-boss cron
// every hour of Monday (UTC), which is after every time zone's Sunday midnight, that samples each
// account's last complete week in its own zone. A run adds nothing already queued and tops agents up only
// to the rule's count, so the hourly repeats of a Monday (and a manager's "sample now") are harmless.
import type { HubContext } from '#server/context.ts';
import { accounts } from '#server/db/schema.ts';
import { jobNames } from '#server/queue/queue.ts';
import { sampleWeek } from './sample-week.ts';
import { accountTimeZone, lastCompleteWeek, weekOf } from './sampling-week.ts';

/** One account's week (a manager's run queued), or every account's last complete week (the cron). */
export type QualityJob = { kind: 'sample'; accountId: number; week: string } | { kind: 'weekly-sample' };

export const WEEKLY_SAMPLE_CRON = '7 * * * 1';

export async function runQualityJob(ctx: HubContext, job: QualityJob): Promise<void> {
  if (job.kind === 'sample') {
    const w = weekOf(job.week, await accountTimeZone(ctx, job.accountId));
    await sampleWeek(ctx, job.accountId, w, null);
    return;
  }
  // One job per account: a failing account is retried alone, and no run outlasts the job's expiry.
  const all = await ctx.db.select({ id: accounts.id }).from(accounts);
  for (const a of all) {
    const { week } = lastCompleteWeek(ctx.clock.now(), await accountTimeZone(ctx, a.id));
    await ctx.queue.send<QualityJob>(jobNames.quality, { kind: 'sample', accountId: a.id, week });
  }
}

export async function startQualityWorkers(ctx: HubContext): Promise<void> {
  const id = await ctx.queue.work<QualityJob>(jobNames.quality, (job) => runQualityJob(ctx, job.data));
  ctx.queue.register(jobNames.quality, id);
  await ctx.queue.schedule<QualityJob>(jobNames.quality, WEEKLY_SAMPLE_CRON, { kind: 'weekly-sample' });
}
