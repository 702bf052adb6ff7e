// A hub process killed in the middle of a delivery (kill -9: no shutdown, nothing given back) leaves its
// reply's job running in the queue. The next hub on the same database gives it back within seconds and
// the reply goes, instead of waiting for the queue's two-minute expiry (it used to sit `queued` for about
// three minutes). The cut-off attempt may have reached the receiver: the retry carries the same
// X-Hub-Delivery id, for the receiver to drop it.
import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, expect, it } from 'vitest';
import { client, eventually, incoming, seedAccount, startTestHub, type TestHub } from '#tests/helpers/hub.ts';
import { startWebhookReceiver } from '#tests/helpers/webhook-receiver.ts';

let t: TestHub | undefined;
let child: ChildProcess | undefined;
const receiver = await startWebhookReceiver();
afterAll(async () => {
  child?.kill('SIGKILL');
  await receiver.close();
  await t?.destroy();
});

/** The hub as `npm start` runs it, on the test's data directory or database, in a process of its own. */
function hubProcess(hub: TestHub): { process: ChildProcess; url: Promise<string> } {
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: hub.dataDir,
    HUB_SECRET: 'test-secret-test-secret-test-secret-0123',
    SEED_DEMO: 'false',
    LOG_LEVEL: 'error',
    QUEUE_POLL_SECONDS: '0.5',
    OUTBOX_RETRY_DELAY_SECONDS: '1',
  };
  if (hub.databaseUrl) env.DATABASE_URL = hub.databaseUrl;
  else delete env.DATABASE_URL;
  const p = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const url = new Promise<string>((resolve, reject) => {
    p.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Agent console : (http:\/\/\S+?)\/\s/.exec(out);
      if (m) resolve(m[1]);
    });
    p.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
    });
    p.once('exit', (code) => reject(new Error(`the hub process exited (${code}) before serving: ${err}`)));
  });
  return { process: p, url };
}

it('delivers a reply within seconds after the hub sending it was killed', async () => {
  t = await startTestHub();
  const acct = await seedAccount(t);
  const inbox = await acct.apiInbox(receiver.url);
  const r = await incoming(t.url, inbox, {
    externalId: 'cr-1',
    contact: { externalId: 'c-cr' },
    text: 'hola',
  });
  const conversationId = r.body.data.conversation.id;
  await t.stop();

  const running = hubProcess(t);
  child = running.process;
  const url = await running.url;
  // The first attempt is held open by the receiver; every later one is accepted.
  receiver.answer('hang');
  receiver.always({ status: 200 });
  const reply = await client(url, acct.adminToken).post(`/conversations/${conversationId}/messages`, {
    text: 'sent as the hub died',
  });
  expect(reply.status).toBe(201);
  const messageId = reply.body.data.id;
  const arrivals = () => receiver.deliveries.filter((d) => d.body?.message?.id === messageId);
  await eventually(async () => arrivals().length === 1, 60_000);
  const exited = new Promise((resolve) => child!.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;

  t = await t.restart();
  const status = async () =>
    (await client(t!.url, acct.adminToken).get(`/conversations/${conversationId}/messages`)).body.data.find(
      (m: { id: string }) => m.id === messageId,
    )?.status;
  // Well inside the queue's own expiry (120 s): a guessed bound would be a timed test, the expiry is not.
  await eventually(async () => (await status()) === 'sent', 60_000);
  expect(arrivals()).toHaveLength(2);
  expect(new Set(arrivals().map((d) => d.headers['x-hub-delivery']))).toEqual(new Set([messageId]));
});
