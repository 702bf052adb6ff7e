// Jobs a dead hub process left running. pg-boss marks a job active when a worker fetches it and gives it
// back only when it expires (the outbox's after two minutes) and its maintenance round comes by: a hub
// killed in the middle of a send left the reply `queued` for about three minutes. Here a hub knows which
// jobs it is running, and a dead hub's jobs are given back within seconds:
// - PostgreSQL (several hub processes may share it): each running job is held by a session advisory lock
//   on a connection the process keeps for its life, which dies with the process. A sweep (at start and
//   every few seconds, on every hub) tries the lock of each job active for more than a moment; one it
//   can take has no living worker, and is failed at once, so pg-boss retries it after its retry delay.
//   A worker takes its job's lock first thing and then checks the job is still its own: a job a sweep
//   gave back in between is left to its next run.
// - PGlite lives inside this one process, alone with its data directory: every job found active when the
//   hub starts belongs to its previous life.
// A delivery cut off by the kill may have reached the customer already: it goes again, with the same
// delivery id (the API channel's X-Hub-Delivery), as before — only sooner.
import type PgBoss from 'pg-boss';
import type { Database, SessionConnection } from '#server/db/client.ts';
import type { Logger } from '#server/logger.ts';

/** The first half of every job lock's key: the hub's own space of advisory locks for jobs. */
const JOB_LOCKS = 7415002;
/** A job fetched this recently may not have taken its lock yet: the sweep leaves it alone. */
const GRACE_SECONDS = 3;

export type RunningJob = { id: string; startedOn: Date | string };

export type OrphanGuard = {
  start(queues: string[]): Promise<void>;
  stop(): Promise<void>;
  /** Takes the job's lock; false when the job is no longer this run's (a sweep gave it back). */
  enter(job: RunningJob): Promise<boolean>;
  leave(job: RunningJob): Promise<void>;
  /** Gives back the active jobs no living process holds; how many it gave back. */
  sweep(): Promise<number>;
};

type Rows = { rows: Record<string, unknown>[] };
type Sql = (text: string, values?: unknown[]) => Promise<Rows>;

export function orphanGuard(
  database: Database,
  boss: PgBoss,
  log: Logger,
  opts: { sweepSeconds: number },
): OrphanGuard {
  const shared = database.openSession !== undefined;
  let session: SessionConnection | null = null;
  let timer: NodeJS.Timeout | null = null;
  let queues: string[] = [];
  // The jobs this process runs: their locks are all on its one session, where a lock is re-entrant, so
  // the sweep must not try them (it would take them, and give back a job that is running).
  const mine = new Set<string>();
  // One statement at a time on the session connection: node-postgres queues them anyway, this keeps a
  // failed query from leaving the next one waiting on a dead connection.
  let chain: Promise<unknown> = Promise.resolve();
  const onSession: Sql = (text, values) => {
    const next = chain.then(async () => {
      session ??= await database.openSession!();
      try {
        return await session.query(text, values);
      } catch (err) {
        // A dropped connection took its locks with it: open a new one for what comes next.
        await session.end().catch(() => {});
        session = null;
        throw err;
      }
    });
    chain = next.catch(() => {});
    return next;
  };
  const giveBack = async (jobs: { id: string; name: string }[], why: string) => {
    for (const job of jobs) await boss.fail(job.name, job.id, { message: why });
    if (jobs.length) log.warn({ jobs: jobs.map((j) => `${j.name}:${j.id}`) }, why);
    return jobs.length;
  };

  const guard: OrphanGuard = {
    async start(names) {
      queues = names;
      if (!shared) {
        // Alone with the data directory: whatever is active was running when this process last died.
        const { rows } = (await boss
          .getDb()
          .executeSql(
            `select id::text, name from pgboss.job where state = 'active' and name = any($1::text[])`,
            [queues],
          )) as Rows;
        await giveBack(rows as { id: string; name: string }[], 'the hub stopped while these jobs ran');
        return;
      }
      await guard.sweep();
      timer = setInterval(() => {
        guard.sweep().catch((err) => log.warn({ err }, 'could not look for jobs of stopped hubs'));
      }, opts.sweepSeconds * 1000);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await chain;
      await session?.end().catch(() => {});
      session = null;
    },
    async enter(job) {
      if (!shared) return true;
      mine.add(job.id);
      await onSession('select pg_advisory_lock($1, hashtext($2))', [JOB_LOCKS, job.id]);
      const { rows } = await onSession(
        // The same run: a retry of it would have started a retry delay (a second or more) later. Within
        // 2 ms, as a JavaScript date keeps milliseconds and the database microseconds.
        `select 1 from pgboss.job where id = $1::uuid and state = 'active'
            and abs(extract(epoch from started_on - $2::timestamptz)) < 0.002`,
        [job.id, new Date(job.startedOn).toISOString()],
      );
      if (rows.length) return true;
      await guard.leave(job);
      return false;
    },
    async leave(job) {
      if (!shared) return;
      try {
        await onSession('select pg_advisory_unlock($1, hashtext($2))', [JOB_LOCKS, job.id]);
      } finally {
        mine.delete(job.id);
      }
    },
    async sweep() {
      if (!shared) return 0;
      const { rows } = await onSession(
        `select id::text, name from pgboss.job
          where state = 'active' and name = any($1::text[]) and started_on < now() - make_interval(secs => $2)`,
        [queues, GRACE_SECONDS],
      );
      let given = 0;
      for (const row of rows as { id: string; name: string }[]) {
        if (mine.has(row.id)) continue;
        const free = await onSession('select pg_try_advisory_lock($1, hashtext($2)) as free', [
          JOB_LOCKS,
          row.id,
        ]);
        if (free.rows[0]?.free !== true) continue; // a living worker holds it
        try {
          // Still active with nobody holding it: its worker's process is gone. Given back while this
          // sweep holds the lock, so a worker that was only slow to take it finds the job gone.
          const still = await onSession(`select 1 from pgboss.job where id = $1::uuid and state = 'active'`, [
            row.id,
          ]);
          if (still.rows.length) given += await giveBack([row], 'the hub process running this job stopped');
        } finally {
          await onSession('select pg_advisory_unlock($1, hashtext($2))', [JOB_LOCKS, row.id]);
        }
      }
      return given;
    },
  };
  return guard;
}
