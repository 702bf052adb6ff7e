// Routing decisions per second with 300 agents (10 teams of 30) and 1,000 waiting conversations, on the
// hub's real assignment engine (server/routing/drain-queue.ts: account lock, loads counted in the
// transaction, strategies, bulk commit with events and timers), against a bare INSERT loop on the same
// database measured in the same run.
//   - "burst": 1,000 wait, 300 agents (capacity 3 each = 900 places) are online; drains until no more fit.
//   - "steady": every place is taken and 100 still wait; a conversation of the team at the head of the
//     queue is resolved, one drain hands the freed place on: the latency of one decision, 90 times.
// Usage: npx tsx bench/routing.ts [pglite|postgres|both]
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { and, asc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { priorityRank } from '#server/conversations/queue-order.ts';
import { accounts, contacts, conversations, inboxes, teamMembers, teams, users } from '#server/db/schema.ts';
import { drainQueue } from '#server/routing/drain-queue.ts';
import {
  baseline,
  baselineRunner,
  type Engine,
  envInt,
  loadavg,
  startBenchHub,
  stats,
  table,
} from './lib.ts';

const AGENTS = envInt('BENCH_AGENTS', 300);
const WAITING = envInt('BENCH_WAITING', 1000);
const TEAMS = 10;
const STEADY = envInt('BENCH_STEADY', 90);

async function runEngine(engine: Engine): Promise<string[]> {
  const t = await startBenchHub(engine);
  try {
    const { db } = t.hub.ctx;
    const [account] = await db.insert(accounts).values({ name: 'Bench' }).returning();
    const teamRows = await db
      .insert(teams)
      .values(
        Array.from(
          { length: TEAMS },
          (_, i) =>
            ({
              accountId: account.id,
              name: `Team ${i}`,
              strategy: i % 2 ? 'rotation' : 'least_busy',
            }) as const,
        ),
      )
      .returning();
    const people = await db
      .insert(users)
      .values(
        Array.from({ length: AGENTS }, (_, i) => ({
          accountId: account.id,
          name: `Agent ${i}`,
          email: `agent-${i}-${randomBytes(3).toString('hex')}@bench.test`,
          passwordHash: 'x',
          role: 'agent' as const,
          capacity: { api: 3 },
          presence: 'online' as const,
        })),
      )
      .returning();
    await db
      .insert(teamMembers)
      .values(
        people.map((u, i) => ({ accountId: account.id, teamId: teamRows[i % TEAMS].id, userId: u.id })),
      );
    const created = await import('#server/inboxes/save-inbox.ts').then((m) =>
      m.createInbox(t.hub.ctx, account.id, { name: 'API', channel: 'api', config: {}, settings: {} }),
    );
    const inboxId = Number(created.id);
    await db.update(inboxes).set({ teamId: teamRows[0].id }).where(eq(inboxes.id, inboxId));
    const addWaiting = async (n: number, from: number) => {
      const people = await db
        .insert(contacts)
        .values(Array.from({ length: n }, (_, i) => ({ accountId: account.id, name: `C${from + i}` })))
        .returning({ id: contacts.id });
      const t0 = Date.now();
      await db.insert(conversations).values(
        people.map((c, i) => ({
          accountId: account.id,
          inboxId,
          contactId: c.id,
          threadKey: `bench:${from + i}`,
          teamId: teamRows[(from + i) % TEAMS].id,
          priority: (['low', 'normal', 'normal', 'high', 'urgent'] as const)[(from + i) % 5],
          queuedAt: new Date(t0 - (n - i) * 1000),
        })),
      );
    };
    await addWaiting(WAITING, 0);

    // Burst: drain until nothing more fits.
    let assigned = 0;
    let drains = 0;
    const t0 = performance.now();
    for (;;) {
      const n = (await drainQueue(t.hub.ctx, account.id)).length;
      drains++;
      if (!n) break;
      assigned += n;
    }
    const burstMs = performance.now() - t0;

    // Steady: all places taken, a queue behind; free one, decide one.
    const latencies: number[] = [];
    let steadyDecided = 0;
    for (let i = 0; i < STEADY; i++) {
      // A place in the team of the conversation at the head of the queue, so the drain has work to do.
      const [head] = await db
        .select({ teamId: conversations.teamId })
        .from(conversations)
        .where(
          and(
            eq(conversations.accountId, account.id),
            eq(conversations.status, 'open'),
            isNull(conversations.assigneeId),
          ),
        )
        .orderBy(priorityRank, asc(conversations.queuedAt))
        .limit(1);
      if (!head) break;
      const [busy] = await db
        .select({ id: conversations.id })
        .from(conversations)
        .where(
          and(
            eq(conversations.teamId, head.teamId!),
            eq(conversations.status, 'open'),
            isNotNull(conversations.assigneeId),
          ),
        )
        .limit(1);
      await db
        .update(conversations)
        .set({ status: 'resolved', resolvedAt: new Date() })
        .where(eq(conversations.id, busy.id));
      const s0 = performance.now();
      steadyDecided += (await drainQueue(t.hub.ctx, account.id)).length;
      latencies.push(performance.now() - s0);
    }
    const [{ waiting }] = await db
      .select({ waiting: sql<number>`count(*)::int` })
      .from(conversations)
      .where(
        and(
          eq(conversations.accountId, account.id),
          eq(conversations.status, 'open'),
          sql`${conversations.assigneeId} is null`,
        ),
      );

    const runner = await baselineRunner(t);
    const base = await baseline(runner.run, 'bench_routing_baseline', 2000, 200, (i) => `row ${i}`);
    await runner.close();
    const insertPerSec = (base.rows / base.elapsedMs) * 1000;
    const burstPerSec = (assigned / burstMs) * 1000;
    const st = stats(latencies);
    const steadyPerSec = 1000 / (latencies.reduce((a, b) => a + b, 0) / latencies.length);
    console.log(`\n${engine}: ${runner.server}; load avg ${loadavg()}`);
    console.log(
      `burst: ${assigned} of ${WAITING} assigned to ${AGENTS} agents in ${drains} drains, ${burstMs.toFixed(0)} ms; ` +
        `steady: ${steadyDecided}/${STEADY} freed places refilled with ${waiting} still waiting; ` +
        `steady latency p50 ${st.p50.toFixed(1)} ms, p95 ${st.p95.toFixed(1)} ms, max ${st.max.toFixed(1)} ms`,
    );
    return [
      engine,
      burstPerSec.toFixed(0),
      steadyPerSec.toFixed(1),
      insertPerSec.toFixed(0),
      (burstPerSec / insertPerSec).toFixed(2),
      (steadyPerSec / insertPerSec).toFixed(3),
    ];
  } finally {
    await t.destroy();
  }
}

const which = process.argv[2] ?? 'both';
const engines: Engine[] = which === 'both' ? ['pglite', 'postgres'] : [which as Engine];
const rows: string[][] = [];
for (const e of engines) rows.push(await runEngine(e));
console.log(
  `\n${table(['engine', 'burst decisions/s', 'steady decisions/s', 'bare INSERT rows/s', 'burst ÷ INSERT', 'steady ÷ INSERT'], rows)}`,
);
process.exit(0);
