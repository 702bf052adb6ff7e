// One database module: PGlite (in-process, file-backed) when no DATABASE_URL is given, node-postgres
// otherwise. Both sit behind the same Drizzle schema and hand pg-boss an executor, so a job can be
// enqueued inside the transaction of the row it belongs to.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';

/** The PostgreSQL extensions our migrations create, which PGlite loads from its own contrib. */
export const pgliteExtensions = { pg_trgm };

export type Db = PgDatabase<PgQueryResultHKT>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** The executor pg-boss calls (its `db` option). */
export type SqlExecutor = { executeSql(text: string, values: unknown[]): Promise<{ rows: unknown[] }> };

/** One connection kept apart from the pool, for session-level locks that must die with the process. */
export type SessionConnection = {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  end(): Promise<void>;
};

export type Database = {
  kind: 'pglite' | 'postgres';
  db: Db;
  /**
   * PostgreSQL: opens a connection of the process's own (several hub processes share the database).
   * PGlite: absent — the database lives inside this one process, which is alone with it.
   */
  openSession?: () => Promise<SessionConnection>;
  /** For pg-boss: its own executor on PGlite; on PostgreSQL it opens its own pool from the URL. */
  boss: { db: SqlExecutor } | { connectionString: string };
  close(): Promise<void>;
};

const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export async function openDatabase(opts: { url?: string; dataDir: string }): Promise<Database> {
  if (opts.url) return openPostgres(opts.url);
  return openPglite(opts.dataDir);
}

async function openPostgres(url: string): Promise<Database> {
  // JIT off: the hub's queries are short, and the reports' month queries spent more time compiling
  // (0.2–0.8 s measured by bench/reports.ts) than running.
  const pool = new pg.Pool({ connectionString: url, max: 10, options: '-c jit=off' });
  pool.on('error', () => {}); // an idle client's error is reported on its next use
  const db = drizzlePg(pool);
  const client = await pool.connect();
  try {
    // Several hub nodes may start at once: one migrates, the others wait.
    await client.query('select pg_advisory_lock(7415001)');
    await migratePg(drizzlePg(client), { migrationsFolder });
  } finally {
    await client.query('select pg_advisory_unlock(7415001)').catch(() => {});
    client.release();
  }
  return {
    kind: 'postgres',
    db: db as unknown as Db,
    boss: { connectionString: url },
    async openSession() {
      const client = new pg.Client({ connectionString: url });
      client.on('error', () => {}); // a dropped connection surfaces on its next query
      await client.connect();
      return {
        query: (text, values) => client.query(text, values ?? []),
        end: () => client.end(),
      };
    },
    close: () => pool.end(),
  };
}

async function openPglite(dataDir: string): Promise<Database> {
  let location = 'memory://';
  if (dataDir !== ':memory:') {
    location = join(dataDir, 'pglite');
    mkdirSync(location, { recursive: true });
  }
  const client = await PGlite.create(location, { extensions: pgliteExtensions });
  const db = drizzlePglite(client);
  await migratePglite(db, { migrationsFolder });
  return {
    kind: 'pglite',
    db: db as unknown as Db,
    boss: {
      db: {
        async executeSql(text, values) {
          if (values?.length) return client.query(text, values);
          const results = await client.exec(text);
          return { rows: results.at(-1)?.rows ?? [] };
        },
      },
    },
    close: () => client.close(),
  };
}

/**
 * A pg-boss executor bound to a transaction: the job commits or rolls back with the row. It talks to the
 * transaction's own driver client (node-postgres PoolClient or PGlite Transaction), because pg-boss's SQL
 * reuses a parameter in several places and only the driver keeps `$5` one parameter of one type.
 */
export function txExecutor(tx: Db): SqlExecutor {
  type DriverClient = { query(text: string, values: unknown[]): Promise<{ rows: unknown[] }> };
  const client = (tx as unknown as { session?: { client?: DriverClient } }).session?.client;
  if (typeof client?.query !== 'function') throw new Error('this transaction exposes no driver client');
  return {
    async executeSql(text, values) {
      const result = await client.query(text, values ?? []);
      return { rows: result.rows };
    },
  };
}

/** node-postgres answers {rows}, PGlite's drizzle driver {rows} as well; some versions an array. */
export function rowsOf<T>(r: unknown): T[] {
  if (Array.isArray(r)) return r as T[];
  return ((r as { rows?: T[] }).rows ?? []) as T[];
}
