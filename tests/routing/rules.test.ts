// Routing rules (keywords, category, contact attributes, language, business hours) set team and priority;
// the offline path; the visitor's place in the queue pushed to the widget socket; business-hours maths.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addBusinessSeconds, businessSecondsBetween, isOpen } from '#server/routing/business-hours.ts';
import { client, eventually, incoming, seedAccount, startTestHub, type TestHub } from '../helpers/hub.ts';
import { arrive, inboxForTeam, makeTeam, onlineAgents } from '../helpers/routing.ts';
import { closeAllVisitors, connectVisitor, webchatInbox } from '../helpers/widget.ts';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => {
  closeAllVisitors();
  await t.destroy();
});

const get = async (token: string, id: string) =>
  (await client(t.url, token).get(`/conversations/${id}`)).body.data;

describe('routing rules', () => {
  it('sends billing words to billing with high priority, VIPs to their team, and the rest to the inbox team', async () => {
    const account = await seedAccount(t);
    const admin = client(t.url, account.adminToken);
    const care = await makeTeam(t, account, { name: 'Care', strategy: 'manual', memberIds: [] });
    const billing = await makeTeam(t, account, { name: 'Billing', strategy: 'manual', memberIds: [] });
    const vip = await makeTeam(t, account, { name: 'VIP', strategy: 'manual', memberIds: [] });
    const inbox = await inboxForTeam(t, account, care);
    const r1 = await admin.post('/routing/rules', {
      name: 'VIP customers',
      conditions: { contactAttributes: { segment: 'vip' } },
      actions: { teamId: vip, priority: 'urgent' },
    });
    expect(r1.status).toBe(201);
    const r2 = await admin.post('/routing/rules', {
      name: 'Billing',
      conditions: { categories: ['billing'] },
      actions: { teamId: billing, priority: 'high' },
    });
    expect(r2.body.data.position).toBe(1);
    const bad = await admin.post('/routing/rules', { name: 'x', conditions: {}, actions: {} });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    const foreign = await admin.post('/routing/rules', {
      name: 'x',
      conditions: {},
      actions: { teamId: '999999' },
    });
    expect(foreign.status).toBe(400);

    const invoice = await arrive(t, inbox, 'Me llegó la FACTURA con un cobro doble');
    const plain = await arrive(t, inbox, 'Quisiera saber el horario de atención');
    expect(await get(account.adminToken, invoice)).toMatchObject({ teamId: billing, priority: 'high' });
    expect(await get(account.adminToken, plain)).toMatchObject({ teamId: care, priority: 'normal' });

    // A VIP: the contact attribute is set before their next conversation.
    const first = await incoming(t.url, inbox, {
      externalId: 'vip-1',
      contact: { externalId: 'vip-ana' },
      text: 'hola',
    });
    const contactId = first.body.data.conversation.contactId;
    expect((await admin.patch(`/contacts/${contactId}`, { attributes: { segment: 'vip' } })).status).toBe(
      200,
    );
    expect(
      (await admin.post(`/conversations/${first.body.data.conversation.id}/status`, { status: 'resolved' }))
        .status,
    ).toBe(200);
    const again = await incoming(t.url, inbox, {
      externalId: 'vip-2',
      contact: { externalId: 'vip-ana' },
      text: 'otra consulta sobre mi factura',
      threadKey: 'vip-ana-2',
    });
    expect(await get(account.adminToken, again.body.data.conversation.id)).toMatchObject({
      teamId: vip,
      priority: 'urgent',
    });
    const events = (await admin.get(`/conversations/${invoice}/events`)).body.data;
    expect(events.find((e: { type: string }) => e.type === 'routing.rule_matched').data.ruleId).toBe(
      r2.body.data.id,
    );

    // Disabled rules are skipped; rules are listed in order.
    expect((await admin.patch(`/routing/rules/${r2.body.data.id}`, { enabled: false })).status).toBe(200);
    const later = await arrive(t, inbox, 'otra factura');
    expect((await get(account.adminToken, later)).teamId).toBe(care);
    const list = (await admin.get('/routing/rules')).body.data;
    expect(list.map((r: { name: string }) => r.name)).toEqual(['VIP customers', 'Billing']);
    expect((await admin.raw('DELETE', `/routing/rules/${r1.body.data.id}`)).status).toBe(200);
    expect((await admin.get('/routing/rules')).body.data).toHaveLength(1);
  });

  it('takes the offline path when the team is closed, and keeps it queued when there is none', async () => {
    const account = await seedAccount(t);
    const [agent] = await onlineAgents(t, account, 1, { api: 5 });
    const afterHours = await makeTeam(t, account, {
      name: 'After hours',
      strategy: 'least_busy',
      memberIds: [agent.id],
    });
    const never = { timezone: 'America/La_Paz', week: [], holidays: [] };
    const day = await makeTeam(t, account, {
      name: 'Day',
      strategy: 'least_busy',
      memberIds: [agent.id],
      settings: { businessHours: never, offlineTeamId: afterHours },
    });
    const inbox = await inboxForTeam(t, account, day);
    const id = await arrive(t, inbox);
    const c = await eventually(async () => {
      const x = await get(account.adminToken, id);
      return x.assigneeId && x;
    });
    expect(c.teamId).toBe(afterHours);
    const badHours = await client(t.url, account.adminToken).patch(`/teams/${day}`, {
      settings: { businessHours: { timezone: 'Mars/Olympus', week: [] } },
    });
    expect({ status: badHours.status, code: badHours.body.error.code }).toEqual({
      status: 422,
      code: 'unknown_time_zone',
    });
  });
});

describe('service level and business hours', () => {
  it('pauses the first-answer clock while the team is closed', async () => {
    const account = await seedAccount(t);
    const admin = client(t.url, account.adminToken);
    expect(
      (await admin.patch('/routing/settings', { sla: { api: { firstResponseSeconds: 20 } } })).status,
    ).toBe(200);
    // Open only from 10:00 to 11:00 UTC the day after tomorrow: the 20 s count from then.
    const now = new Date();
    const day = (now.getUTCDay() + 2) % 7;
    const team = await makeTeam(t, account, {
      name: 'Office',
      strategy: 'manual',
      memberIds: [],
      settings: {
        businessHours: { timezone: 'UTC', week: [{ day, from: '10:00', to: '11:00' }], holidays: [] },
        pauseSlaOutsideHours: true,
      },
    });
    const inbox = await inboxForTeam(t, account, team);
    const id = await arrive(t, inbox);
    const c = await get(account.adminToken, id);
    const opens = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 2, 10, 0, 0));
    expect(c.firstResponseDueAt).toBe(new Date(opens.getTime() + 20_000).toISOString());
  });
});

describe('queue position on the widget', () => {
  it('tells each waiting visitor their place and moves them up as chats are taken', async () => {
    const account = await seedAccount(t);
    const [agent] = await onlineAgents(t, account, 1, { webchat: 1 }, { online: false });
    const team = await makeTeam(t, account, { name: 'Web', strategy: 'least_busy', memberIds: [agent.id] });
    const inbox = await webchatInbox(t, account);
    expect(
      (await client(t.url, account.adminToken).patch(`/inboxes/${inbox.id}`, { teamId: team })).status,
    ).toBe(200);
    const ana = await connectVisitor(t, { inboxToken: inbox.token });
    const ben = await connectVisitor(t, { inboxToken: inbox.token });
    expect((await ana.emit('message:send', { clientMessageId: 'a1', text: 'hola' })).ok).toBe(true);
    await eventually(async () => ana.events['queue:position']?.at(-1)?.position === 1);
    expect((await ben.emit('message:send', { clientMessageId: 'b1', text: 'buenas' })).ok).toBe(true);
    await eventually(async () => ben.events['queue:position']?.at(-1)?.position === 2);
    expect(ana.events['queue:position'].at(-1).position).toBe(1);
    // Nobody online, no handling history: no estimate rather than a made-up one.
    expect(ben.events['queue:position'].at(-1).etaSeconds).toBeNull();
    expect((await client(t.url, agent.token).post('/me/presence', { status: 'online' })).status).toBe(200);
    await eventually(async () => ben.events['queue:position']?.at(-1)?.position === 1);
  });
});

describe('business hours', () => {
  const hours = {
    timezone: 'America/La_Paz', // UTC-4, no daylight saving
    week: [1, 2, 3, 4, 5].map((day) => ({ day, from: '08:00', to: '18:00' })),
    holidays: ['2026-12-25'],
  };
  it('is open on weekdays 08:00-18:00 La Paz time, closed at weekends and holidays', () => {
    expect(isOpen(hours, new Date('2026-11-23T12:00:00Z'))).toBe(true); // Mon 08:00 local
    expect(isOpen(hours, new Date('2026-11-23T11:59:00Z'))).toBe(false); // Mon 07:59
    expect(isOpen(hours, new Date('2026-11-23T22:00:00Z'))).toBe(false); // Mon 18:00
    expect(isOpen(hours, new Date('2026-11-28T15:00:00Z'))).toBe(false); // Saturday
    expect(isOpen(hours, new Date('2026-12-25T15:00:00Z'))).toBe(false); // holiday (Friday)
    expect(isOpen(null, new Date())).toBe(true);
  });
  it('counts service-level time only while open', () => {
    // Friday 17:59:30 local + 60 s of open time = Monday 08:00:30 local.
    const due = addBusinessSeconds(hours, new Date('2026-11-27T21:59:30Z'), 60);
    expect(due.toISOString()).toBe('2026-11-30T12:00:30.000Z');
    expect(addBusinessSeconds(null, new Date('2026-11-27T21:59:30Z'), 60).toISOString()).toBe(
      '2026-11-27T22:00:30.000Z',
    );
    // Four hours from Monday 16:00 local: two today, two on Tuesday morning.
    expect(addBusinessSeconds(hours, new Date('2026-11-23T20:00:00Z'), 4 * 3600).toISOString()).toBe(
      '2026-11-24T14:00:00.000Z',
    );
  });
  it('measures the open time left between two instants (what a paused target still has)', () => {
    // Friday 17:00 local to Monday 09:30 local: one hour on Friday, an hour and a half on Monday.
    const from = new Date('2026-11-27T21:00:00Z');
    const to = new Date('2026-11-30T13:30:00Z');
    expect(businessSecondsBetween(hours, from, to)).toBe(2.5 * 3600);
    // Counted on from another instant, it gives back the same due time.
    expect(addBusinessSeconds(hours, from, businessSecondsBetween(hours, from, to)).toISOString()).toBe(
      to.toISOString(),
    );
    expect(businessSecondsBetween(null, from, to)).toBe((to.getTime() - from.getTime()) / 1000);
    expect(businessSecondsBetween(hours, to, from)).toBe(0);
  });
});
