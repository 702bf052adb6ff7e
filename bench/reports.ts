// Reports benchmark (issue 16): every report of server/reports/registry.ts over a year of one account's
// work — on PostgreSQL 1,000,000 conversations and 5,000,000 messages, on PGlite a smaller set — asked as
// a user asks it, GET /api/v1/reports/<name>?from=&to= with an admin's token, for the last full month and
// for the year: p50/p95 of N runs (the first is a warm-up and is dropped). Goal: every report under
// 300 ms p95 for a month on PostgreSQL.
// Baseline, in the same run on the same rows, alternating with the report's runs so both see the same
// moment of a shared machine: the raw aggregate query over what the report reads — a count and an
// average over the range's contacts (conversations by first_customer_message_at), plus a count of the
// range's messages for the reports that read messages, or of the presence sessions for attendance.
// For a report over the goal, each of its SQL statements is run once more under EXPLAIN (ANALYZE,
// BUFFERS): its time, its top node and the nodes that cost the most.
// The data (bench/reports-seed.ts) is written straight into a database of its own: PostgreSQL database
// bench_reports (dropped and made again), PGlite in <tmp>/bench-reports-pglite. BENCH_REUSE=1 keeps
// one already seeded with the same shape.
//
//   npm run bench:reports   env: BENCH_ENGINES (pglite,postgres), BENCH_REUSE, BENCH_REPORTS (all),
//     BENCH_CONVERSATIONS (1,000,000) BENCH_MESSAGES (5,000,000) BENCH_CONTACTS (200,000) on PostgreSQL,
//     BENCH_PGLITE_CONVERSATIONS (50,000) BENCH_PGLITE_MESSAGES (250,000) BENCH_PGLITE_CONTACTS (10,000),
//     BENCH_MONTH_RUNS (15) BENCH_YEAR_RUNS (5), BENCH_RANGES (month,year), BENCH_EXPLAIN (over | all | none),
//     BENCH_EXTRA_SQL (statements run on the bench database before timing, e.g. an index to try),
//     BENCH_REPORTS_URL (postgres://postgres@127.0.0.1:5432/bench_reports)
import { rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { PGlite } from '@electric-sql/pglite';
import { and, eq } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { issueToken } from '#server/auth/login.ts';
import { parseConfig } from '#server/config.ts';
import type { HubContext } from '#server/context.ts';
import type { Db } from '#server/db/client.ts';
import { accounts, users } from '#server/db/schema.ts';
import { createHub, type Hub } from '#server/hub.ts';
import { reportFrame } from '#server/reports/frame.ts';
import { reportBuilders } from '#server/reports/registry.ts';
import { createUser } from '#server/users/save-user.ts';
import type { ReportName } from '#shared/reports.schema.ts';
import { type Engine, envInt, loadavg, type Run, stats, table } from './lib.ts';
import { benchHours, type SeedShape, seedReportData, startOf } from './reports-seed.ts';

const GOAL_MS = 300;
const ACCOUNT = 'Bench reports';
const END = '2026-12-01';
const TZ = 'America/La_Paz';
const MONTH = { label: 'month', from: '2026-11-01', to: '2026-11-30' };
const YEAR = { label: 'year', from: startOf({ end: END } as SeedShape), to: '2026-11-30' };
type Range = typeof MONTH;

type Bench = {
  hub: Hub;
  run: Run;
  server: string;
  accountId: number;
  admin: typeof users.$inferSelect;
  token: string;
  /** A drizzle over the same database that records every statement it sends (for EXPLAIN). */
  recording(): { db: Db; seen: { sql: string; params: unknown[] }[] };
  close(): Promise<void>;
};

type Measured = {
  engine: Engine;
  report: string;
  range: string;
  report_ms: number[];
  base_ms: number[];
  /** Why the runs stopped early (a request that failed), if they did. */
  failed?: string;
};

const envList = (name: string) =>
  process.env[name]
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function shapeOf(engine: Engine): SeedShape {
  const pglite = engine === 'pglite';
  return {
    conversations: envInt(
      pglite ? 'BENCH_PGLITE_CONVERSATIONS' : 'BENCH_CONVERSATIONS',
      pglite ? 50_000 : 1_000_000,
    ),
    messages: envInt(pglite ? 'BENCH_PGLITE_MESSAGES' : 'BENCH_MESSAGES', pglite ? 250_000 : 5_000_000),
    contacts: envInt(pglite ? 'BENCH_PGLITE_CONTACTS' : 'BENCH_CONTACTS', pglite ? 10_000 : 200_000),
    end: END,
    timeZone: TZ,
  };
}

async function openBench(engine: Engine, fresh: boolean): Promise<Bench> {
  const url = process.env.BENCH_REPORTS_URL ?? 'postgres://postgres@127.0.0.1:5432/bench_reports';
  // PostgreSQL's hub keeps only attachments there: a directory of its own, apart from PGlite's database.
  const dataDir = join(tmpdir(), engine === 'pglite' ? 'bench-reports-pglite' : 'bench-reports-pg-files');
  if (fresh && engine === 'postgres') {
    const base = new URL(url);
    const name = base.pathname.slice(1);
    if (!/^[a-z_][a-z0-9_]*$/.test(name) || name === 'test') throw new Error(`not a bench database: ${name}`);
    base.pathname = '/postgres';
    const admin = new pg.Client({ connectionString: base.toString() });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
    await admin.end();
  }
  if (fresh) rmSync(dataDir, { recursive: true, force: true });
  const hub = await createHub(
    parseConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: engine === 'postgres' ? url : undefined,
      HUB_SECRET: 'bench-reports-secret-0123456789abcdef',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
      SEED_DEMO: 'false',
    }),
  );
  await hub.start();
  let run: Run;
  let recording: Bench['recording'];
  let close = async () => {};
  if (engine === 'pglite') {
    const client = (hub.ctx.db as unknown as { $client: PGlite }).$client;
    run = (text, values) => client.query(text, values);
    recording = () => {
      const seen: { sql: string; params: unknown[] }[] = [];
      const logger = { logQuery: (sql: string, params: unknown[]) => void seen.push({ sql, params }) };
      return { db: drizzlePglite(client, { logger }) as unknown as Db, seen };
    };
  } else {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    run = (text, values) => c.query(text, values);
    recording = () => {
      const seen: { sql: string; params: unknown[] }[] = [];
      const logger = { logQuery: (sql: string, params: unknown[]) => void seen.push({ sql, params }) };
      return { db: drizzlePg(pool, { logger }) as unknown as Db, seen };
    };
    close = async () => {
      await c.end();
      await pool.end();
    };
  }
  const setting = async (name: string) =>
    ((await run(`select current_setting('${name}') as v`, [])) as { rows: { v: string }[] }).rows[0].v;
  const server =
    engine === 'pglite'
      ? `PGlite ${await setting('server_version')} (file-backed, in-process)`
      : `PostgreSQL ${await setting('server_version')} (${new URL(url).host}, shared_buffers ${await setting('shared_buffers')}, work_mem ${await setting('work_mem')})`;
  return {
    hub,
    run,
    server,
    accountId: 0,
    admin: undefined as never,
    token: '',
    recording,
    async close() {
      await close();
      await hub.stop();
    },
  };
}

/** Opens the engine's bench database, seeded with `shape` (seeding it unless BENCH_REUSE finds it so). */
async function prepare(engine: Engine, shape: SeedShape): Promise<{ b: Bench; seedSeconds: number | null }> {
  // jsonb keeps its own key order: compare the shape field by field.
  const seededAs = (v: unknown) =>
    typeof v === 'object' &&
    v !== null &&
    Object.entries(shape).every(([k, x]) => (v as Record<string, unknown>)[k] === x);
  const reuse = process.env.BENCH_REUSE === '1';
  let b = await openBench(engine, !reuse);
  const find = () =>
    b.hub.ctx.db
      .select()
      .from(accounts)
      .where(eq(accounts.name, ACCOUNT))
      .then((r) => r[0]);
  let account = await find();
  let seedSeconds: number | null = null;
  if (!account || !seededAs(account.settings.benchSeed)) {
    if (reuse) {
      console.log(`  ${engine}: no database seeded with this shape to reuse; seeding a new one`);
      await b.close();
      b = await openBench(engine, true);
    }
    const t0 = performance.now();
    [account] = await b.hub.ctx.db
      .insert(accounts)
      .values({ name: ACCOUNT, settings: { routing: { businessHours: benchHours(TZ) } } })
      .returning();
    console.log(`  ${engine}: seeding ${JSON.stringify(shape)}`);
    await seedReportData(b.run, account.id, shape, console.log);
    await b.hub.ctx.db
      .update(accounts)
      .set({ settings: { ...account.settings, benchSeed: shape } })
      .where(eq(accounts.id, account.id));
    seedSeconds = (performance.now() - t0) / 1000;
  }
  const [existing] = await b.hub.ctx.db
    .select()
    .from(users)
    .where(and(eq(users.accountId, account.id), eq(users.role, 'admin')));
  const admin =
    existing ??
    (await createUser(b.hub.ctx, account.id, {
      name: 'Bench admin',
      email: 'admin@bench.test',
      password: 'correct horse battery staple',
      role: 'admin',
    }));
  b.accountId = account.id;
  b.admin = admin;
  b.token = await issueToken(b.hub.ctx, admin, 'bench');
  return { b, seedSeconds };
}

/** The raw aggregate queries over what each report reads, on the same rows. */
function baselineOf(report: string, accountId: number): string[] {
  const conv = `select count(*), avg(extract(epoch from first_agent_reply_at - first_customer_message_at)) from conversations where account_id = ${accountId} and first_customer_message_at >= $1 and first_customer_message_at < $2`;
  const msgs = `select count(*) from messages where account_id = ${accountId} and created_at >= $1 and created_at < $2`;
  const presence = `select count(*), sum(coalesce(ended_at, now()) - started_at) from presence_sessions where account_id = ${accountId} and started_at >= $1 and started_at < $2`;
  if (report === 'attendance') return [presence];
  if (report === 'volume' || report === 'times') return [conv, msgs];
  return [conv];
}
const baselineLabel: Record<string, string> = {
  attendance: 'presence count+sum',
  volume: 'conv count+avg, msg count',
  times: 'conv count+avg, msg count',
};

async function timeRange(
  b: Bench,
  engine: Engine,
  report: string,
  range: Range,
  runs: number,
): Promise<Measured> {
  const m: Measured = { engine, report, range: range.label, report_ms: [], base_ms: [] };
  const url = `${b.hub.url}/api/v1/reports/${report}?from=${range.from}&to=${range.to}`;
  const bounds = [
    new Date(`${range.from}T04:00:00Z`).toISOString(),
    new Date(Date.parse(`${range.to}T04:00:00Z`) + 86_400_000).toISOString(),
  ];
  const base = baselineOf(report, b.accountId);
  for (let i = 0; i < runs + 1; i++) {
    let t0 = performance.now();
    try {
      const get = () => fetch(url, { headers: { authorization: `Bearer ${b.token}` } });
      // A kept-alive socket the hub closed while PGlite held its event loop (EXPLAIN runs in-process)
      // resets at once: that is the client's socket, not the report; ask again on a new one.
      const res = await get().catch((err: Error) => {
        if (performance.now() - t0 > 1000) throw err;
        t0 = performance.now();
        return get();
      });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`HTTP ${res.status} ${body.slice(0, 200)}`);
    } catch (err) {
      // A year on PGlite can outlast the HTTP client's patience: say so and go on with the next report.
      const cause = (err as Error & { cause?: Error }).cause?.message ?? (err as Error).message;
      m.failed = `${cause} after ${((performance.now() - t0) / 1000).toFixed(0)} s`;
      console.log(`  ${report} ${range.label}: request failed (${m.failed}); its runs stop here`);
      return m;
    }
    const took = performance.now() - t0;
    t0 = performance.now();
    for (const text of base) await b.run(text, bounds);
    const baseTook = performance.now() - t0;
    if (i === 0) continue;
    m.report_ms.push(took);
    m.base_ms.push(baseTook);
  }
  return m;
}

type PlanNode = Record<string, unknown> & { Plans?: PlanNode[] };

function describe(n: PlanNode): string {
  const on = n['Relation Name'] ? ` on ${n['Relation Name']}` : '';
  const using = n['Index Name'] ? ` using ${n['Index Name']}` : '';
  const rows = `rows=${n['Actual Rows']} loops=${n['Actual Loops']}`;
  const read = Number(n['Shared Read Blocks'] ?? 0);
  const hit = Number(n['Shared Hit Blocks'] ?? 0);
  return `${n['Node Type']}${on}${using} (${rows}, buffers hit ${hit} read ${read})`;
}

/** Each node's own time (its total minus its children's), in ms. */
function ownTimes(n: PlanNode, out: { node: PlanNode; ms: number }[] = []) {
  const total = (x: PlanNode) => Number(x['Actual Total Time'] ?? 0) * Number(x['Actual Loops'] ?? 1);
  const children = n.Plans ?? [];
  out.push({ node: n, ms: total(n) - children.reduce((s, c) => s + total(c), 0) });
  for (const c of children) ownTimes(c, out);
  return out;
}

/** The report's statements, as its builder sends them, each under EXPLAIN (ANALYZE, BUFFERS). */
async function explainReport(b: Bench, report: ReportName, range: Range): Promise<void> {
  const { db, seen } = b.recording();
  const ctx: HubContext = { ...b.hub.ctx, db };
  const auth = { user: b.admin, accountId: b.accountId, teamIds: [], tokenId: 0 };
  const frame = await reportFrame(ctx, auth, { from: range.from, to: range.to });
  seen.length = 0;
  await reportBuilders[report]!(ctx, frame);
  console.log(`\n  EXPLAIN ${report} (${range.label}): ${seen.length} statements`);
  for (const [i, s] of seen.entries()) {
    const r = (await b.run(`explain (analyze, buffers, format json) ${s.sql}`, s.params)) as {
      rows: Record<string, unknown>[];
    };
    const raw = Object.values(r.rows[0])[0];
    const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as [
      {
        Plan: PlanNode;
        'Execution Time': number;
        'Planning Time': number;
        JIT?: { Functions: number; Timing: { Total: number | { Total: number } } };
      },
    ];
    const top = plan[0];
    if (top['Execution Time'] < 5) continue; // the small lookups (templates, names) say nothing here
    const heavy = ownTimes(top.Plan)
      .sort((x, y) => y.ms - x.ms)
      .slice(0, 3);
    const what = s.sql.replace(/\s+/g, ' ').slice(0, 110);
    // JIT compiles the plan when its estimated cost is high (subplans per row make it so); its time is
    // part of the execution time.
    const jitTotal = top.JIT?.Timing.Total;
    const jitMs = typeof jitTotal === 'number' ? jitTotal : (jitTotal?.Total ?? 0);
    const jit = top.JIT ? `, of which JIT ${jitMs.toFixed(0)} ms for ${top.JIT.Functions} functions` : '';
    console.log(
      `   #${i + 1} ${top['Execution Time'].toFixed(1)} ms (planning ${top['Planning Time'].toFixed(1)} ms${jit}): ${what}…`,
    );
    console.log(`      top: ${describe(top.Plan)}`);
    for (const h of heavy) console.log(`      ${h.ms.toFixed(1).padStart(8)} ms own: ${describe(h.node)}`);
  }
}

async function benchEngine(engine: Engine, names: ReportName[], results: Measured[]) {
  const shape = shapeOf(engine);
  const t0 = performance.now();
  const { b, seedSeconds } = await prepare(engine, shape);
  try {
    const count = async (t: string) =>
      Number(((await b.run(`select count(*) as n from ${t}`, [])) as { rows: { n: string }[] }).rows[0].n);
    const sizes: string[] = [];
    for (const t of [
      'conversations',
      'messages',
      'conversation_steps',
      'conversation_holds',
      'presence_sessions',
    ])
      sizes.push(`${t} ${(await count(t)).toLocaleString('en')}`);
    console.log(
      `\n${engine}: ${b.server}\n  ${seedSeconds === null ? 'reused the seeded database' : `seeded in ${seedSeconds.toFixed(1)} s`}; ${sizes.join(', ')}`,
    );
    for (const text of (process.env.BENCH_EXTRA_SQL ?? '')
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean)) {
      const t1 = performance.now();
      await b.run(text, []);
      console.log(`  extra SQL (${((performance.now() - t1) / 1000).toFixed(1)} s): ${text}`);
    }
    if (process.env.BENCH_EXTRA_SQL) await b.run('analyze', []);
    const explain = process.env.BENCH_EXPLAIN ?? 'over';
    const ranges = envList('BENCH_RANGES') ?? ['month', 'year'];
    for (const report of names) {
      const plan = [
        [MONTH, envInt('BENCH_MONTH_RUNS', 15)],
        [YEAR, envInt('BENCH_YEAR_RUNS', 5)],
      ] as const;
      for (const [range, runs] of plan.filter(([r]) => ranges.includes(r.label))) {
        const m = await timeRange(b, engine, report, range, runs);
        results.push(m);
        const s = stats(m.report_ms);
        console.log(
          `  ${report} ${range.label}: p50 ${s.p50.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms (baseline p50 ${stats(m.base_ms).p50.toFixed(1)} ms), load ${loadavg()}`,
        );
        const over = range === MONTH && s.p95 >= GOAL_MS;
        if (explain === 'all' || (explain === 'over' && over)) await explainReport(b, report, range);
      }
    }
  } finally {
    await b.close();
  }
  console.log(`  ${engine} done in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

async function main() {
  const engines = (envList('BENCH_ENGINES') ?? ['pglite', 'postgres']).filter(
    (e): e is Engine => e === 'pglite' || e === 'postgres',
  );
  const all = Object.keys(reportBuilders) as ReportName[];
  const wanted = envList('BENCH_REPORTS');
  const names = wanted ? all.filter((n) => wanted.includes(n)) : all;
  const cpus = os.cpus();
  console.log(
    '# bench/reports — GET /api/v1/reports/<name> over a year of one account, vs the raw aggregate query',
  );
  console.log(
    `machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, node ${process.version}, load average ${loadavg()} (1/5/15 min)`,
  );
  console.log(
    `reports: ${names.join(', ')}; month ${MONTH.from}…${MONTH.to}, year ${YEAR.from}…${YEAR.to} (${TZ}); goal: month p95 < ${GOAL_MS} ms on PostgreSQL`,
  );
  const results: Measured[] = [];
  for (const engine of engines) await benchEngine(engine, names, results);

  const f0 = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : '—');
  const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '—');
  console.log('\nlatency, ms (HTTP GET, admin token; baseline: raw aggregate on the same rows, same run)');
  console.log(
    table(
      ['engine', 'report', 'range', 'n', 'p50', 'p95', 'base p50', 'base p95', 'report/base p50', 'baseline'],
      results.map((m) => {
        const r = stats(m.report_ms);
        const x = stats(m.base_ms);
        return [
          m.engine,
          m.report,
          m.range,
          `${m.report_ms.length}${m.failed ? ` (failed: ${m.failed})` : ''}`,
          f0(r.p50),
          f0(r.p95),
          f1(x.p50),
          f1(x.p95),
          `${(r.p50 / x.p50).toFixed(1)}×`,
          baselineLabel[m.report] ?? 'conv count+avg',
        ];
      }),
    ),
  );
  console.log('');
  for (const m of results.filter((x) => x.range === 'month')) {
    const p95 = stats(m.report_ms).p95;
    const verdict = m.report_ms.length ? (p95 < GOAL_MS ? 'ok' : 'over') : `failed (${m.failed})`;
    console.log(`${m.engine} ${m.report}: month p95 ${p95.toFixed(0)} ms (goal < ${GOAL_MS} ms): ${verdict}`);
  }
}

await main();
