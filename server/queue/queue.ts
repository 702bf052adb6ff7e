// pg-boss on the hub's own database: outbox deliveries, timers and background work. Jobs that belong to
// a row are sent with `{ tx }` so they commit or roll back with it. The rest of the hub uses this
// interface, never pg-boss itself: one place knows the library.
import PgBoss from 'pg-boss';
import type { Config } from '#server/config.ts';
import { type Database, type Db, txExecutor } from '#server/db/client.ts';
import type { Logger } from '#server/logger.ts';
import { orphanGuard } from './orphaned-jobs.ts';

export const jobNames = {
  deliver: 'outbox-deliver',
  protocol: 'protocol-step',
  route: 'route',
  timer: 'timer',
  social: 'social-action',
  sales: 'sales-work',
  quality: 'quality-work',
} as const;

export type JobName = (typeof jobNames)[keyof typeof jobNames];

export type SendOptions = {
  /** The transaction the job commits (or rolls back) with; without it the job is sent at once. */
  tx?: Db | null;
  /** Not before this instant, or this many seconds from now. */
  startAfter?: Date | number;
  /** At most one such job waiting at a time (a stately queue coalesces the rest). */
  singletonKey?: string;
  /** This job's own number of retries, instead of its queue's. */
  retryLimit?: number;
};

/** A job as its worker receives it: what was sent, and how many tries it has had and may have. */
export type QueueJob<T> = { id: string; data: T; retryCount: number; retryLimit: number };

export type Queue = {
  start(): Promise<void>;
  stop(opts?: { graceful?: boolean }): Promise<void>;
  send<T extends object>(name: JobName, data: T, opts?: SendOptions): Promise<void>;
  /** A worker taking one job at a time; a handler that throws has the job retried (queue's policy). */
  work<T extends object>(name: JobName, handler: (job: QueueJob<T>) => Promise<void>): Promise<string>;
  /** Ids of this node's outbox workers, to wake them right after a commit instead of at the next poll. */
  workerIds: string[];
  /** Wakes one of this node's workers of a queue (the outbox by default) right after a commit. */
  wake(name?: string): void;
  /** Records a worker of another queue so that wake(name) reaches it. */
  register(name: string, workerId: string): void;
  /** Sends `data` to the queue on a cron schedule (UTC), once across all nodes; replaces an earlier one. */
  schedule<T extends object>(name: JobName, cron: string, data: T): Promise<void>;
};

export function createQueue(database: Database, config: Config, log: Logger): Queue {
  const boss = new PgBoss({
    ...database.boss,
    schema: 'pgboss',
    // Maintenance and cron run on every node; pg-boss takes advisory locks so only one does the work.
    maintenanceIntervalSeconds: 30,
    monitorStateIntervalSeconds: 60,
  });
  boss.on('error', (err) => log.error({ err }, 'queue error'));
  const guard = orphanGuard(database, boss, log, { sweepSeconds: config.QUEUE_SWEEP_SECONDS });

  const workerIds: string[] = [];
  const others = new Map<string, string[]>();
  let next = 0;
  return {
    workerIds,
    async send(name, data, opts = {}) {
      await boss.send(name, data, {
        ...(opts.startAfter !== undefined ? { startAfter: opts.startAfter } : {}),
        ...(opts.singletonKey ? { singletonKey: opts.singletonKey } : {}),
        ...(opts.retryLimit !== undefined ? { retryLimit: opts.retryLimit } : {}),
        ...(opts.tx ? { db: txExecutor(opts.tx) as PgBoss.Db } : {}),
      });
    },
    async work<T extends object>(name: JobName, handler: (job: QueueJob<T>) => Promise<void>) {
      // pg-boss waits a whole polling interval after every fetch, even one that found a job: a worker
      // would take one job per interval (one a second by default), and a burst of 200 first messages
      // would see its last greeting minutes late. Once a job is done the worker looks again at once;
      // only an empty look waits for the interval (or a wake()).
      let id = '';
      id = await boss.work<T>(
        name,
        { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: config.QUEUE_POLL_SECONDS },
        async ([job]) => {
          try {
            // Held for the whole run, so a hub that dies mid-job has it given back within seconds.
            if (!(await guard.enter(job))) return; // given back meanwhile: its next run does the work
            try {
              await handler(job);
            } finally {
              await guard.leave(job);
            }
          } finally {
            if (id) boss.notifyWorker(id);
          }
        },
      );
      return id;
    },
    wake(name = jobNames.deliver) {
      const ids = name === jobNames.deliver ? workerIds : (others.get(name) ?? []);
      // One worker is enough to pick the job up; rotating spreads a burst over all of them.
      if (ids.length) boss.notifyWorker(ids[next++ % ids.length]);
    },
    register(name, workerId) {
      others.set(name, [...(others.get(name) ?? []), workerId]);
    },
    async schedule(name, cron, data) {
      await boss.schedule(name, cron, data, { tz: 'UTC' });
    },
    async start() {
      await boss.start();
      await ensureQueue(boss, jobNames.deliver, {
        retryLimit: config.OUTBOX_RETRY_LIMIT,
        retryDelay: config.OUTBOX_RETRY_DELAY_SECONDS,
        retryBackoff: true,
        expireInSeconds: config.OUTBOX_EXPIRE_SECONDS,
      });
      // One routing run per account waits at most while another runs: a burst of arrivals coalesces
      // into one drain instead of queueing a run per message (and delaying every other account).
      await ensureQueue(boss, jobNames.route, {
        policy: 'stately',
        retryLimit: 10,
        retryDelay: 1,
        retryBackoff: true,
        expireInSeconds: 120,
      });
      await ensureQueue(boss, jobNames.timer, {
        retryLimit: 5,
        retryDelay: config.OUTBOX_RETRY_DELAY_SECONDS,
        retryBackoff: true,
        expireInSeconds: 120,
      });
      await ensureQueue(boss, jobNames.protocol, {
        retryLimit: 5,
        retryDelay: config.OUTBOX_RETRY_DELAY_SECONDS,
        retryBackoff: true,
        expireInSeconds: 120,
      });
      // The sales desk's background work (portfolio imports): a failed run resumes where it stopped.
      await ensureQueue(boss, jobNames.sales, {
        retryLimit: 5,
        retryDelay: config.OUTBOX_RETRY_DELAY_SECONDS,
        retryBackoff: true,
        expireInSeconds: 600,
      });
      // Quality (QP-14): the weekly sampling of conversations to evaluate; a run adds each one once.
      await ensureQueue(boss, jobNames.quality, {
        retryLimit: 5,
        retryDelay: config.OUTBOX_RETRY_DELAY_SECONDS,
        retryBackoff: true,
        expireInSeconds: 600,
      });
      // Moderation of public items (hide, delete, like): retried like a reply, with the outbox's limits.
      await ensureQueue(boss, jobNames.social, {
        retryLimit: config.OUTBOX_RETRY_LIMIT,
        retryDelay: config.OUTBOX_RETRY_DELAY_SECONDS,
        retryBackoff: true,
        expireInSeconds: config.OUTBOX_EXPIRE_SECONDS,
      });
      // Before any worker of this life starts: what is active now was left by a stopped process.
      await guard.start(Object.values(jobNames));
    },
    async stop(opts = {}) {
      await boss.stop({ graceful: opts.graceful ?? true, timeout: 5000, close: true, wait: true });
      await guard.stop();
    },
  };
}

async function ensureQueue(boss: PgBoss, name: string, options: Omit<PgBoss.Queue, 'name'>): Promise<void> {
  const existing = await boss.getQueue(name);
  if (existing) await boss.updateQueue(name, { name, ...options });
  else await boss.createQueue(name, { name, ...options });
}
