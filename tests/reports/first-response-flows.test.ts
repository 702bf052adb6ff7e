// "Within target" in the reports is the breach timer's own verdict, through the hub's real flows: a
// contact that arrives while the team is closed is judged from when it opens, and time spent pending
// (waiting on the customer) before the first answer does not count. The hub's clock moves; nothing sleeps.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceClock, settleQueue } from '#tests/helpers/clock.ts';
import { client, eventually, seedAccount, startTestHub, type TestHub } from '#tests/helpers/hub.ts';
import { serviceLevelOf, utcDay } from '#tests/helpers/reports.ts';
import { arrive, inboxForTeam, makeTeam } from '#tests/helpers/routing.ts';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => {
  await t?.stop();
});

const get = async (token: string, id: string) =>
  (await client(t.url, token).get(`/conversations/${id}`)).body.data;

describe('answered within target, as the reports count it', () => {
  it('judges a contact that came while the team was closed from the moment it opens', async () => {
    const account = await seedAccount(t);
    const admin = client(t.url, account.adminToken);
    // Open one hour the day after tomorrow (UTC): closed now, and the first open second is known.
    const now = new Date();
    const opens = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 2, 10, 0, 0));
    const hours = {
      timezone: 'UTC',
      week: [{ day: opens.getUTCDay(), from: '10:00', to: '11:00' }],
      holidays: [],
    };
    expect(
      (
        await admin.patch('/routing/settings', {
          sla: { api: { firstResponseSeconds: 20 } },
          businessHours: hours,
        })
      ).status,
    ).toBe(200);
    const team = await makeTeam(t, account, {
      name: 'Office',
      strategy: 'manual',
      memberIds: [],
      settings: { pauseSlaOutsideHours: true },
    });
    const inbox = await inboxForTeam(t, account, team);
    const early = await arrive(t, inbox, 'recarga de 50 Bs');
    const late = await arrive(t, inbox, 'recarga de 20 Bs');
    for (const id of [early, late])
      await eventually(
        async () =>
          (await get(account.adminToken, id)).firstResponseDueAt ===
          new Date(opens.getTime() + 20_000).toISOString(),
      );
    // Ten seconds after opening: within. Thirty: late. (The night before counts for nothing.)
    await advanceClock(t, opens.getTime() + 10_000 - t.hub.ctx.clock.now().getTime());
    expect((await admin.post(`/conversations/${early}/messages`, { text: 'Buenos días' })).status).toBe(201);
    await advanceClock(t, opens.getTime() + 30_000 - t.hub.ctx.clock.now().getTime());
    expect((await admin.post(`/conversations/${late}/messages`, { text: 'Buenos días' })).status).toBe(201);
    await settleQueue(t);
    const level = await serviceLevelOf(t.url, account.adminToken, 'api', now.getTime());
    expect(level).toMatchObject({
      registered: 2,
      answered: 2,
      answeredWithinTarget: 1,
      serviceLevelPercent: 50,
    });
    // The wall-clock first response is still two days: the verdict, not the seconds, follows the hours.
    expect(level.averageFirstResponseSeconds).toBeGreaterThan(86_400);
  });

  it('leaves out the time spent pending before the first answer', async () => {
    const account = await seedAccount(t);
    const admin = client(t.url, account.adminToken);
    expect(
      (await admin.patch('/routing/settings', { sla: { api: { firstResponseSeconds: 20 } } })).status,
    ).toBe(200);
    const team = await makeTeam(t, account, { name: 'Care', strategy: 'manual', memberIds: [] });
    const inbox = await inboxForTeam(t, account, team);
    const waiting = await arrive(t, inbox, 'necesito un duplicado de factura');
    const tooLate = await arrive(t, inbox, 'necesito otro duplicado');
    for (const id of [waiting, tooLate])
      await eventually(async () => (await get(account.adminToken, id)).firstResponseDueAt);
    // Set pending 5 s in (we wait on the customer's document); the other one only at 25 s, already late.
    await advanceClock(t, 5_000);
    expect((await admin.post(`/conversations/${waiting}/status`, { status: 'pending' })).status).toBe(200);
    await advanceClock(t, 20_000);
    expect((await admin.post(`/conversations/${tooLate}/status`, { status: 'pending' })).status).toBe(200);
    // An hour later an agent answers both, still pending.
    await advanceClock(t, 3_600_000);
    for (const id of [waiting, tooLate])
      expect((await admin.post(`/conversations/${id}/messages`, { text: 'Se lo envío ahora' })).status).toBe(
        201,
      );
    await settleQueue(t);
    expect(
      await serviceLevelOf(t.url, account.adminToken, 'api', t.hub.ctx.clock.now().getTime()),
    ).toMatchObject({
      registered: 2,
      answeredWithinTarget: 1,
      serviceLevelPercent: 50,
    });
    const around = t.hub.ctx.clock.now().getTime();
    const q = `from=${utcDay(around - 86_400_000)}&to=${utcDay(around + 86_400_000)}&timeZone=UTC`;
    const within = await client(t.url, account.adminToken).get(
      `/reports/conversations?metric=answered_within&${q}`,
    );
    expect(within.body.data.map((c: { id: string }) => c.id)).toEqual([waiting]);
  });
});
