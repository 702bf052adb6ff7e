// Ingest benchmark: the hub's whole inbound path against a bare INSERT loop on the same engine, in one
// run, for PGlite and PostgreSQL. Hub path: N messages POSTed to the API channel's inbound endpoint with
// C requests in flight over many threads, timed until an admin's /agent socket has seen every
// `message:new`. Baseline: N sequential single-row autocommit INSERTs of a row of similar width.
// The load generator (HTTP client + agent socket) runs in a worker thread so it does not share the hub's
// event loop; latency is measured inside the worker, from just before the POST to the socket event.
//
//   npx tsx bench/ingest.ts        env: BENCH_MESSAGES (2000), BENCH_CONCURRENCY (50), BENCH_THREADS (200),
//                                  BENCH_WARMUP (100), BENCH_ENGINES (pglite,postgres), BENCH_TIMEOUT_MS,
//                                  BENCH_DATABASE_URL | TEST_DATABASE_URL (postgres://postgres@127.0.0.1:5432/test)
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import {
  baseline,
  baselineRunner,
  type Engine,
  envInt,
  loadavg,
  type Stats,
  startBenchHub,
  stats,
  type Timed,
  table,
} from './lib.ts';

type LoadPlan = {
  url: string;
  inbox: { id: string; token: string };
  adminToken: string;
  messages: number;
  concurrency: number;
  threads: number;
  warmup: number;
  timeoutMs: number;
};

type LoadResult = {
  elapsedMs: number;
  received: number;
  httpErrors: number;
  e2e: Stats;
  http: Stats;
};

type EngineResult = {
  engine: Engine;
  server: string;
  hub: LoadResult;
  setupMs: number;
  hubThreadElu: number;
  baseline: { before: Timed; after: Timed };
  batches: { transactions: number; messages: number; max: number; p50: number } | null;
};

/** A customer message of realistic size; the baseline row carries the same text. */
const messageText = (i: number) =>
  `Hello, this is customer message number ${i}. My order has not arrived yet, could you check it please?`;

// ─── worker thread: the load generator ───────────────────────────────────────────────────────────────

async function runLoad(plan: LoadPlan): Promise<LoadResult> {
  const { io } = await import('socket.io-client');
  const socket = io(`${plan.url}/agent`, {
    auth: { token: plan.adminToken },
    transports: ['websocket'],
    reconnection: false,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });

  // One listener for both phases: a message's externalId says which phase and which index it is.
  let onEvent: (externalId: string, at: number) => void = () => {};
  socket.on('message:new', ({ message }: { message: { externalId: string | null } }) => {
    if (message.externalId) onEvent(message.externalId, performance.now());
  });

  const endpoint = `${plan.url}/api/v1/inboxes/${plan.inbox.id}/incoming`;
  const headers = { 'content-type': 'application/json', 'x-inbox-token': plan.inbox.token };

  async function phase(prefix: string, count: number, threads: number) {
    const sentAt = new Float64Array(count);
    const receivedAt = new Float64Array(count);
    const httpMs: number[] = [];
    let received = 0;
    let expected = count;
    let httpErrors = 0;
    let next = 0;
    let lastEventAt = 0;
    let done: () => void = () => {};
    const allReceived = new Promise<void>((resolve) => {
      done = resolve;
    });
    onEvent = (externalId, at) => {
      if (!externalId.startsWith(prefix)) return;
      const i = Number(externalId.slice(prefix.length));
      if (receivedAt[i] !== 0) return;
      receivedAt[i] = at;
      lastEventAt = at;
      if (++received === expected) done();
    };

    const t0 = performance.now();
    const sender = async () => {
      for (let i = next++; i < count; i = next++) {
        const body = JSON.stringify({
          externalId: `${prefix}${i}`,
          contact: { externalId: `${prefix}contact-${i % threads}`, name: `Customer ${i % threads}` },
          text: messageText(i),
        });
        sentAt[i] = performance.now();
        try {
          const res = await fetch(endpoint, { method: 'POST', headers, body });
          await res.arrayBuffer();
          if (res.status !== 201) throw new Error(`HTTP ${res.status}`);
          httpMs.push(performance.now() - sentAt[i]);
        } catch {
          httpErrors++;
          if (--expected === received) done();
        }
      }
    };
    await Promise.all(Array.from({ length: plan.concurrency }, sender));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      allReceived,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, plan.timeoutMs);
      }),
    ]);
    clearTimeout(timer);

    const e2e: number[] = [];
    for (let i = 0; i < count; i++) if (receivedAt[i] !== 0) e2e.push(receivedAt[i] - sentAt[i]);
    return {
      elapsedMs: (received === expected ? lastEventAt : performance.now()) - t0,
      received,
      httpErrors,
      e2e: stats(e2e),
      http: stats(httpMs),
    };
  }

  if (plan.warmup > 0) await phase('w-', plan.warmup, Math.max(1, Math.min(plan.warmup, 20)));
  const result = await phase('m-', plan.messages, plan.threads);
  socket.close();
  return result;
}

if (!isMainThread) {
  const result = await runLoad(workerData as LoadPlan);
  parentPort!.postMessage(result);
}

// ─── main thread: the hub, the baseline and the report ───────────────────────────────────────────────

function loadInWorker(plan: LoadPlan): Promise<LoadResult> {
  // tsx's hooks are not inherited by worker threads on Node 20: register them before importing this file.
  const boot = `(async () => {
    const { register } = await import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))});
    register();
    await import(${JSON.stringify(import.meta.url)});
  })();`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(boot, { eval: true, workerData: plan });
    worker.once('message', (r: LoadResult) => {
      resolve(r);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`load worker exited with code ${code}`)));
  });
}

async function benchEngine(engine: Engine, plan: Omit<LoadPlan, 'url' | 'inbox' | 'adminToken'>) {
  const { seedAccount } = await import('#tests/helpers/hub.ts');
  const setupStarted = performance.now();
  const t = await startBenchHub(engine);
  try {
    const acct = await seedAccount(t, 'Bench');
    const inbox = await acct.apiInbox();
    const setupMs = performance.now() - setupStarted;

    // Group commit is observable without touching the server: every ingested message is announced to the
    // domain-event subscribers with its transaction, so messages per distinct `tx` object is the batch size.
    const perTx = new Map<object, number>();
    t.hub.ctx.events.on('message.received', async (tx, { message }) => {
      if (message.externalId?.startsWith('m-')) perTx.set(tx, (perTx.get(tx) ?? 0) + 1);
    });

    // The baseline runs on the hub's own database (for PGlite, the very same in-process instance), once
    // before and once after the hub phase: the engine's speed drifts (WASM tier-up, fsync latency).
    const { run, server, close: closeBaseline } = await baselineRunner(t);
    const before = await baseline(run, 'bench_baseline_before', plan.messages, plan.warmup, messageText);
    const elu0 = performance.eventLoopUtilization();
    const hub = await loadInWorker({ ...plan, url: t.url, inbox, adminToken: acct.adminToken });
    const hubThreadElu = performance.eventLoopUtilization(elu0).utilization;
    const after = await baseline(run, 'bench_baseline_after', plan.messages, plan.warmup, messageText);
    await closeBaseline();

    const sizes = [...perTx.values()];
    const batches = sizes.length
      ? {
          transactions: sizes.length,
          messages: sizes.reduce((a, b) => a + b, 0),
          max: Math.max(...sizes),
          p50: stats(sizes).p50,
        }
      : null;
    return {
      engine,
      server,
      setupMs,
      hub,
      hubThreadElu,
      baseline: { before, after },
      batches,
    } satisfies EngineResult;
  } finally {
    await t.destroy();
  }
}

async function main() {
  const plan = {
    messages: envInt('BENCH_MESSAGES', 2000),
    concurrency: envInt('BENCH_CONCURRENCY', 50),
    threads: envInt('BENCH_THREADS', 200),
    warmup: envInt('BENCH_WARMUP', 100),
    timeoutMs: envInt('BENCH_TIMEOUT_MS', 120_000),
  };
  const engines = (process.env.BENCH_ENGINES ?? 'pglite,postgres')
    .split(',')
    .map((e) => e.trim())
    .filter((e): e is Engine => e === 'pglite' || e === 'postgres');

  const cpus = os.cpus();
  console.log('# bench/ingest — hub inbound path vs bare INSERT loop');
  console.log(
    `machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ` +
      `${os.platform()} ${os.release()}, node ${process.version}, load average ${loadavg()} (1/5/15 min)`,
  );
  console.log(
    `plan: ${plan.messages} messages, ${plan.concurrency} in flight, ${plan.threads} threads (contacts), ` +
      `${plan.warmup} warm-up messages/rows first; load generator in a worker thread`,
  );

  const results: EngineResult[] = [];
  for (const engine of engines) {
    const started = performance.now();
    const r = await benchEngine(engine, plan);
    results.push(r);
    console.log(
      `\n${engine}: ${r.server} — done in ${((performance.now() - started) / 1000).toFixed(1)} s, ` +
        `load average now ${loadavg()}`,
    );
    if (r.hub.received < plan.messages - r.hub.httpErrors || r.hub.httpErrors > 0) {
      console.log(
        `  WARNING: ${r.hub.httpErrors} POSTs failed, ${r.hub.received}/${plan.messages} socket events received`,
      );
    }
  }

  const f0 = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : '—');
  const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '—');
  const rate = (x: Timed) => (x.rows / x.elapsedMs) * 1000;
  console.log(
    '\nthroughput (baseline: one autocommit INSERT per row, sequential, before and after the hub run)',
  );
  console.log(
    table(
      ['engine', 'hub msg/s (e2e)', 'baseline rows/s', 'before / after', 'hub / baseline', 'hub time'],
      results.map((r) => {
        const hubRate = (r.hub.received / r.hub.elapsedMs) * 1000;
        const baseRate = (rate(r.baseline.before) + rate(r.baseline.after)) / 2;
        return [
          r.engine,
          f0(hubRate),
          f0(baseRate),
          `${f0(rate(r.baseline.before))} / ${f0(rate(r.baseline.after))}`,
          `${(hubRate / baseRate).toFixed(3)}×`,
          `${(r.hub.elapsedMs / 1000).toFixed(2)} s`,
        ];
      }),
    ),
  );
  console.log('\nhub latency, ms (POST → agent socket message:new; and POST → HTTP 201)');
  console.log(
    table(
      ['engine', 'e2e p50', 'e2e p95', 'e2e p99', 'e2e max', 'http p50', 'http p95', 'http p99'],
      results.map((r) => [
        r.engine,
        f1(r.hub.e2e.p50),
        f1(r.hub.e2e.p95),
        f1(r.hub.e2e.p99),
        f1(r.hub.e2e.max),
        f1(r.hub.http.p50),
        f1(r.hub.http.p95),
        f1(r.hub.http.p99),
      ]),
    ),
  );
  console.log('\ngroup commit (observed through message.received) and hub event loop');
  console.log(
    table(
      ['engine', 'transactions', 'avg batch', 'p50 batch', 'max batch', 'hub thread busy', 'start + seed'],
      results.map((r) => [
        r.engine,
        r.batches ? String(r.batches.transactions) : '—',
        r.batches ? (r.batches.messages / r.batches.transactions).toFixed(1) : '—',
        r.batches ? String(r.batches.p50) : '—',
        r.batches ? String(r.batches.max) : '—',
        `${(r.hubThreadElu * 100).toFixed(0)}%`,
        `${(r.setupMs / 1000).toFixed(1)} s`,
      ]),
    ),
  );
}

if (isMainThread) await main();
