// `npm start` as a user runs it: a real process on the embedded database, first-start seeding printed
// once, a clean stop on SIGTERM, and a clear refusal of bad configuration.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '#server/config.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'hub-start-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => {
    out += d;
  });
  child.stderr!.on('data', (d) => {
    err += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    const poll = setInterval(() => {
      if (out.includes('API docs')) {
        clearInterval(poll);
        // Give the seeding lines, printed in the same write, a moment to be read whole.
        setTimeout(() => resolve(out), 50);
      }
    }, 50);
    exited.then((code) => {
      clearInterval(poll);
      reject(new Error(`exited ${code}: ${err}`));
    });
  });
  ready.catch(() => {}); // awaited by the tests that expect a start; an expected exit is not an error
  return { child, ready, exited, output: () => ({ out, err }) };
}

describe('npm start', () => {
  it('serves on the embedded database with a demo account, and seeds only once', async () => {
    const first = start({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' });
    const out = await first.ready;
    const url = /Agent console : (http:\/\/\S+?)\/\n/.exec(out)![1];
    expect(out).toContain(`${url}/demo`);
    const [, email, password] = /Admin login {3}: (\S+) \/ (\S+)/.exec(out)!;
    const health = await (await fetch(`${url}/health`)).json();
    expect(health).toMatchObject({ status: 'ok', db: 'pglite' });
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    const { token } = await login.json();
    const inboxes = await (
      await fetch(`${url}/api/v1/inboxes`, { headers: { authorization: `Bearer ${token}` } })
    ).json();
    expect(inboxes.data.map((i: { channel: string }) => i.channel).sort()).toEqual(['api', 'webchat']);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = start({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' });
    const again = await second.ready;
    expect(again).not.toContain('Admin login');
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('refuses to start on a bad setting and names it', async () => {
    const bad = start({ DATA_DIR: dataDir, PORT: 'eighty', DATABASE_URL: 'mysql://nope' });
    expect(await bad.exited).toBe(2);
    const { err } = bad.output();
    expect(err).toContain('PORT');
    expect(err).toContain('DATABASE_URL: must be a postgres:// connection URL');
  });

  it('parses the environment once, with defaults', () => {
    const c = parseConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.DATA_DIR).toBe('./data');
    expect(c.DATABASE_URL).toBeUndefined();
    expect(() => parseConfig({ HUB_SECRET: 'short' })).toThrow(/HUB_SECRET: must be at least 32 characters/);
  });
});
