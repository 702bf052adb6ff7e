// E-mail ingest benchmark: how fast the hub takes in a mailbox's backlog (after an outage, or when an
// inbox is added), against two baselines measured in the same run:
//   - "IMAP + parse": the same mails fetched from the same Dovecot and parsed with mailparser, no hub —
//     the ceiling for any hub that reads this mailbox;
//   - "INSERT": N sequential one-row autocommit INSERTs on the hub's own database.
// Hub path: the inbox is created with N mails waiting; timed until N messages are stored. The protocol
// runs (classification), the acknowledgement is off so the outbox does not compete.
//
//   npx tsx bench/email.ts     env: BENCH_MAILS (500), BENCH_ENGINES (pglite,postgres), BENCH_TIMEOUT_MS,
//                              BENCH_DATABASE_URL | TEST_DATABASE_URL (postgres://postgres@127.0.0.1:5432/test)
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { count, eq } from 'drizzle-orm';
import { ImapFlow } from 'imapflow';
import { parseMail } from '#channels/email/parse-mail.ts';
import { messages } from '#server/db/schema.ts';
import { mail } from '#tests/channels/email/mails.ts';
import { startDovecot, type TestDovecot } from '#tests/helpers/dovecot.ts';
import { seedAccount } from '#tests/helpers/hub.ts';
import {
  baseline,
  baselineRunner,
  type Engine,
  envInt,
  loadavg,
  startBenchHub,
  type Timed,
  table,
} from './lib.ts';

const body = (i: number) =>
  `Buenos días, mi línea ${7000000 + i} no tiene señal desde el lunes. Solicito una revisión técnica.\n\n` +
  `Saludos,\nCliente ${i}`;

const imapOf = (imap: TestDovecot) =>
  new ImapFlow({
    host: imap.host,
    port: imap.port,
    secure: false,
    auth: { user: imap.user, pass: imap.password },
    logger: false,
  });

async function fill(imap: TestDovecot, mailbox: string, n: number): Promise<void> {
  await imap.createMailbox(mailbox);
  const c = imapOf(imap);
  await c.connect();
  for (let i = 0; i < n; i++) {
    await c.append(
      mailbox,
      mail({ from: `Cliente ${i} <c${i}@customer.example>`, subject: `Sin señal ${i}`, body: body(i) }),
    );
  }
  await c.logout();
}

/** The mailbox read and parsed without the hub. */
async function readAndParse(imap: TestDovecot, mailbox: string): Promise<Timed> {
  const c = imapOf(imap);
  const t0 = performance.now();
  await c.connect();
  const lock = await c.getMailboxLock(mailbox);
  let rows = 0;
  try {
    for await (const m of c.fetch('1:*', { uid: true, source: true })) {
      if (m.source) await parseMail(m.source);
      rows++;
    }
  } finally {
    lock.release();
  }
  await c.logout();
  return { rows, elapsedMs: performance.now() - t0 };
}

async function benchEngine(engine: Engine, imap: TestDovecot, n: number, timeoutMs: number) {
  const t = await startBenchHub(engine);
  try {
    const acct = await seedAccount(t, 'Bench');
    const mailbox = `Bench-${engine}`;
    await fill(imap, mailbox, n);
    const { run, server, close } = await baselineRunner(t);
    const insert = await baseline(run, 'bench_email_baseline', n, 50, body);
    await close();
    const parse = await readAndParse(imap, mailbox);

    const api = (path: string, payload: unknown) =>
      fetch(`${t.url}/api/v1${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${acct.adminToken}` },
        body: JSON.stringify(payload),
      });
    const t0 = performance.now();
    const res = await api('/inboxes', {
      name: 'Bench mailbox',
      channel: 'email',
      config: {
        imap: {
          host: imap.host,
          port: imap.port,
          secure: false,
          user: imap.user,
          password: imap.password,
          mailbox,
        },
        // Nothing is sent in this run; the SMTP settings are only required by the config.
        smtp: { host: '127.0.0.1', port: 2, secure: false, user: 'x', password: 'x' },
        fromAddress: 'support@bench.example',
      },
      settings: { acknowledgement: false, followUp: false },
    });
    if (res.status !== 201) throw new Error(`inbox creation answered ${res.status}: ${await res.text()}`);
    const inboxId = Number(((await res.json()) as { data: { id: string } }).data.id);
    let stored = 0;
    while (stored < n) {
      if (performance.now() - t0 > timeoutMs) throw new Error(`only ${stored}/${n} mails stored in time`);
      await new Promise((r) => setTimeout(r, 20));
      const [row] = await t.hub.ctx.db
        .select({ n: count() })
        .from(messages)
        .where(eq(messages.inboxId, inboxId));
      stored = row.n;
    }
    const hub: Timed = { rows: stored, elapsedMs: performance.now() - t0 };
    return { engine, server, hub, insert, parse };
  } finally {
    await t.destroy();
  }
}

async function main() {
  const n = envInt('BENCH_MAILS', 500);
  const timeoutMs = envInt('BENCH_TIMEOUT_MS', 300_000);
  const engines = (process.env.BENCH_ENGINES ?? 'pglite,postgres')
    .split(',')
    .map((e) => e.trim())
    .filter((e): e is Engine => e === 'pglite' || e === 'postgres');
  const cpus = os.cpus();
  console.log('# bench/email — mailbox backlog into the hub vs IMAP+parse alone and a bare INSERT loop');
  console.log(
    `machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown cpu'}, node ${process.version}, ` +
      `load average ${loadavg()}; ${n} mails in a private Dovecot on loopback`,
  );
  const imap = await startDovecot();
  const results = [];
  try {
    for (const engine of engines) {
      results.push(await benchEngine(engine, imap, n, timeoutMs));
      console.log(`${engine}: ${results.at(-1)!.server}; load average now ${loadavg()}`);
    }
  } finally {
    await imap.stop();
  }
  const rate = (x: Timed) => (x.rows / x.elapsedMs) * 1000;
  console.log(
    `\n${table(
      ['engine', 'hub mails/s', 'IMAP+parse mails/s', 'INSERT rows/s', 'hub / IMAP+parse', 'hub / INSERT'],
      results.map((r) => [
        r.engine,
        rate(r.hub).toFixed(0),
        rate(r.parse).toFixed(0),
        rate(r.insert).toFixed(0),
        `${(rate(r.hub) / rate(r.parse)).toFixed(3)}×`,
        `${(rate(r.hub) / rate(r.insert)).toFixed(3)}×`,
      ]),
    )}`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
