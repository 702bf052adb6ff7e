// Starts a real hub for a test file: PGlite in a temporary directory by default, or a fresh database on
// the PostgreSQL server named by TEST_DATABASE_URL. Nothing of ours is mocked.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { issueToken } from '#server/auth/login.ts';
import { parseConfig } from '#server/config.ts';
import { pgliteExtensions } from '#server/db/client.ts';
import { accounts, type User } from '#server/db/schema.ts';
import { createHub, type Hub } from '#server/hub.ts';
import { createInbox } from '#server/inboxes/save-inbox.ts';
import { createUser } from '#server/users/save-user.ts';
import { templatePath } from '../global-setup.ts';

export const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

export type TestHub = {
  hub: Hub;
  url: string;
  dataDir: string;
  databaseUrl?: string;
  /** Stops the hub but keeps its database and files (for restart tests). */
  stop(): Promise<void>;
  /** Starts a new hub process-graph on the same database and files. */
  restart(env?: Record<string, string>): Promise<TestHub>;
  /** Stops and removes everything. */
  destroy(): Promise<void>;
};

/** A new, empty database on the PostgreSQL server at `base`, and how to drop it. */
export async function freshPostgres(
  base: string,
  prefix = 'hub_test',
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** A fresh PGlite directory from the run's template (tests/global-setup.ts), when there is one. */
async function seedPgliteDir(dataDir: string): Promise<void> {
  if (!existsSync(templatePath)) return;
  const client = await PGlite.create(join(dataDir, 'pglite'), {
    loadDataDir: new Blob([readFileSync(templatePath)]),
    extensions: pgliteExtensions,
  });
  await client.close();
}

export async function startTestHub(env: Record<string, string> = {}): Promise<TestHub> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-test-'));
  const pgdb = onPostgres ? await freshPostgres(process.env.TEST_DATABASE_URL!) : null;
  if (!pgdb) await seedPgliteDir(dataDir);
  const boot = async (extra: Record<string, string>): Promise<TestHub> => {
    const config = parseConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: pgdb?.url,
      HUB_SECRET: 'test-secret-test-secret-test-secret-0123',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      OUTBOX_RETRY_DELAY_SECONDS: '1',
      QUEUE_POLL_SECONDS: '0.5',
      ...env,
      ...extra,
    });
    const hub = await createHub(config);
    await hub.start();
    let stopped = false;
    const stop = async () => {
      if (stopped) return;
      stopped = true;
      await hub.stop();
    };
    return {
      hub,
      url: hub.url,
      dataDir,
      databaseUrl: pgdb?.url,
      stop,
      restart: async (more = {}) => {
        await stop();
        return boot({ ...extra, ...more });
      },
      async destroy() {
        await stop();
        await pgdb?.drop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  };
  return boot({});
}

/**
 * Another hub node on `first`'s database (and Redis, when `env` names it), started: what several nodes
 * behind a load balancer share. The caller stops it.
 */
export async function startSecondNode(first: TestHub, env: Record<string, string> = {}): Promise<Hub> {
  const hub = await createHub(
    parseConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: first.dataDir,
      DATABASE_URL: first.databaseUrl,
      HUB_SECRET: 'test-secret-test-secret-test-secret-0123',
      LOG_LEVEL: 'silent',
      ...env,
    }),
  );
  await hub.start();
  return hub;
}

export type SeededAccount = {
  accountId: number;
  admin: User;
  adminToken: string;
  /** Creates a user of the account with the role and returns it with a token. */
  user(role: User['role'], name?: string): Promise<{ user: User; token: string }>;
  /** Creates an API inbox; returns its id, inbound token and signing secret. */
  apiInbox(webhookUrl?: string): Promise<{ id: string; token: string; secret: string }>;
};

export async function seedAccount(t: TestHub, name = 'Acme'): Promise<SeededAccount> {
  const ctx = t.hub.ctx;
  const [account] = await ctx.db.insert(accounts).values({ name }).returning();
  const tag = randomBytes(4).toString('hex');
  const makeUser = async (role: User['role'], userName: string = role) => {
    const user = await createUser(ctx, account.id, {
      name: userName,
      email: `${role}-${tag}-${randomBytes(3).toString('hex')}@example.test`,
      password: 'correct horse battery',
      role,
    });
    return { user, token: await issueToken(ctx, user, 'test') };
  };
  const { user: admin, token: adminToken } = await makeUser('admin', 'Admin');
  return {
    accountId: account.id,
    admin,
    adminToken,
    user: makeUser,
    async apiInbox(webhookUrl) {
      const inbox = await createInbox(ctx, account.id, {
        name: 'API',
        channel: 'api',
        config: webhookUrl ? { webhookUrl } : {},
        settings: {},
      });
      return { id: inbox.id, token: inbox.token, secret: inbox.secret! };
    },
  };
}

export type ApiResponse<T = unknown> = { status: number; body: T; headers: Headers };

/** A small JSON client for the hub's REST API. */
export function client(baseUrl: string, token?: string) {
  const call = async <T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const res = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {}
    return { status: res.status, body: parsed as T, headers: res.headers } satisfies ApiResponse<T>;
  };
  return {
    get: <T = any>(path: string) => call<T>('GET', path),
    post: <T = any>(path: string, body?: unknown, headers?: Record<string, string>) =>
      call<T>('POST', path, body ?? {}, headers),
    patch: <T = any>(path: string, body: unknown) => call<T>('PATCH', path, body),
    raw: call,
  };
}

/** Posts a customer's message into an API inbox the way an integrator would. */
export function incoming(
  baseUrl: string,
  inbox: { id: string; token: string },
  body: {
    externalId: string;
    contact: { externalId: string; name?: string };
    text?: string;
    threadKey?: string;
    attachmentIds?: string[];
  },
) {
  return client(baseUrl).post(`/inboxes/${inbox.id}/incoming`, body, { 'x-inbox-token': inbox.token });
}

/** Polls until `check` returns a value (the queue works in the background; no fixed sleeps). */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(`condition not met in ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
