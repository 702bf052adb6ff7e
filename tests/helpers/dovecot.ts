// A private, real Dovecot IMAP server for a test file: its own config, port, run/state dirs and maildir
// in a fresh temp dir, run in the foreground as our child so it dies with the test. Several instances
// can run side by side (parallel test files). Mail goes in through IMAP APPEND, as a real client would.
//
// Running as root needs care: Dovecot refuses mail access as uid 0 ("userdb returned 0 as uid",
// "Mail access not allowed for root") and imap-login refuses to run as root, so as root the mailboxes
// belong to `nobody` and the login processes run as `dovenull`; as any other user everything runs as
// that user.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';

export type TestDovecot = {
  host: string;
  port: number;
  user: string;
  password: string;
  /** Appends a raw RFC 822 message (IMAP APPEND, so Dovecot assigns the UID as for delivered mail). */
  append(raw: string | Buffer, mailbox?: string): Promise<void>;
  /** Creates a mailbox (one per spec keeps specs apart on one server). */
  createMailbox(name: string): Promise<void>;
  /** Gives the mailbox a new UIDVALIDITY, keeping its messages (which get new UIDs from 1). */
  recreateMailbox(mailbox?: string): Promise<void>;
  /** Kills the server and removes its files. */
  stop(): Promise<void>;
};

const DOVECOT = process.env.DOVECOT_BIN ?? '/usr/sbin/dovecot';
const HOST = '127.0.0.1';

/** uid/gid of a system user from /etc/passwd (Node has no getpwnam). */
function systemUser(name: string): { uid: number; gid: number } | null {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  if (!line) return null;
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, resolve);
  });
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function config(
  dir: string,
  port: number,
  users: { mail: { uid: number; gid: number }; login: string; internal: string },
): string {
  return `# written by tests/helpers/dovecot.ts
base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = test-${port}
log_path = ${dir}/dovecot.log
info_log_path = ${dir}/dovecot.log
protocols = imap
listen = ${HOST}
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = ${users.internal}
default_login_user = ${users.login}
first_valid_uid = ${users.mail.uid}
first_valid_gid = ${users.mail.gid}
mail_location = maildir:${dir}/mail/%u
mail_fsync = never
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${users.mail.uid} gid=${users.mail.gid} home=${dir}/mail/%u
}
# Every spec's inbox keeps a connection open as the same user (the default allows 10 per user and IP).
protocol imap {
  mail_max_userip_connections = 200
}
service imap-login {
  inet_listener imap {
    address = ${HOST}
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
`;
}

/** Resolves once Dovecot answers with its full greeting (the auth process is up), rejects if it exits. */
function waitReady(child: ChildProcess, port: number, stderr: () => string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (err?: Error) => {
      if (done) return;
      done = true;
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve();
    };
    const onExit = (code: number | null) => finish(new Error(`dovecot exited (${code}): ${stderr()}`));
    child.on('exit', onExit);
    const attempt = () => {
      if (done) return;
      if (Date.now() > deadline) return finish(new Error(`dovecot not ready on ${port}: ${stderr()}`));
      const socket = connect(port, HOST);
      let greeting = '';
      const retry = () => {
        socket.destroy();
        setTimeout(attempt, 20);
      };
      socket.on('error', retry);
      socket.on('data', (chunk: Buffer) => {
        greeting += chunk.toString('latin1');
        // Before auth is up Dovecot first says "* OK Waiting for authentication process to respond..".
        if (greeting.includes('[CAPABILITY')) {
          socket.destroy();
          finish();
        }
      });
      socket.on('close', () => {
        if (!done && !greeting.includes('[CAPABILITY')) retry();
      });
    };
    attempt();
  });
}

export async function startDovecot(): Promise<TestDovecot> {
  const dir = mkdtempSync(join(tmpdir(), 'dovecot-test-'));
  const me = userInfo();
  const root = me.uid === 0;
  const nobody = systemUser('nobody') ?? { uid: 65534, gid: 65534 };
  const users = root
    ? { mail: nobody, login: systemUser('dovenull') ? 'dovenull' : 'nobody', internal: 'root' }
    : { mail: { uid: me.uid, gid: me.gid }, login: me.username, internal: me.username };
  const user = 'tester';
  const password = randomBytes(12).toString('hex');
  writeFileSync(join(dir, 'passwd'), `${user}:{PLAIN}${password}\n`, { mode: 0o600 });
  mkdirSync(join(dir, 'mail'));
  if (root) {
    chmodSync(dir, 0o711); // the mail processes (as nobody) must reach mail/
    chownSync(join(dir, 'mail'), nobody.uid, nobody.gid);
  }

  const launch = async (port: number): Promise<ChildProcess> => {
    rmSync(join(dir, 'run'), { recursive: true, force: true });
    writeFileSync(join(dir, 'dovecot.conf'), config(dir, port, users));
    let stderr = '';
    const proc = spawn(DOVECOT, ['-F', '-c', join(dir, 'dovecot.conf')], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    proc.stderr!.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    const log = () => {
      const file = join(dir, 'dovecot.log');
      return `${stderr}${existsSync(file) ? readFileSync(file, 'utf8') : ''}`;
    };
    try {
      await waitReady(proc, port, log);
      return proc;
    } catch (err) {
      proc.kill('SIGKILL');
      throw Object.assign(err as Error, { addressInUse: /Address already in use/.test(log()) });
    }
  };
  const halt = async (proc: ChildProcess) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 2000);
    await exited;
    clearTimeout(timer);
  };

  let port = 0;
  let proc: ChildProcess | undefined;
  for (let attempt = 1; !proc; attempt++) {
    port = await freePort();
    try {
      proc = await launch(port);
    } catch (err) {
      // Another process may have taken the port between freePort() and Dovecot's bind: try another.
      if (attempt >= 3 || !(err as { addressInUse?: boolean }).addressInUse) {
        rmSync(dir, { recursive: true, force: true });
        throw err;
      }
    }
  }
  // Should the worker exit without stop(), do not leave Dovecot behind.
  const killOnExit = () => proc?.kill('SIGKILL');
  process.once('exit', killOnExit);

  const client = async <T>(fn: (c: ImapFlow) => Promise<T>): Promise<T> => {
    const c = new ImapFlow({
      host: HOST,
      port,
      secure: false,
      auth: { user, pass: password },
      logger: false,
    });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.logout().catch(() => c.close());
    }
  };

  return {
    host: HOST,
    port,
    user,
    password,
    async append(raw, mailbox = 'INBOX') {
      await client(async (c) => {
        const ok = await c.append(mailbox, raw);
        if (!ok) throw new Error(`APPEND to ${mailbox} failed`);
      });
    },
    async createMailbox(name) {
      await client((c) => c.mailboxCreate(name));
    },
    async recreateMailbox(mailbox = 'INBOX') {
      // Dovecot refuses to rename or delete INBOX, so this goes under IMAP: with the server stopped,
      // the mailbox's UID list and indexes are removed; the next session rescans the maildir and
      // assigns a new UIDVALIDITY (from the dovecot-uidvalidity counter, so always a new value) and UIDs
      // from 1 in delivery order. Open sessions are cut, as when a real server rebuilds a mailbox.
      const home = join(dir, 'mail', user);
      const box = mailbox.toUpperCase() === 'INBOX' ? home : join(home, `.${mailbox}`);
      if (!/^[\w .-]+$/.test(mailbox) || !existsSync(join(box, 'cur')))
        throw new Error(`no mailbox ${mailbox}`);
      await halt(proc!);
      for (const [folder, pattern] of [
        [box, /^dovecot(-uidlist|\.index)/],
        [home, /^dovecot\.list\.index/],
      ] as const) {
        for (const f of readdirSync(folder)) if (pattern.test(f)) rmSync(join(folder, f));
      }
      proc = await launch(port);
    },
    async stop() {
      process.off('exit', killOnExit);
      if (proc) await halt(proc);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
