// Widget socket memory benchmark: what one idle, connected widget visitor costs the hub process, against
// a baseline measured in the same run — a bare socket.io server (same server options as the hub's) with
// the same number of idle clients. The clients live in a child process, so none of their memory is
// counted; the hub process is measured (after a full GC) before and after they connect.
// Each widget client is a new visitor (its own token, its `session` answered from the database).
//
//   npx tsx bench/widget-sockets.ts     env: BENCH_SOCKETS (2000), BENCH_CONNECT_CONCURRENCY (100)
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { envInt, loadavg, startBenchHub, table } from './lib.ts';

type Plan = {
  url: string;
  namespace: string;
  auth: Record<string, unknown>;
  count: number;
  concurrency: number;
};
type FromChild = { type: 'ready'; connected: number; failed: number; ms: number } | { type: 'closed' };

// ─── child process: the idle clients ─────────────────────────────────────────────────────────────────

async function holdClients(): Promise<void> {
  const { io } = await import('socket.io-client');
  const sockets: ReturnType<typeof io>[] = [];
  process.on('message', async (msg: { type: 'connect'; plan: Plan } | { type: 'close' }) => {
    if (msg.type === 'close') {
      for (const s of sockets) s.close();
      process.send!({ type: 'closed' } satisfies FromChild);
      process.exit(0);
    }
    const { plan } = msg;
    const t0 = performance.now();
    let next = 0;
    let failed = 0;
    const one = () =>
      new Promise<void>((resolve) => {
        const s = io(`${plan.url}${plan.namespace}`, {
          auth: plan.auth,
          transports: ['websocket'],
          reconnection: false,
          forceNew: true,
        });
        sockets.push(s);
        // The widget is ready at `session`; the bare server's clients at `connect`.
        s.once(plan.namespace === '/widget' ? 'session' : 'connect', () => resolve());
        s.once('connect_error', () => {
          failed++;
          resolve();
        });
      });
    await Promise.all(
      Array.from({ length: plan.concurrency }, async () => {
        while (next++ < plan.count) await one();
      }),
    );
    process.send!({
      type: 'ready',
      connected: sockets.filter((s) => s.connected).length,
      failed,
      ms: performance.now() - t0,
    } satisfies FromChild);
  });
}

// ─── main process: the servers being measured ────────────────────────────────────────────────────────

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function settle(): { heap: number; rss: number } {
  for (let i = 0; i < 3; i++) gc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, rss: m.rss };
}

async function measure(plan: Plan) {
  // Let the previous phase's garbage and timers go before the "before" figure.
  await new Promise((r) => setTimeout(r, 500));
  const before = settle();
  const child = fork(import.meta.filename, ['--clients'], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = () =>
    new Promise<FromChild>((resolve) => child.once('message', (m) => resolve(m as FromChild)));
  let reply = next();
  child.send({ type: 'connect', plan });
  const ready = (await reply) as Extract<FromChild, { type: 'ready' }>;
  // Idle: the handshakes' transient buffers are garbage by now.
  await new Promise((r) => setTimeout(r, 1000));
  const after = settle();
  reply = next();
  child.send({ type: 'close' });
  await reply;
  await new Promise((r) => child.once('exit', r));
  return {
    ready,
    heapPerSocket: (after.heap - before.heap) / ready.connected,
    rssPerSocket: (after.rss - before.rss) / ready.connected,
  };
}

async function main() {
  const count = envInt('BENCH_SOCKETS', 2000);
  const concurrency = envInt('BENCH_CONNECT_CONCURRENCY', 100);
  const { Server } = await import('socket.io');
  const t = await startBenchHub('pglite');
  try {
    const { accounts } = await import('#server/db/schema.ts');
    const { createInbox } = await import('#server/inboxes/save-inbox.ts');
    const [account] = await t.hub.ctx.db.insert(accounts).values({ name: 'Bench' }).returning();
    const inbox = await createInbox(t.hub.ctx, account.id, {
      name: 'Web chat',
      channel: 'webchat',
      config: {},
      // Thousands of new visitors from one address (the benchmark's loopback): the inbox lets them in.
      settings: { rateLimits: { newVisitorsPerMinute: 100_000 } },
    });

    // Baseline: a bare socket.io server with the hub's server options, in this same process.
    const http = createServer();
    const bare = new Server(http, {
      cors: { origin: true, credentials: true },
      connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000 },
      maxHttpBufferSize: 1e6,
    });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
    const bareUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    const base = await measure({ url: bareUrl, namespace: '/', auth: {}, count, concurrency });
    await new Promise<void>((r) => bare.close(() => r()));

    const widget = await measure({
      url: t.url,
      namespace: '/widget',
      auth: { inboxToken: inbox.token },
      count,
      concurrency,
    });

    const kb = (b: number) => `${(b / 1024).toFixed(1)} KiB`;
    console.log(`widget socket memory, ${count} idle clients (load average ${loadavg()})\n`);
    console.log(
      table(
        ['server', 'connected', 'connect time', 'heap / socket', 'RSS / socket'],
        [
          [
            'bare socket.io (baseline)',
            `${base.ready.connected}/${count}`,
            `${(base.ready.ms / 1000).toFixed(1)} s`,
            kb(base.heapPerSocket),
            kb(base.rssPerSocket),
          ],
          [
            'hub /widget (new visitor each)',
            `${widget.ready.connected}/${count}`,
            `${(widget.ready.ms / 1000).toFixed(1)} s`,
            kb(widget.heapPerSocket),
            kb(widget.rssPerSocket),
          ],
        ],
      ),
    );
    console.log(
      `\nratio hub /widget ÷ bare socket.io: heap ×${(widget.heapPerSocket / base.heapPerSocket).toFixed(2)}, ` +
        `RSS ×${(widget.rssPerSocket / base.rssPerSocket).toFixed(2)}`,
    );
    if (widget.ready.failed || base.ready.failed) {
      console.log(`connect failures: baseline ${base.ready.failed}, widget ${widget.ready.failed}`);
    }
  } finally {
    await t.destroy();
  }
}

if (process.argv.includes('--clients')) await holdClients();
else await main();
