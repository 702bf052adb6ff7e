// Compensation (QP-14, issue 18 item 4), exactly the procedure's steps with the four roles: the manager
// verifies the case and estimates the amount (Bs) with the reason; finance hears of it, sees it in its own
// queue — the customer's name, service number, amount, reason and team, never the conversation — and
// credits it with a reference; the follow-up's owner tells the customer (the message goes out through the
// conversation's channel, to the integrator's endpoint, with the amount) or logs a call; the manager
// closes it and its follow-up. Each role is refused the steps that are not theirs (403 with a code), an
// agent everything; a step out of order is a 409. The report's amounts by month, reason and team equal
// a hand count.
import { eq } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compensations } from '#server/db/followup-schema.ts';
import { contacts } from '#server/db/schema.ts';
import { accountTimeZone, localDay } from '#server/quality/sampling-week.ts';
import { eventually, startTestHub, type TestHub } from '#tests/helpers/hub.ts';
import { startWebhookReceiver } from '#tests/helpers/webhook-receiver.ts';
import { expectError, listen, seedFollowUpWorld } from './world.ts';

let t: TestHub;
let w: Awaited<ReturnType<typeof seedFollowUpWorld>>;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let financeHeard: any[];
let ownerHeard: any[];
let team: string;
let otherTeam: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  t = await startTestHub();
  receiver = await startWebhookReceiver();
  w = await seedFollowUpWorld(t, 'Compensation', receiver.url);
  financeHeard = await listen(t, w.finance.token, sockets);
  ownerHeard = await listen(t, w.followUp.token, sockets);
  team = (await w.admin.post('/teams', { name: 'Technical', memberIds: [w.agent.id] })).body.data.id;
  otherTeam = (await w.admin.post('/teams', { name: 'Billing', memberIds: [w.agent.id] })).body.data.id;
}, 60_000);
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await t?.destroy();
  await receiver?.close();
});

/** A complaint's follow-up (owned by the follow-up employee), forwarded to a team when asked. */
async function complaint(customer: string, forwardTo?: string) {
  const c = await w.conversation(customer);
  await w.admin.post(`/conversations/${c.id}/category`, { category: 'complaint' });
  const f = (await w.manager.api.get('/follow-ups')).body.data.find((x: any) => x.conversationId === c.id);
  expect(f.ownerId).toBe(w.followUp.id);
  if (forwardTo)
    expect(
      (await w.manager.api.post(`/follow-ups/${f.id}/forward`, { teamId: forwardTo, note: 'check' })).status,
    ).toBe(200);
  return { conversation: c, followUp: f.id as string };
}

describe('the whole compensation path', () => {
  it('manager estimates, finance credits, the owner tells by message, the manager closes; each refused the others’ steps', async () => {
    const { conversation, followUp } = await complaint('Rosa Refund', team);
    await t.hub.ctx.db
      .update(contacts)
      .set({ attributes: { serviceNumber: '2251234' } })
      .where(eq(contacts.id, Number(conversation.contactId)));
    const body = { amount: 45.5, reason: 'service_outage' };

    // Estimate: the manager's. Finance, the follow-up employee and an agent are refused.
    expectError(await w.finance.api.post(`/follow-ups/${followUp}/compensation`, body), 403, 'not_manager');
    expectError(await w.followUp.api.post(`/follow-ups/${followUp}/compensation`, body), 403, 'not_manager');
    expectError(await w.agent.api.post(`/follow-ups/${followUp}/compensation`, body), 403, 'not_manager');
    expectError(
      await w.manager.api.post(`/follow-ups/${followUp}/compensation`, { amount: -3, reason: 'x' }),
      400,
      'validation_failed',
    );
    expectError(
      await w.manager.api.post(`/follow-ups/${followUp}/compensation`, { amount: 1.234, reason: 'x' }),
      400,
      'validation_failed',
    );
    expectError(
      await w.manager.api.post(`/follow-ups/${followUp}/compensation`, { amount: 10 }),
      400,
      'validation_failed',
    );
    const est = await w.manager.api.post(`/follow-ups/${followUp}/compensation`, body);
    expect(est.status, JSON.stringify(est.body)).toBe(201);
    const id = est.body.data.id as string;
    expect(est.body.data).toMatchObject({
      status: 'estimated',
      amount: '45.50',
      reason: 'service_outage',
      customerName: 'Rosa Refund',
      serviceNumber: '2251234',
      teamId: team,
      teamName: 'Technical',
      estimatedById: w.manager.id,
    });
    expectError(
      await w.manager.api.post(`/follow-ups/${followUp}/compensation`, body),
      409,
      'already_compensated',
    );
    await eventually(async () =>
      financeHeard.find((n) => n.type === 'compensation.estimated' && n.compensationId === id),
    );

    // Finance's own queue: only what the credit needs; the conversation stays closed to finance.
    const queue = await w.finance.api.get('/compensations?status=estimated');
    expect(queue.status).toBe(200);
    const item = queue.body.data.find((x: any) => x.id === id);
    expect(Object.keys(item).sort()).toEqual(Object.keys(est.body.data).sort());
    expect(JSON.stringify(queue.body)).not.toContain('internet was down');
    expect(JSON.stringify(queue.body)).not.toContain('"conversationId"');
    expectError(await w.finance.api.get(`/conversations/${conversation.id}`), 404, 'not_found');
    expectError(await w.finance.api.get(`/conversations/${conversation.id}/messages`), 404, 'not_found');
    expectError(await w.finance.api.get(`/follow-ups/${followUp}`), 403, 'forbidden');
    expectError(await w.agent.api.get('/compensations'), 403, 'forbidden');

    // Out of order: nothing is told, closed before the credit.
    expectError(
      await w.followUp.api.post(`/compensations/${id}/tell`, { via: 'call' }),
      409,
      'invalid_state',
    );
    expectError(await w.manager.api.post(`/compensations/${id}/close`), 409, 'invalid_state');
    // Credit: finance's. The manager, the follow-up employee and an agent are refused.
    const ref = { reference: 'NC-2026-0042' };
    expectError(await w.manager.api.post(`/compensations/${id}/credit`, ref), 403, 'not_finance');
    expectError(await w.followUp.api.post(`/compensations/${id}/credit`, ref), 403, 'not_finance');
    expectError(await w.agent.api.post(`/compensations/${id}/credit`, ref), 403, 'not_finance');
    expectError(await w.admin.post(`/compensations/${id}/credit`, ref), 403, 'not_finance');
    expectError(await w.finance.api.post(`/compensations/${id}/credit`, {}), 400, 'validation_failed');
    expectError(await w.finance.api.post('/compensations/999999999/credit', ref), 404, 'not_found');
    const credited = await w.finance.api.post(`/compensations/${id}/credit`, ref);
    expect(credited.status, JSON.stringify(credited.body)).toBe(200);
    expect(credited.body.data).toMatchObject({
      status: 'credited',
      creditReference: 'NC-2026-0042',
      creditedById: w.finance.id,
    });
    expectError(await w.finance.api.post(`/compensations/${id}/credit`, ref), 409, 'invalid_state');
    expect(
      (await w.finance.api.get('/compensations?status=estimated')).body.data.map((x: any) => x.id),
    ).not.toContain(id);
    await eventually(async () =>
      ownerHeard.find((n) => n.type === 'compensation.credited' && n.compensationId === id),
    );

    // Tell: the follow-up's owner. The manager, finance and an agent are refused.
    expectError(
      await w.manager.api.post(`/compensations/${id}/tell`, { via: 'message' }),
      403,
      'not_followup_owner',
    );
    expectError(
      await w.finance.api.post(`/compensations/${id}/tell`, { via: 'message' }),
      403,
      'not_followup_owner',
    );
    expectError(
      await w.agent.api.post(`/compensations/${id}/tell`, { via: 'message' }),
      403,
      'not_followup_owner',
    );
    expectError(
      await w.followUp.api.post(`/compensations/${id}/tell`, { via: 'pigeon' }),
      400,
      'validation_failed',
    );
    expectError(await w.manager.api.post(`/compensations/${id}/close`), 409, 'invalid_state');
    const told = await w.followUp.api.post(`/compensations/${id}/tell`, {
      via: 'message',
      note: 'sent on the chat',
    });
    expect(told.status, JSON.stringify(told.body)).toBe(200);
    expect(told.body.data).toMatchObject({ status: 'told', toldVia: 'message', toldById: w.followUp.id });
    // Out through the channel: the integrator's endpoint receives the message with the amount.
    const delivery = await eventually(async () =>
      receiver.deliveries.find(
        (d) => d.body?.event === 'message.created' && String(d.body.message?.text).includes('45.50 Bs'),
      ),
    );
    expect(delivery.body.message.text).toContain('NC-2026-0042');
    const messages = (await w.manager.api.get(`/conversations/${conversation.id}/messages`)).body.data;
    const sent = messages.find((m: any) => String(m.text).includes('45.50 Bs'));
    expect(sent).toMatchObject({ direction: 'out', private: false });
    await eventually(async () => {
      const m = (await w.manager.api.get(`/conversations/${conversation.id}/messages`)).body.data.find(
        (x: any) => x.id === sent.id,
      );
      return m.status === 'sent' || m.status === 'delivered';
    });
    expectError(
      await w.followUp.api.post(`/compensations/${id}/tell`, { via: 'call' }),
      409,
      'invalid_state',
    );

    // Close: the manager's; it closes the follow-up too.
    expectError(await w.finance.api.post(`/compensations/${id}/close`), 403, 'not_manager');
    expectError(await w.followUp.api.post(`/compensations/${id}/close`), 403, 'not_manager');
    expectError(await w.agent.api.post(`/compensations/${id}/close`), 403, 'not_manager');
    const closed = await w.manager.api.post(`/compensations/${id}/close`);
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body.data).toMatchObject({ status: 'closed', closedById: w.manager.id });
    expectError(await w.manager.api.post(`/compensations/${id}/close`), 409, 'invalid_state');

    const fu = (await w.manager.api.get(`/follow-ups/${followUp}`)).body;
    expect(fu.data.status).toBe('closed');
    expect(fu.compensation.status).toBe('closed');
    expect(fu.events.map((e: any) => [e.type, e.actorId])).toEqual([
      ['follow_up.opened', String(w.acct.admin.id)],
      ['follow_up.forwarded', w.manager.id],
      ['compensation.estimated', w.manager.id],
      ['compensation.credited', w.finance.id],
      ['compensation.told', w.followUp.id],
      ['compensation.closed', w.manager.id],
      ['follow_up.closed', w.manager.id],
    ]);
    expect(fu.events[3].data).toMatchObject({ reference: 'NC-2026-0042' });
    expect(fu.events[4].data).toMatchObject({ via: 'message', messageId: sent.id, note: 'sent on the chat' });
    expectError(await w.manager.api.post(`/follow-ups/${followUp}/compensation`, body), 409, 'invalid_state');
  });

  it('a logged call sends nothing; the follow-up employee lists only theirs', async () => {
    const { conversation, followUp } = await complaint('Carlos Call');
    const id = (
      await w.manager.api.post(`/follow-ups/${followUp}/compensation`, {
        amount: 20,
        reason: 'billing_error',
      })
    ).body.data.id;
    expect((await w.finance.api.post(`/compensations/${id}/credit`, { reference: 'NC-7' })).status).toBe(200);
    const told = await w.followUp.api.post(`/compensations/${id}/tell`, {
      via: 'call',
      note: 'called at 10:05',
    });
    expect(told.body.data).toMatchObject({ status: 'told', toldVia: 'call' });
    const messages = (await w.manager.api.get(`/conversations/${conversation.id}/messages`)).body.data;
    expect(messages.filter((m: any) => m.direction === 'out')).toEqual([]);
    const mine = (await w.followUp.api.get('/compensations')).body.data;
    expect(mine.map((x: any) => x.id)).toContain(id);
  });
});

describe('the report', () => {
  it('sums amounts by month, reason and team as a hand count does', async () => {
    const rows: { amount: number; reason: string; team?: string; month?: string }[] = [
      { amount: 10.25, reason: 'outage', team },
      { amount: 4.75, reason: 'outage', team },
      { amount: 30, reason: 'outage', team: otherTeam },
      { amount: 12, reason: 'billing', team },
      { amount: 7.5, reason: 'outage', team, month: '2020-05-15T12:00:00Z' },
      { amount: 99, reason: 'outage', team, month: '2019-01-15T12:00:00Z' },
    ];
    const fresh = new Set<string>();
    for (const r of rows) {
      const { followUp } = await complaint(`Report ${r.amount}`, r.team);
      const c = (
        await w.manager.api.post(`/follow-ups/${followUp}/compensation`, {
          amount: r.amount,
          reason: r.reason,
        })
      ).body.data;
      fresh.add(c.id);
      if (r.month)
        await t.hub.ctx.db
          .update(compensations)
          .set({ estimatedAt: new Date(r.month) })
          .where(eq(compensations.id, Number(c.id)));
    }
    const res = await w.finance.api.get('/compensations/report?from=2020-05-01&to=2099-12-31');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // The earlier specs' compensations: 45.50 service_outage and 20 billing_error, this month.
    const zone = await accountTimeZone(t.hub.ctx, w.acct.accountId);
    const now = localDay(t.hub.ctx.clock.now(), zone).slice(0, 7);
    const key = (r: any) => `${r.month}|${r.reason}|${r.teamName}`;
    const got = Object.fromEntries(res.body.data.rows.map((r: any) => [key(r), [r.count, r.amount]]));
    expect(got).toEqual({
      '2020-05|outage|Technical': [1, '7.50'],
      [`${now}|billing|Technical`]: [1, '12.00'],
      [`${now}|billing_error|null`]: [1, '20.00'],
      [`${now}|outage|Billing`]: [1, '30.00'],
      [`${now}|outage|Technical`]: [2, '15.00'],
      [`${now}|service_outage|Technical`]: [1, '45.50'],
    });
    expect(res.body.data.total).toBe('130.00');
    expectError(
      await w.agent.api.get('/compensations/report?from=2020-05-01&to=2099-12-31'),
      403,
      'forbidden',
    );
    expectError(
      await w.followUp.api.get('/compensations/report?from=2020-05-01&to=2099-12-31'),
      403,
      'forbidden',
    );
    expectError(await w.manager.api.get('/compensations/report?from=2020-05-01'), 400, 'validation_failed');
    expectError(await w.manager.api.get('/compensations/report?from=May&to=June'), 400, 'validation_failed');
    expect(
      (await w.manager.api.get('/compensations/report?from=2019-01-01&to=2019-01-31')).body.data.total,
    ).toBe('99.00');
  });
});
