// Durable timers as pg-boss jobs (never in-memory setTimeout): overflow, re-route, service-level targets,
// the presence grace period, protocol inactivity. A timer is scheduled in the transaction that makes it
// necessary, fires at `dueAt`, and its handler re-checks the database: a timer whose reason has gone
// (the agent answered, the conversation was assigned) does nothing. Handlers compare with ctx.clock, so
// tests move the clock and make the job due through the queue instead of sleeping.
import type { HubContext, TimerHandler, TimerJob, Timers } from '#server/context.ts';
import { jobNames } from '#server/queue/queue.ts';

export function createTimers(getCtx: () => HubContext): Timers {
  const handlers = new Map<string, TimerHandler>();
  const timers: Timers = {
    async schedule(tx, job) {
      const ctx = getCtx();
      const startAfter = new Date(job.dueAt);
      // pg-boss compares startAfter with the database's clock; a due time in the past runs at once.
      await ctx.queue.send(jobNames.timer, job, {
        startAfter: startAfter.getTime() > Date.now() ? startAfter : new Date(),
        tx,
      });
    },
    on(kind, handler) {
      handlers.set(kind, handler);
    },
    async run(job) {
      const ctx = getCtx();
      const handler = handlers.get(job.kind);
      if (!handler) {
        ctx.log.warn({ kind: job.kind }, 'a timer of an unknown kind; dropped');
        return;
      }
      // Early (the hub's clock is behind the database's): come back when it is due, counted from the
      // database's own now, so a clock skew cannot make the worker fetch the same timer in a tight loop.
      const earlyMs = Date.parse(job.dueAt) - ctx.clock.now().getTime();
      if (earlyMs > 0) {
        await ctx.queue.send(jobNames.timer, job, { startAfter: Math.ceil(earlyMs / 1000) });
        return;
      }
      await handler(ctx, job);
    },
    async start() {
      const ctx = getCtx();
      await ctx.queue.work<TimerJob>(jobNames.timer, (job) => timers.run(job.data));
    },
  };
  return timers;
}
