// Social webhook latency benchmark (issue 15: "the time from a webhook POST to the agent's screen"), for
// the Facebook channel: a signed Meta webhook POSTed to /webhooks/facebook/<inboxId>, timed from just
// before the POST to the moment an admin's /agent socket receives `message:new` with that message's
// external id. Two paths: a Page comment (`feed`; the adapter reads the comment's counts from Graph before
// storing it, as a real webhook pays) and a Messenger text (`messages`). Each is sent one at a time
// (latency, not throughput) after a warm-up, then in concurrent bursts.
// Baseline, in the same run and process: a bare express + socket.io relay with the hub's socket.io server
// options, which checks the same signature, reads the external id out of the same body, emits it to a
// room and answers 200, in a thread of its own. One event to the relay and one to the hub alternate, so
// both see the same moment of a shared, noisy machine. The load generator (HTTP client, both agent
// sockets) and the Graph stand-in (tests/helpers/graph-api.ts; Meta's side, not the hub's event loop) run
// in another worker thread.
//
//   npx tsx bench/social.ts        env: BENCH_EVENTS (100 per path), BENCH_WARMUP (10), BENCH_BURST (50),
//                                  BENCH_BURST_ROUNDS (2), BENCH_ENGINES (pglite,postgres), BENCH_TIMEOUT_MS,
//                                  BENCH_DATABASE_URL | TEST_DATABASE_URL (postgres://postgres@127.0.0.1:5432/test)
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { type Engine, envInt, loadavg, type Stats, startBenchHub, stats, table } from './lib.ts';

const PAGE_TOKEN = 'EAAG-bench-page-token';
const APP_SECRET = 'bench-fb-app-secret-0123456789';

type Plan = {
  hub: { url: string; inboxId: string; adminToken: string };
  relay: { url: string };
  events: number;
  warmup: number;
  burst: number;
  burstRounds: number;
  timeoutMs: number;
};

type Kind = 'comment' | 'messenger';
type Sample = {
  e2e: number[];
  http: number[];
  /** Comments to the hub: from the POST to the adapter's Graph lookup reaching the stand-in. */
  toLookup: number[];
  missed: number;
  httpErrors: number;
};
type PathResult = { kind: Kind; mode: 'sequential' | 'burst'; hub: Sample; relay: Sample };
type LoadResult = { paths: PathResult[]; commentsToHub: number; graphLookups: number };

type ToMain =
  | { type: 'graph'; url: string }
  | { type: 'relay'; url: string }
  | { type: 'result'; result: LoadResult };
type Role = 'load' | 'relay';

// ─── worker thread: Meta's side (Graph stand-in) and the agent's side (sockets) ─────────────────────

async function runWorker(): Promise<void> {
  const { startGraphApi } = await import('#tests/helpers/graph-api.ts');
  const fb = await import('#tests/channels/facebook/payloads.ts');
  const { io } = await import('socket.io-client');
  const graph = await startGraphApi({ accessToken: PAGE_TOKEN, pageId: fb.PAGE_ID });
  const port = parentPort!;
  // When each comment's lookup reached Graph: the stand-in records every request it answers, so its
  // record is where the moment is taken (no change to the helper).
  const lookupAt = new Map<string, number>();
  const record = graph.requests.push.bind(graph.requests);
  graph.requests.push = (...rs) => {
    const at = performance.now();
    for (const r of rs) {
      if (r.method === 'GET' && (r.query.get('fields') ?? '').includes('like_count')) {
        lookupAt.set(decodeURIComponent(r.path.split('/').at(-1) ?? ''), at);
      }
    }
    return record(...rs);
  };
  const plan = await new Promise<Plan>((resolve) => {
    port.once('message', (p: Plan) => resolve(p));
    port.postMessage({ type: 'graph', url: graph.url } satisfies ToMain);
  });

  type Target = {
    hook: string;
    waiters: Map<string, (at: number) => void>;
    close(): void;
  };
  async function target(url: string, hook: string, token: string): Promise<Target> {
    const socket = io(`${url}/agent`, { auth: { token }, transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const waiters = new Map<string, (at: number) => void>();
    socket.on('message:new', ({ message }: { message: { externalId?: string | null } }) => {
      const at = performance.now();
      const w = message.externalId ? waiters.get(message.externalId) : undefined;
      if (w) {
        waiters.delete(message.externalId!);
        w(at);
      }
    });
    return { hook: `${url}${hook}`, waiters, close: () => socket.close() };
  }
  const hub = await target(plan.hub.url, `/webhooks/facebook/${plan.hub.inboxId}`, plan.hub.adminToken);
  const relay = await target(plan.relay.url, '/webhooks/facebook/1', 'relay');

  // Each event is new (the hub stores a redelivery once and announces it never again). 25 people per path:
  // some events open a conversation, most join one, as on a busy Page.
  let posts: Record<Kind, string> = { comment: fb.postId(), messenger: '' };
  let seq = 0;
  let commentsToHub = 0;
  const make = (kind: Kind, forHub: boolean) => {
    const i = ++seq;
    const who = i % 25;
    const text = `Event ${i}: no internet for three days at home, the router light is red. Can you check it?`;
    if (kind === 'messenger') return fb.text(`6024518290${100000 + who}`, text);
    const c = fb.comment({ id: `${4410000 + who}`, name: `Commenter ${who}` }, posts.comment, text);
    if (forHub) {
      commentsToHub++;
      // Graph knows the comment, so the adapter's lookup succeeds as it would against Meta.
      graph.page.objects.set(c.id, {
        type: 'comment',
        likes: i % 40,
        replies: i % 7,
        permalink_url: fb.commentPermalink(posts.comment, c.id),
        created_time: fb.graphTime(),
      });
    }
    return c;
  };

  const emptySample = (): Sample => ({ e2e: [], http: [], toLookup: [], missed: 0, httpErrors: 0 });
  async function one(t: Target, event: { id: string; payload: unknown }, into: Sample | null) {
    const raw = JSON.stringify(event.payload);
    const headers = {
      'content-type': 'application/json',
      'x-hub-signature-256': fb.signature(APP_SECRET, raw),
    };
    let timer: NodeJS.Timeout | undefined;
    const seen = new Promise<number | null>((resolve) => {
      t.waiters.set(event.id, resolve);
      timer = setTimeout(() => {
        t.waiters.delete(event.id);
        resolve(null);
      }, plan.timeoutMs);
    });
    const t0 = performance.now();
    let ok = false;
    try {
      const res = await fetch(t.hook, { method: 'POST', headers, body: raw });
      await res.arrayBuffer();
      ok = res.status === 200;
      if (ok) into?.http.push(performance.now() - t0);
    } catch {}
    if (!ok) {
      if (into) into.httpErrors++;
      t.waiters.get(event.id)?.(Number.NaN);
    }
    const at = await seen;
    clearTimeout(timer);
    if (!into) return;
    if (at === null || Number.isNaN(at)) into.missed++;
    else into.e2e.push(at - t0);
    const looked = t === hub ? lookupAt.get(event.id) : undefined;
    if (looked !== undefined) into.toLookup.push(looked - t0);
  }

  async function sequential(kind: Kind): Promise<PathResult> {
    const r: PathResult = { kind, mode: 'sequential', hub: emptySample(), relay: emptySample() };
    for (let i = 0; i < plan.warmup + plan.events; i++) {
      const warm = i < plan.warmup;
      await one(relay, make(kind, false), warm ? null : r.relay);
      await one(hub, make(kind, true), warm ? null : r.hub);
    }
    return r;
  }

  async function bursts(kind: Kind): Promise<PathResult> {
    const r: PathResult = { kind, mode: 'burst', hub: emptySample(), relay: emptySample() };
    for (let round = 0; round < plan.burstRounds; round++) {
      // A new post each round: a burst is many people commenting on one post at once.
      posts = { ...posts, comment: fb.postId() };
      for (const [t, into, forHub] of [
        [relay, r.relay, false],
        [hub, r.hub, true],
      ] as const) {
        const events = Array.from({ length: plan.burst }, () => make(kind, forHub));
        await Promise.all(events.map((e) => one(t, e, into)));
      }
    }
    return r;
  }

  const paths: PathResult[] = [];
  for (const kind of ['comment', 'messenger'] as const) {
    paths.push(await sequential(kind));
    if (plan.burst > 0 && plan.burstRounds > 0) paths.push(await bursts(kind));
  }
  hub.close();
  relay.close();
  await graph.close();
  port.postMessage({
    type: 'result',
    result: { paths, commentsToHub, graphLookups: lookupAt.size },
  } satisfies ToMain);
}

// ─── worker thread: the baseline ─────────────────────────────────────────────────────────────────────

/**
 * The baseline: the same webhook's signature checked, its external id read, emitted to a room, answered.
 * Its own thread, so the hub's background work (jobs, PGlite's queries) does not stall it.
 */
async function runRelay(): Promise<void> {
  const { default: express } = await import('express');
  const { Server } = await import('socket.io');
  const app = express();
  const http = createServer(app);
  // The hub's socket.io server options (server/hub.ts).
  const io = new Server(http, {
    cors: { origin: '*', credentials: false },
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000 },
    maxHttpBufferSize: 1e6,
  });
  const agents = io.of('/agent');
  agents.use((socket, next) => (socket.handshake.auth?.token ? next() : next(new Error('no token'))));
  agents.on('connection', (socket) => socket.join('account:1'));
  app.post('/webhooks/facebook/:inboxId', express.raw({ type: () => true, limit: '5mb' }), (req, res) => {
    const raw = req.body as Buffer;
    const expected = Buffer.from(`sha256=${createHmac('sha256', APP_SECRET).update(raw).digest('hex')}`);
    const given = Buffer.from(req.get('x-hub-signature-256') ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      res.status(401).json({ error: { code: 'invalid_signature', message: 'bad signature' } });
      return;
    }
    const entry = JSON.parse(raw.toString('utf8')).entry[0];
    const m = entry.messaging?.[0]?.message;
    const v = entry.changes?.[0]?.value;
    const message = m ? { externalId: m.mid, text: m.text } : { externalId: v.comment_id, text: v.message };
    agents.to('account:1').emit('message:new', { message });
    res.status(200).json({ ok: true });
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
  // Runs until the main thread terminates the worker.
  parentPort!.postMessage({
    type: 'relay',
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
  } satisfies ToMain);
}

// ─── main thread: the hub and the report ─────────────────────────────────────────────────────────────

function startWorker(role: Role): { worker: Worker; next(): Promise<ToMain> } {
  // tsx's hooks are not inherited by worker threads on Node 20: register them before importing this file.
  const boot = `(async () => {
    const { register } = await import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))});
    register();
    await import(${JSON.stringify(import.meta.url)});
  })();`;
  const worker = new Worker(boot, { eval: true, workerData: { role } });
  return {
    worker,
    next: () =>
      new Promise<ToMain>((resolve, reject) => {
        const onExit = (code: number) => reject(new Error(`${role} worker exited with code ${code}`));
        worker.once('error', reject);
        worker.once('exit', onExit);
        worker.once('message', (m: ToMain) => {
          worker.off('error', reject);
          worker.off('exit', onExit);
          resolve(m);
        });
      }),
  };
}

type EngineResult = {
  engine: Engine;
  server: string;
  load: LoadResult;
  seconds: number;
  setupSeconds: number;
};

async function benchEngine(engine: Engine, shape: Omit<Plan, 'hub' | 'relay'>): Promise<EngineResult> {
  const started = performance.now();
  const { client, seedAccount } = await import('#tests/helpers/hub.ts');
  const { worker, next } = startWorker('load');
  const relayWorker = startWorker('relay');
  try {
    const [graph, relay] = await Promise.all([next(), relayWorker.next()]);
    if (graph.type !== 'graph') throw new Error('the load worker did not start the Graph stand-in');
    if (relay.type !== 'relay') throw new Error('the relay worker did not start');
    const t = await startBenchHub(engine);
    try {
      const acct = await seedAccount(t, 'Bench');
      const res = await client(t.url, acct.adminToken).post('/inboxes', {
        name: 'Bench on Facebook',
        channel: 'facebook',
        config: {
          pageId: (await import('#tests/channels/facebook/payloads.ts')).PAGE_ID,
          pageAccessToken: PAGE_TOKEN,
          appSecret: APP_SECRET,
          verifyToken: 'bench-verify-token',
          graphBaseUrl: graph.url,
        },
      });
      if (res.status !== 201) throw new Error(`creating the Facebook inbox: ${JSON.stringify(res.body)}`);
      const server = t.databaseUrl
        ? `PostgreSQL (${new URL(t.databaseUrl).host})`
        : 'PGlite (file-backed, in-process)';
      const setupSeconds = (performance.now() - started) / 1000;
      const result = next();
      worker.postMessage({
        ...shape,
        hub: { url: t.url, inboxId: res.body.data.id, adminToken: acct.adminToken },
        relay: { url: relay.url },
      } satisfies Plan);
      const done = await result;
      if (done.type !== 'result') throw new Error('unexpected message from the load worker');
      return {
        engine,
        server,
        load: done.result,
        seconds: (performance.now() - started) / 1000,
        setupSeconds,
      };
    } finally {
      await t.destroy();
    }
  } finally {
    await Promise.all([worker.terminate(), relayWorker.worker.terminate()]);
  }
}

async function main() {
  const shape = {
    events: envInt('BENCH_EVENTS', 100),
    warmup: envInt('BENCH_WARMUP', 10),
    burst: envInt('BENCH_BURST', 50),
    burstRounds: envInt('BENCH_BURST_ROUNDS', 2),
    timeoutMs: envInt('BENCH_TIMEOUT_MS', 15_000),
  };
  const engines = (process.env.BENCH_ENGINES ?? 'pglite,postgres')
    .split(',')
    .map((e) => e.trim())
    .filter((e): e is Engine => e === 'pglite' || e === 'postgres');

  const cpus = os.cpus();
  console.log('# bench/social — Facebook webhook POST → agent socket message:new, hub vs bare relay');
  console.log(
    `machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ` +
      `node ${process.version}, load average ${loadavg()} (1/5/15 min)`,
  );
  console.log(
    `plan: per path ${shape.warmup} warm-up + ${shape.events} sequential events (relay and hub alternating), ` +
      `then ${shape.burstRounds} bursts of ${shape.burst} concurrent to each; client + Graph stand-in in one worker thread, relay in another`,
  );

  const results: EngineResult[] = [];
  for (const engine of engines) {
    const r = await benchEngine(engine, shape);
    results.push(r);
    console.log(
      `\n${engine}: ${r.server} — done in ${r.seconds.toFixed(1)} s (hub start + seed ${r.setupSeconds.toFixed(1)} s), load average now ${loadavg()}`,
    );
    console.log(
      `  Graph stand-in: ${r.load.graphLookups} of the ${r.load.commentsToHub} comments posted to the hub were looked up ` +
        `(GET /{comment-id}?fields=like_count,...) before being stored`,
    );
    for (const p of r.load.paths.filter((x) => x.hub.toLookup.length)) {
      const split = stats(p.hub.toLookup).p50;
      console.log(
        `  ${p.kind} ${p.mode}: POST → the hub's Graph lookup arrives p50 ${split.toFixed(1)} ms ` +
          `(signature, parse, inbox); the rest of the hub p50 is lookup answer, store and publish`,
      );
    }
    for (const p of r.load.paths) {
      for (const [who, s] of [
        ['hub', p.hub],
        ['relay', p.relay],
      ] as const) {
        if (s.missed || s.httpErrors) {
          console.log(
            `  WARNING ${p.kind} ${p.mode} ${who}: ${s.httpErrors} POSTs failed, ${s.missed} events not seen`,
          );
        }
      }
    }
  }

  const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '—');
  const rows: string[][] = [];
  for (const r of results) {
    for (const p of r.load.paths) {
      const h: Stats = stats(p.hub.e2e);
      const b: Stats = stats(p.relay.e2e);
      rows.push([
        r.engine,
        `${p.kind} ${p.mode === 'burst' ? `burst ×${shape.burst}` : 'one at a time'}`,
        String(p.hub.e2e.length),
        f1(h.p50),
        f1(h.p95),
        f1(h.max),
        f1(b.p50),
        f1(b.p95),
        f1(b.max),
        `${(h.p50 / b.p50).toFixed(1)}×`,
        f1(stats(p.hub.http).p50),
      ]);
    }
  }
  console.log('\nlatency, ms: POST sent → agent socket message:new (hub http p50: POST → 200, after commit)');
  console.log(
    table(
      [
        'engine',
        'path',
        'n',
        'hub p50',
        'hub p95',
        'hub max',
        'relay p50',
        'relay p95',
        'relay max',
        'hub/relay p50',
        'hub http p50',
      ],
      rows,
    ),
  );
}

if (isMainThread) await main();
else if ((workerData as { role: Role }).role === 'relay') await runRelay();
else await runWorker();
