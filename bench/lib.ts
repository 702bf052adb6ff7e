// What the benchmarks share: a hub built as `npm start` builds it, the bare-INSERT baseline every hub
// figure is divided by, and small formatting helpers. Kept free of server imports at load time (the
// ingest benchmark's worker thread loads its file, and through it this one).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestHub } from '#tests/helpers/hub.ts';

export type Engine = 'pglite' | 'postgres';
export type Stats = { p50: number; p95: number; p99: number; max: number };

export const envInt = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : fallback;
};

export function stats(values: number[]): Stats {
  const s = [...values].sort((a, b) => a - b);
  const at = (q: number) => (s.length ? s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] : Number.NaN);
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: s.at(-1) ?? Number.NaN };
}

export type Run = (text: string, values: unknown[]) => Promise<unknown>;
export type Timed = { rows: number; elapsedMs: number };

/** A plain table as wide as a message row, and N sequential one-row autocommit INSERTs into it. */
export async function baseline(
  run: Run,
  table: string,
  rows: number,
  warmup: number,
  text: (i: number) => string,
): Promise<Timed> {
  await run(
    `create table ${table} (id bigserial primary key, body text not null, meta jsonb not null, created_at timestamptz not null)`,
    [],
  );
  const insert = `insert into ${table} (body, meta, created_at) values ($1, $2::jsonb, $3)`;
  const row = (i: number) => [
    text(i),
    JSON.stringify({ channelTimestamp: new Date().toISOString() }),
    new Date(),
  ];
  for (let i = 0; i < warmup; i++) await run(insert, row(i));
  const t0 = performance.now();
  for (let i = 0; i < rows; i++) await run(insert, row(i));
  return { rows, elapsedMs: performance.now() - t0 };
}

/**
 * A hub as `npm start` builds it (server/hub.ts): PGlite file-backed in a fresh temporary directory (its
 * own initdb, not the test run's template tarball, which a concurrent `vitest` may be rewriting), or a
 * fresh PostgreSQL database, dropped afterwards.
 */
export async function startBenchHub(engine: Engine): Promise<TestHub> {
  // Imported here, not at the top: the worker thread loads this file too and needs none of the server.
  const { parseConfig } = await import('#server/config.ts');
  const { createHub } = await import('#server/hub.ts');
  const { freshPostgres } = await import('#tests/helpers/hub.ts');
  const base =
    process.env.BENCH_DATABASE_URL ??
    process.env.TEST_DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/test';
  const database = engine === 'postgres' ? await freshPostgres(base, 'hub_bench') : null;
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-bench-'));
  const removeAll = async () => {
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const config = parseConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: database?.url,
      HUB_SECRET: randomBytes(24).toString('hex'),
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
      SEED_DEMO: 'false',
    });
    const hub = await createHub(config);
    await hub.start();
    const stop = () => hub.stop();
    return {
      hub,
      url: hub.url,
      dataDir,
      databaseUrl: database?.url,
      stop,
      restart: () => Promise.reject(new Error('the benchmark does not restart hubs')),
      async destroy() {
        await stop();
        await removeAll();
      },
    };
  } catch (err) {
    await removeAll();
    throw err;
  }
}

export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' │ ');
  const rule = widths.map((w) => '─'.repeat(w)).join('─┼─');
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

/** Other work on the machine moves these figures severalfold: the load average says if it was quiet. */
export const loadavg = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** A runner for the baseline on the hub's own database (for PGlite, the very same in-process instance). */
export async function baselineRunner(
  t: TestHub,
): Promise<{ run: Run; server: string; close(): Promise<void> }> {
  let run: Run;
  let close = async () => {};
  if (!t.databaseUrl) {
    const client = (t.hub.ctx.db as unknown as { $client: PGlite }).$client;
    run = (text, values) => client.query(text, values);
  } else {
    const client = new pg.Client({ connectionString: t.databaseUrl });
    await client.connect();
    run = (text, values) => client.query(text, values);
    close = () => client.end();
  }
  const setting = async (name: string) => {
    const r = (await run(`select current_setting('${name}') as v`, [])) as { rows: { v: string }[] };
    return r.rows[0].v;
  };
  const server = !t.databaseUrl
    ? `PGlite ${await setting('server_version')} (file-backed, in-process)`
    : `PostgreSQL ${await setting('server_version')} (${new URL(t.databaseUrl).host}, ` +
      `synchronous_commit=${await setting('synchronous_commit')})`;
  return { run, server, close };
}

export const elapsedSince = (t0: number) => performance.now() - t0;
