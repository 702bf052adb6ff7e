// The account's business hours (PATCH /routing/settings {businessHours}): every team without a calendar of
// its own follows them — the widget says offline outside them, a rule "outside hours" matches, the offline
// path is taken, the service-level clock pauses — while a team with its own hours ignores them. Calendars
// that are well-formed but impossible are refused 422 with a code, and nothing changes.
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, type SeededAccount, seedAccount, startTestHub, type TestHub } from '../helpers/hub.ts';
import { arrive, inboxForTeam, makeTeam, onlineAgents } from '../helpers/routing.ts';
import { webchatInbox } from '../helpers/widget.ts';

let t: TestHub;
const sockets: Socket[] = [];
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await t.destroy();
});

const allDays = [0, 1, 2, 3, 4, 5, 6];
/** Open all day every day (in a zone where it is not 23:59 now, the one minute such a calendar is closed). */
function alwaysOpen() {
  const now = new Date();
  const timezone = now.getUTCHours() === 23 && now.getUTCMinutes() === 59 ? 'Etc/GMT-1' : 'UTC';
  return { timezone, week: allDays.map((day) => ({ day, from: '00:00', to: '23:59' })), holidays: [] };
}
/** Open one hour, the day after tomorrow: closed now, and the first open minute is known. */
function dayAfterTomorrow() {
  const now = new Date();
  const day = (now.getUTCDay() + 2) % 7;
  const opens = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 2, 10, 0, 0));
  return {
    opens,
    hours: { timezone: 'UTC', week: [{ day, from: '10:00', to: '11:00' }], holidays: [] },
  };
}

async function setAccountHours(account: SeededAccount, businessHours: unknown) {
  const r = await client(t.url, account.adminToken).patch('/routing/settings', { businessHours });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.data;
}

const get = async (token: string, id: string) =>
  (await client(t.url, token).get(`/conversations/${id}`)).body.data;

async function agentOnSocket(account: SeededAccount) {
  const agent = await account.user('agent', 'on duty');
  const socket = connect(`${t.url}/agent`, { auth: { token: agent.token }, transports: ['websocket'] });
  sockets.push(socket);
  await new Promise((resolve) => socket.on('connect', () => resolve(null)));
}

describe('account business hours', () => {
  it('are kept with the routing settings, with named holidays, and can be cleared', async () => {
    const account = await seedAccount(t);
    const admin = client(t.url, account.adminToken);
    expect((await admin.get('/routing/settings')).body.data.businessHours).toBeNull();
    const bolivia = {
      timezone: 'America/La_Paz',
      week: [
        ...[1, 2, 3, 4, 5].map((day) => ({ day, from: '08:00', to: '20:00' })),
        { day: 6, from: '09:00', to: '13:00' },
      ],
      holidays: [{ date: '2026-08-06', name: 'Día de la Independencia' }],
    };
    await setAccountHours(account, bolivia);
    const read = (await admin.get('/routing/settings')).body.data;
    expect(read.businessHours).toEqual(bolivia);
    // The other settings are untouched by a change of hours.
    expect(read.unansweredSeconds).toBe(60);
    await setAccountHours(account, null);
    expect((await admin.get('/routing/settings')).body.data.businessHours).toBeNull();
  });

  it('close the widget of a team without hours, and not of a team with its own', async () => {
    const account = await seedAccount(t);
    const admin = client(t.url, account.adminToken);
    const follows = await makeTeam(t, account, { name: 'Care', strategy: 'manual', memberIds: [] });
    const own = await makeTeam(t, account, {
      name: 'Night',
      strategy: 'manual',
      memberIds: [],
      settings: { businessHours: alwaysOpen() },
    });
    const careChat = await webchatInbox(t, account);
    const nightChat = await webchatInbox(t, account);
    expect((await admin.patch(`/inboxes/${careChat.id}`, { teamId: follows })).status).toBe(200);
    expect((await admin.patch(`/inboxes/${nightChat.id}`, { teamId: own })).status).toBe(200);
    await agentOnSocket(account);
    const online = async (token: string) =>
      (await client(t.url).get(`/widget/config?inbox=${token}`)).body.data.online;

    // No calendar anywhere: open, as before account hours existed.
    expect(await online(careChat.token)).toBe(true);
    await setAccountHours(account, dayAfterTomorrow().hours);
    expect(await online(careChat.token)).toBe(false);
    expect(await online(nightChat.token)).toBe(true);
    // A holiday today closes the account's calendar even inside its hours.
    const today = new Date().toISOString().slice(0, 10);
    await setAccountHours(account, { ...alwaysOpen(), holidays: [{ date: today, name: 'Feriado' }] });
    expect(await online(careChat.token)).toBe(false);
    await setAccountHours(account, alwaysOpen());
    expect(await online(careChat.token)).toBe(true);
  });

  it('make a rule "outside hours" match for a team without hours, and not for a team with its own', async () => {
    const account = await seedAccount(t);
    const admin = client(t.url, account.adminToken);
    const follows = await makeTeam(t, account, { name: 'Care', strategy: 'manual', memberIds: [] });
    const own = await makeTeam(t, account, {
      name: 'Night',
      strategy: 'manual',
      memberIds: [],
      settings: { businessHours: alwaysOpen() },
    });
    const afterHours = await makeTeam(t, account, { name: 'After hours', strategy: 'manual', memberIds: [] });
    for (const [name, teamId, priority] of [
      ['Night closed', own, 'urgent'],
      ['Care closed', follows, 'high'],
    ] as const) {
      const r = await admin.post('/routing/rules', {
        name,
        conditions: { keywords: [name.split(' ')[0].toLowerCase()], time: { teamId, inside: false } },
        actions: { priority, teamId: afterHours },
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
    const inbox = await inboxForTeam(t, account, follows);
    await setAccountHours(account, dayAfterTomorrow().hours);
    const care = await get(account.adminToken, await arrive(t, inbox, 'care: hola'));
    expect({ teamId: care.teamId, priority: care.priority }).toEqual({
      teamId: afterHours,
      priority: 'high',
    });
    const night = await get(account.adminToken, await arrive(t, inbox, 'night: hola'));
    expect({ teamId: night.teamId, priority: night.priority }).toEqual({
      teamId: follows,
      priority: 'normal',
    });
    // Inside the account's hours the rule no longer matches.
    await setAccountHours(account, alwaysOpen());
    const later = await get(account.adminToken, await arrive(t, inbox, 'care: otra vez'));
    expect({ teamId: later.teamId, priority: later.priority }).toEqual({
      teamId: follows,
      priority: 'normal',
    });
  });

  it("send a closed team's conversations down its offline path", async () => {
    const account = await seedAccount(t);
    // Someone is online in the day team: only the calendar can close it.
    const [agent] = await onlineAgents(t, account, 1, { api: 5 });
    const afterHours = await makeTeam(t, account, { name: 'After hours', strategy: 'manual', memberIds: [] });
    const day = await makeTeam(t, account, {
      name: 'Day',
      strategy: 'manual',
      memberIds: [agent.id],
      settings: { offlineTeamId: afterHours },
    });
    const inbox = await inboxForTeam(t, account, day);
    await setAccountHours(account, alwaysOpen());
    expect((await get(account.adminToken, await arrive(t, inbox))).teamId).toBe(day);
    await setAccountHours(account, dayAfterTomorrow().hours);
    expect((await get(account.adminToken, await arrive(t, inbox))).teamId).toBe(afterHours);
  });

  it('pause the service-level clock of a team without hours, not of one with its own', async () => {
    const account = await seedAccount(t);
    const admin = client(t.url, account.adminToken);
    expect(
      (await admin.patch('/routing/settings', { sla: { api: { firstResponseSeconds: 20 } } })).status,
    ).toBe(200);
    const { opens, hours } = dayAfterTomorrow();
    await setAccountHours(account, hours);
    const follows = await makeTeam(t, account, {
      name: 'Office',
      strategy: 'manual',
      memberIds: [],
      settings: { pauseSlaOutsideHours: true },
    });
    const own = await makeTeam(t, account, {
      name: 'Always',
      strategy: 'manual',
      memberIds: [],
      settings: { pauseSlaOutsideHours: true, businessHours: alwaysOpen() },
    });
    const paused = await get(account.adminToken, await arrive(t, await inboxForTeam(t, account, follows)));
    expect(paused.firstResponseDueAt).toBe(new Date(opens.getTime() + 20_000).toISOString());
    const running = await get(account.adminToken, await arrive(t, await inboxForTeam(t, account, own)));
    // Its clock runs from the customer's message, exactly 20 s, whatever time the commit took (the row's
    // createdAt is the database's transaction start, which a busy machine puts earlier).
    const due = Date.parse(running.firstResponseDueAt);
    expect(due - Date.parse(running.firstCustomerMessageAt)).toBe(20_000);
  });
});

describe('business hours validation', () => {
  const ok = { timezone: 'America/La_Paz', week: [{ day: 1, from: '08:00', to: '12:00' }], holidays: [] };
  const cases: [string, Record<string, unknown>, string][] = [
    ['an unknown time zone', { ...ok, timezone: 'Mars/Olympus' }, 'unknown_time_zone'],
    ['a reversed interval', { ...ok, week: [{ day: 1, from: '18:00', to: '08:00' }] }, 'hours_reversed'],
    ['an empty interval', { ...ok, week: [{ day: 2, from: '09:00', to: '09:00' }] }, 'hours_reversed'],
    [
      'overlapping intervals',
      {
        ...ok,
        week: [
          { day: 1, from: '08:00', to: '12:00' },
          { day: 1, from: '11:30', to: '14:00' },
        ],
      },
      'hours_overlap',
    ],
    ['a date that does not exist', { ...ok, holidays: [{ date: '2026-02-30', name: 'x' }] }, 'invalid_date'],
    [
      'a holiday listed twice',
      {
        ...ok,
        holidays: [
          { date: '2026-01-01', name: 'Año Nuevo' },
          { date: '2026-01-01', name: 'Otra vez' },
        ],
      },
      'duplicate_holiday',
    ],
  ];

  let account: SeededAccount;
  beforeAll(async () => {
    account = await seedAccount(t);
    await setAccountHours(account, ok);
  });

  it.each(cases)('refuses %s on the account with 422 and keeps the hours', async (_label, hours, code) => {
    const admin = client(t.url, account.adminToken);
    const r = await admin.patch('/routing/settings', { businessHours: hours });
    expect({ status: r.status, code: r.body.error?.code }).toEqual({ status: 422, code });
    expect(r.body.error.message.length).toBeGreaterThan(0);
    expect((await admin.get('/routing/settings')).body.data.businessHours).toEqual(ok);
  });

  it.each(cases)("refuses %s as a team's own hours with 422", async (_label, hours, code) => {
    const r = await client(t.url, account.adminToken).post('/teams', {
      name: `Team ${code} ${Math.random()}`,
      settings: { businessHours: hours },
    });
    expect({ status: r.status, code: r.body.error?.code }).toEqual({ status: 422, code });
  });

  it('answers a malformed calendar 400 validation_failed', async () => {
    const admin = client(t.url, account.adminToken);
    for (const hours of [
      { ...ok, week: [{ day: 1, from: '8am', to: '12:00' }] },
      { ...ok, week: [{ day: 9, from: '08:00', to: '12:00' }] },
      { ...ok, holidays: ['tomorrow'] },
      { week: [] },
    ]) {
      const r = await admin.patch('/routing/settings', { businessHours: hours });
      expect({ status: r.status, code: r.body.error?.code }).toEqual({
        status: 400,
        code: 'validation_failed',
      });
    }
  });
});
