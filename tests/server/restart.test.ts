// A delivery job outlives the process: the hub is stopped while the receiver holds a delivery open, then
// started again on the same database, and the message is delivered exactly once.
import { sql } from 'drizzle-orm';
import { afterAll, expect, it } from 'vitest';
import { client, eventually, incoming, seedAccount, startTestHub, type TestHub } from '#tests/helpers/hub.ts';
import { startWebhookReceiver } from '#tests/helpers/webhook-receiver.ts';

let t: TestHub | undefined;
const receiver = await startWebhookReceiver();
afterAll(async () => {
  await receiver.close();
  await t?.destroy();
});

it('delivers a message once after the hub was stopped in the middle of sending it', async () => {
  t = await startTestHub();
  const acct = await seedAccount(t);
  const inbox = await acct.apiInbox(receiver.url);
  const r = await incoming(t.url, inbox, { externalId: 'rs-1', contact: { externalId: 'c-rs' }, text: 'hi' });
  const conversationId = r.body.data.conversation.id;

  receiver.answer('hang');
  receiver.always({ status: 200 });
  const reply = await client(t.url, acct.adminToken).post(`/conversations/${conversationId}/messages`, {
    text: 'survives restarts',
  });
  const messageId = reply.body.data.id;
  // The first attempt is in flight, held open by the receiver: stop the hub now.
  await eventually(async () => receiver.deliveries.length === 1);
  await t.stop();

  const statusIn = async (hub: TestHub) =>
    (await client(hub.url, acct.adminToken).get(`/conversations/${conversationId}/messages`)).body.data.find(
      (m: any) => m.id === messageId,
    )?.status;
  t = await t.restart();
  await eventually(async () => (await statusIn(t!)) === 'sent', 30_000);
  const arrivals = receiver.deliveries.filter((d) => d.body?.message?.id === messageId);
  // One attempt was cut off by the stop (never answered); exactly one was accepted after the restart.
  expect(arrivals).toHaveLength(2);
  expect(new Set(arrivals.map((d) => d.headers['x-hub-delivery']))).toEqual(new Set([messageId]));
  // And no job for it is left to run again.
  const pending = await t.hub.ctx.db.execute(
    sql`select count(*)::int as n from pgboss.job where data->>'messageId' = ${messageId} and state in ('created', 'retry', 'active')`,
  );
  expect((pending as unknown as { rows: { n: number }[] }).rows[0].n).toBe(0);
});
