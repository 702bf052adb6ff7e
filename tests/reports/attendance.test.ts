// The attendance report (issue 16, point 7; QP-14) against March 2026 in La Paz (UTC−4, no DST), counted
// by hand. Presence rows are seeded as the hub writes them (each change ends one session and opens the
// next) at chosen instants: a late start with a lunch break, a day whose work runs across both shifts,
// an absent day, a reason no longer on the list, a session across midnight, a night shift written as two
// intervals of a team's own hours, a session still open at the report's now. The hub's clock is held
// still at that now. Then real presence changes through the API, and the exports.
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presenceSessions } from '#server/db/schema.ts';
import { client, type SeededAccount, seedAccount, startTestHub, type TestHub } from '#tests/helpers/hub.ts';
import { readReport, type Table } from '#tests/helpers/reports.ts';
import { makeTeam } from '#tests/helpers/routing.ts';

let t: TestHub;
let a: SeededAccount;
const id: Record<'ana' | 'bruno' | 'carla', number> = { ana: 0, bruno: 0, carla: 0 };
let anaToken = '';
let nightTeam = '';

/** A La Paz wall-clock time. */
const lp = (s: string) => new Date(`${s.replace(' ', 'T')}-04:00`);
const iso = (s: string) => lp(s).toISOString();
const month = 'from=2026-03-01&to=2026-03-31';
/** The report's now: Tuesday 31 March, 11:00 in La Paz. */
const now = lp('2026-03-31 11:00');

/** The hub's clock (the seam advanceClock moves), held at an instant so running sessions count exactly. */
const holdClock = (at: Date) => {
  t.hub.ctx.clock = { now: () => new Date(at) };
};

type Change = [status: 'online' | 'away' | 'auxiliary' | 'offline', at: string, reason?: string];

/** Presence changes as the hub stores them: each session ends when the next starts; the last stays open. */
async function seedPresence(userId: number, changes: Change[]) {
  await t.hub.ctx.db.insert(presenceSessions).values(
    changes.map(([status, at, reason], i) => ({
      accountId: a.accountId,
      userId,
      status,
      reason: reason ?? null,
      startedAt: lp(at),
      endedAt: changes[i + 1] ? lp(changes[i + 1][1]) : null,
    })),
  );
}

/** A normal working day: both shifts, exactly. */
const regular = (d: string): Change[] => [
  ['online', `${d} 08:00`],
  ['offline', `${d} 12:00`],
  ['online', `${d} 14:00`],
  ['offline', `${d} 18:00`],
];
// Weekdays of March 2026 Ana works normally: not 2, 3, 4 (their own stories), 5 (below), 23 (a holiday)
// nor 31 (still running).
const regularDays = [6, 9, 10, 11, 12, 13, 16, 17, 18, 19, 20, 24, 25, 26, 27, 30];

beforeAll(async () => {
  t = await startTestHub();
  a = await seedAccount(t, 'Attendance month');
  const admin = client(t.url, a.adminToken);
  const ana = await a.user('agent', 'Ana');
  const bruno = await a.user('agent', 'Bruno');
  const carla = await a.user('agent', 'Carla');
  Object.assign(id, { ana: ana.user.id, bruno: bruno.user.id, carla: carla.user.id });
  anaToken = ana.token;
  const patched = await admin.patch('/routing/settings', {
    businessHours: {
      timezone: 'America/La_Paz',
      week: [
        ...[1, 2, 3, 4, 5].flatMap((day) => [
          { day, from: '08:00', to: '12:00' },
          { day, from: '14:00', to: '18:00' },
        ]),
        { day: 6, from: '08:00', to: '12:00' },
      ],
      holidays: [{ date: '2026-03-23', name: 'Día del Mar' }],
    },
  });
  expect(patched.status, JSON.stringify(patched.body)).toBe(200);
  // Bruno's team follows the account's hours; the night team keeps its own: 22:00–06:00 written as two
  // intervals, Monday to Friday evenings and Tuesday to Saturday mornings.
  await makeTeam(t, a, { name: 'Day', strategy: 'least_busy', memberIds: [String(id.bruno)] });
  nightTeam = await makeTeam(t, a, {
    name: 'Night',
    strategy: 'least_busy',
    memberIds: [String(id.carla)],
    settings: {
      businessHours: {
        timezone: 'America/La_Paz',
        week: [
          ...[1, 2, 3, 4, 5].map((day) => ({ day, from: '22:00', to: '23:59' })),
          ...[2, 3, 4, 5, 6].map((day) => ({ day, from: '00:00', to: '06:00' })),
        ],
        holidays: [],
      },
    },
  });

  await seedPresence(id.ana, [
    ['offline', '2026-02-27 18:00'],
    // Mon 2: ten minutes late, a lunch break in the morning, leaves half an hour early.
    ['online', '2026-03-02 08:10'],
    ['auxiliary', '2026-03-02 10:00', 'Lunch'],
    ['online', '2026-03-02 10:30'],
    ['offline', '2026-03-02 12:00'],
    ['online', '2026-03-02 14:00'],
    ['offline', '2026-03-02 17:30'],
    // Tue 3: one session across both shifts and the gap between them, gone at 15:00.
    ['online', '2026-03-03 08:00'],
    ['offline', '2026-03-03 15:00'],
    // Wed 4: absent. Thu 5: a break for a reason the account's list no longer has.
    ['online', '2026-03-05 08:00'],
    ['offline', '2026-03-05 12:00'],
    ['online', '2026-03-05 14:00'],
    ['auxiliary', '2026-03-05 15:00', 'Medical'],
    ['online', '2026-03-05 15:20'],
    ['offline', '2026-03-05 18:00'],
    ...regularDays.flatMap((d) => regular(`2026-03-${String(d).padStart(2, '0')}`)),
    // Tue 31: in five minutes before the shift, still online at now.
    ['online', '2026-03-31 07:55'],
  ]);
  await seedPresence(id.bruno, [
    // Fri 6: from 14:00 to 01:00 on Saturday, then Saturday's shift; never again.
    ['online', '2026-03-06 14:00'],
    ['offline', '2026-03-07 01:00'],
    ['online', '2026-03-07 08:00'],
    ['offline', '2026-03-07 12:00'],
  ]);
  await seedPresence(id.carla, [
    // Mon 9 22:05 to Tue 10 06:00, with a quarter of an hour's break at 02:00.
    ['online', '2026-03-09 22:05'],
    ['auxiliary', '2026-03-10 02:00', 'Break'],
    ['online', '2026-03-10 02:15'],
    ['offline', '2026-03-10 06:00'],
  ]);
  holdClock(now);
}, 120_000);
afterAll(async () => {
  await t?.destroy();
});

const cellsOf = (table: Table, key: string) => {
  const r = table.rows.find((x) => x.key === key);
  if (!r) throw new Error(`no row ${key} in ${table.key}: ${table.rows.map((x) => x.key).join(' ')}`);
  return r.cells;
};
const line = (who: keyof typeof id, day: string, shift: string) => `${id[who]}:2026-03-${day}:${shift}`;
const absentShift = {
  online: 0,
  firstLogin: null,
  lastLogout: null,
  offline: 14_400,
  lateStart: null,
  earlyLeave: null,
  absent: 1,
};

describe('attendance report', () => {
  it("counts Ana's month per shift and day", async () => {
    const { table, data } = await readReport(t.url, a.adminToken, 'attendance', month);
    const days = table('byAgentDay');
    expect(days.columns.map((c) => c.key)).toEqual([
      'agent',
      'day',
      'shift',
      'scheduled',
      'firstLogin',
      'lastLogout',
      'online',
      'aux:Break',
      'aux:Lunch',
      'aux:Training',
      'aux:Meeting',
      'aux:Back office',
      'aux:Medical',
      'away',
      'offline',
      'lateStart',
      'earlyLeave',
      'absent',
    ]);
    expect(days.columns.every((c) => c.drill === undefined)).toBe(true);
    expect(data.counting.length).toBeGreaterThan(5);

    // Mon 2, 08:00–12:00: in at 08:10 (late 600 s); online 08:10–10:00 + 10:30–12:00 = 110 + 90 min
    // = 12 000 s; lunch 30 min = 1 800 s; offline 08:00–08:10 = 600 s; out exactly at the shift's end.
    expect(cellsOf(days, line('ana', '02', '08:00-12:00'))).toMatchObject({
      agent: 'Ana',
      day: '2026-03-02',
      shift: '08:00–12:00',
      scheduled: 14_400,
      firstLogin: iso('2026-03-02 08:10'),
      lastLogout: iso('2026-03-02 12:00'),
      online: 12_000,
      'aux:Lunch': 1_800,
      away: 0,
      offline: 600,
      lateStart: 600,
      earlyLeave: 0,
      absent: 0,
    });
    // 14:00–18:00: online 14:00–17:30 = 12 600 s; out at 17:30, 1 800 s early; offline 1 800 s.
    expect(cellsOf(days, line('ana', '02', '14:00-18:00'))).toMatchObject({
      firstLogin: iso('2026-03-02 14:00'),
      lastLogout: iso('2026-03-02 17:30'),
      online: 12_600,
      offline: 1_800,
      lateStart: 0,
      earlyLeave: 1_800,
      absent: 0,
    });
    // Tue 3, 08:00–15:00 in one session: the morning whole (14 400 s) and still in at 12:00; 12:00–14:00
    // outside the shifts (7 200 s); the afternoon already in at 14:00, 3 600 s, out at 15:00, 3 h early.
    expect(cellsOf(days, line('ana', '03', '08:00-12:00'))).toMatchObject({
      online: 14_400,
      lastLogout: null,
      earlyLeave: 0,
      lateStart: 0,
    });
    expect(cellsOf(days, line('ana', '03', 'outside'))).toMatchObject({
      shift: 'Outside shifts',
      scheduled: null,
      firstLogin: iso('2026-03-03 12:00'),
      lastLogout: null,
      online: 7_200,
      offline: null,
      lateStart: null,
      earlyLeave: null,
      absent: null,
    });
    expect(cellsOf(days, line('ana', '03', '14:00-18:00'))).toMatchObject({
      firstLogin: iso('2026-03-03 14:00'),
      lastLogout: iso('2026-03-03 15:00'),
      online: 3_600,
      offline: 10_800,
      lateStart: 0,
      earlyLeave: 10_800,
      absent: 0,
    });
    // Wed 4 and every Saturday: absent from each shift.
    expect(cellsOf(days, line('ana', '04', '08:00-12:00'))).toMatchObject(absentShift);
    expect(cellsOf(days, line('ana', '04', '14:00-18:00'))).toMatchObject(absentShift);
    expect(cellsOf(days, line('ana', '14', '08:00-12:00'))).toMatchObject(absentShift);
    // Thu 5: 20 min for "Medical" (its own column, though not on the list): online 4 h − 20 min.
    expect(cellsOf(days, line('ana', '05', '14:00-18:00'))).toMatchObject({
      online: 13_200,
      'aux:Medical': 1_200,
      'aux:Lunch': 0,
      lastLogout: iso('2026-03-05 18:00'),
    });
    // Mon 23 is a holiday: no shift, no line. Sunday neither.
    const anaKeys = days.rows.filter((r) => r.key.startsWith(`${id.ana}:`)).map((r) => r.key);
    expect(anaKeys.filter((k) => k.includes(':2026-03-23:') || k.includes(':2026-03-01:'))).toEqual([]);
    // Tue 31, now 11:00: in since 07:55 (5 min outside the shifts), already in as the morning began:
    // 3 h online so far, not late, not yet judged for leaving; the afternoon has not begun, so no line.
    expect(cellsOf(days, line('ana', '31', 'outside'))).toMatchObject({
      firstLogin: iso('2026-03-31 07:55'),
      lastLogout: null,
      online: 300,
    });
    expect(cellsOf(days, line('ana', '31', '08:00-12:00'))).toMatchObject({
      scheduled: 14_400,
      firstLogin: iso('2026-03-31 08:00'),
      lastLogout: null,
      online: 10_800,
      offline: 0,
      lateStart: 0,
      earlyLeave: null,
      absent: 0,
    });
    // Shifts: 20 whole weekdays × 2 (21 weekdays but the 23rd) + the 31st's morning + 4 Saturdays = 45;
    // plus the two outside lines (3rd, 31st).
    expect(anaKeys).toHaveLength(47);

    // The month: 16 regular days + the 5th = 17 days × 28 800 s, less the 5th's 1 200 s = 488 400;
    // + 2nd 24 600 + 3rd 18 000 + 31st 10 800 = 541 800 s online in shifts; + 7 200 + 300 outside = 549 300.
    // Scheduled: 45 × 14 400 = 648 000; passed: 44 × 14 400 + 10 800 = 644 400; 541 800 ÷ 644 400 = 84.08 %.
    // Offline in shifts: 2nd 600 + 1 800, 3rd 10 800, 4th 28 800, Saturdays 4 × 14 400 = 99 600.
    expect(cellsOf(table('byAgent'), String(id.ana))).toEqual({
      agent: 'Ana',
      daysPresent: 20,
      shifts: 45,
      absences: 6,
      scheduled: 648_000,
      onlineInShifts: 541_800,
      adherence: 84.08,
      online: 549_300,
      'aux:Break': 0,
      'aux:Lunch': 1_800,
      'aux:Training': 0,
      'aux:Meeting': 0,
      'aux:Back office': 0,
      'aux:Medical': 1_200,
      away: 0,
      auxiliary: 3_000,
      offline: 99_600,
      lateStarts: 1,
      lateStart: 600,
      earlyLeaves: 2,
      earlyLeave: 12_600,
    });
    const reasons = table('byReason');
    expect(reasons.rows.map((r) => [r.cells.agent, r.cells.reason, r.cells.breaks, r.cells.seconds])).toEqual(
      [
        ['Ana', 'Lunch', 1, 1_800],
        ['Ana', 'Medical', 1, 1_200],
        ['Carla', 'Break', 1, 900],
      ],
    );
    expect(reasons.totals?.cells).toMatchObject({ breaks: 3, seconds: 3_900, averageSeconds: 1_300 });
  });

  it('counts a session across midnight in both days, and lists an agent from their first session', async () => {
    const { table } = await readReport(t.url, a.adminToken, 'attendance', month);
    const days = table('byAgentDay');
    const bruno = days.rows.filter((r) => r.key.startsWith(`${id.bruno}:`));
    // Fri 6 from 14:00: the morning shift ended before his first session, so it is not his.
    expect(bruno[0].key).toBe(line('bruno', '06', '14:00-18:00'));
    expect(bruno[0].cells).toMatchObject({ online: 14_400, lastLogout: null, earlyLeave: 0, absent: 0 });
    // 18:00–24:00 on Friday (21 600 s) and 00:00–01:00 on Saturday (3 600 s): one session, two days.
    expect(cellsOf(days, line('bruno', '06', 'outside'))).toMatchObject({
      firstLogin: iso('2026-03-06 18:00'),
      lastLogout: null,
      online: 21_600,
    });
    expect(cellsOf(days, line('bruno', '07', 'outside'))).toMatchObject({
      firstLogin: iso('2026-03-07 00:00'),
      lastLogout: iso('2026-03-07 01:00'),
      online: 3_600,
    });
    expect(cellsOf(days, line('bruno', '07', '08:00-12:00'))).toMatchObject({
      online: 14_400,
      earlyLeave: 0,
    });
    // Tue 31's morning runs and he has not come: not judged yet, 3 h offline so far.
    expect(cellsOf(days, line('bruno', '31', '08:00-12:00'))).toMatchObject({
      online: 0,
      offline: 10_800,
      absent: null,
      lateStart: null,
    });
    // After the 7th: 15 working weekdays × 2 shifts + 3 Saturdays = 33 shifts over, all absent; with the
    // 6th's afternoon, the 7th's morning and the 31st's = 36 shifts. Scheduled 36 × 14 400 = 518 400.
    // Offline in shifts: 33 × 14 400 + 10 800 = 486 000. Online 14 400 + 21 600 + 3 600 + 14 400 = 54 000.
    // 28 800 online in shifts ÷ (35 × 14 400 + 10 800 = 514 800) passed = 5.59 %.
    expect(cellsOf(table('byAgent'), String(id.bruno))).toMatchObject({
      daysPresent: 2,
      shifts: 36,
      absences: 33,
      scheduled: 518_400,
      onlineInShifts: 28_800,
      adherence: 5.59,
      online: 54_000,
      offline: 486_000,
      lateStarts: 0,
      earlyLeaves: 0,
    });
  });

  it("reads a night shift from the team's own hours as two shifts of two days", async () => {
    const q = 'from=2026-03-09&to=2026-03-10';
    const { table } = await readReport(t.url, a.adminToken, 'attendance', `${q}&teamId=${nightTeam}`);
    const days = table('byAgentDay');
    expect(days.rows.map((r) => r.key)).toEqual([
      `${id.carla}:2026-03-09:22:00-24:00`,
      `${id.carla}:2026-03-10:00:00-06:00`,
      `${id.carla}:2026-03-10:22:00-24:00`,
    ]);
    // Mon 22:00–24:00: in at 22:05 (300 s late), 115 min online, still in at midnight (not early).
    expect(days.rows[0].cells).toMatchObject({
      shift: '22:00–24:00',
      scheduled: 7_200,
      firstLogin: iso('2026-03-09 22:05'),
      lastLogout: null,
      online: 6_900,
      offline: 300,
      lateStart: 300,
      earlyLeave: 0,
      absent: 0,
    });
    // Tue 00:00–06:00: already in at midnight (not late), 6 h − 15 min break = 20 700 s, out at 06:00.
    expect(days.rows[1].cells).toMatchObject({
      shift: '00:00–06:00',
      scheduled: 21_600,
      firstLogin: iso('2026-03-10 00:00'),
      lastLogout: iso('2026-03-10 06:00'),
      online: 20_700,
      'aux:Break': 900,
      offline: 0,
      lateStart: 0,
      earlyLeave: 0,
      absent: 0,
    });
    expect(days.rows[2].cells).toMatchObject({ ...absentShift, offline: 7_200 });
    expect(days.totals?.cells).toMatchObject({
      scheduled: 36_000,
      online: 27_600,
      'aux:Break': 900,
      offline: 7_500,
      lateStart: 300,
      earlyLeave: 0,
      absent: 1,
    });
    expect(table('byAgent').rows.map((r) => r.key)).toEqual([String(id.carla)]);
    // Without the team filter her one team with its own hours still sets her shifts.
    const alone = await readReport(t.url, a.adminToken, 'attendance', `${q}&agentId=${id.carla}`);
    expect(alone.table('byAgentDay').rows).toEqual(days.rows);
  });

  it('shows an agent their own lines only; finance reads it; marketing may not', async () => {
    const own = await readReport(t.url, anaToken, 'attendance', `${month}&agentId=${id.bruno}`);
    expect(new Set(own.table('byAgentDay').rows.map((r) => r.cells.agent))).toEqual(new Set(['Ana']));
    expect(own.table('byAgent').rows.map((r) => r.key)).toEqual([String(id.ana)]);
    expect(own.data).toMatchObject({ filters: { agentId: String(id.ana) } });
    const finance = await a.user('finance', 'Fina');
    const all = await readReport(t.url, finance.token, 'attendance', month);
    expect(all.table('byAgent').rows.map((r) => r.cells.agent)).toEqual(['Ana', 'Bruno', 'Carla']);
    const marketing = await a.user('marketing', 'Mara');
    expect((await client(t.url, marketing.token).get(`/reports/attendance?${month}`)).status).toBe(403);
  });

  it('exports a table as CSV and as an Excel workbook with the same cells', async () => {
    const { table } = await readReport(t.url, a.adminToken, 'attendance', month);
    const byAgent = table('byAgent');
    const expected = (key: string) =>
      byAgent.columns.map((c) => byAgent.rows.find((r) => r.key === key)?.cells[c.key] ?? null);
    const download = (format: string, which: string) =>
      fetch(`${t.url}/api/v1/reports/attendance?${month}&format=${format}&table=${which}`, {
        headers: { authorization: `Bearer ${a.adminToken}` },
      });
    const csv = await download('csv', 'byAgent');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toContain('attendance-byAgent-2026-03-01_2026-03-31.csv');
    const lines = (await csv.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(byAgent.columns.map((c) => c.label).join(','));
    expect(lines).toHaveLength(byAgent.rows.length + 2);
    expect(lines.find((l) => l.startsWith('Ana,'))?.split(',')).toEqual(
      expected(String(id.ana)).map((v) => String(v ?? '')),
    );
    expect(lines.at(-1)?.startsWith('Total,')).toBe(true);

    const daysCsv = await (await download('csv', 'byAgentDay')).text();
    expect(daysCsv.trim().split('\r\n')).toHaveLength(table('byAgentDay').rows.length + 2);

    const xlsx = await download('xlsx', 'byAgent');
    expect(xlsx.status).toBe(200);
    const [sheet] = await readXlsxFile(Buffer.from(await xlsx.arrayBuffer()));
    expect(sheet.sheet).toBe('By agent');
    const rows = sheet.data;
    expect(rows[0]).toEqual(byAgent.columns.map((c) => c.label));
    expect(rows.find((r) => r[0] === 'Bruno')).toEqual(expected(String(id.bruno)));
    expect(rows).toHaveLength(byAgent.rows.length + 2);
  });

  it('counts presence changes made through the API', async () => {
    // Wed 1 April: online at 08:10, lunch at 08:40, read at 09:00.
    const dora = await a.user('agent', 'Dora');
    const me = client(t.url, dora.token);
    holdClock(lp('2026-04-01 08:10'));
    expect((await me.post('/me/presence', { status: 'online' })).status).toBe(200);
    holdClock(lp('2026-04-01 08:40'));
    expect((await me.post('/me/presence', { status: 'auxiliary', reason: 'Lunch' })).status).toBe(200);
    holdClock(lp('2026-04-01 09:00'));
    const { table } = await readReport(
      t.url,
      a.adminToken,
      'attendance',
      `from=2026-04-01&to=2026-04-01&agentId=${dora.user.id}`,
    );
    // 08:10–08:40 online (1 800 s), lunch since 08:40 (1 200 s so far), 08:00–08:10 offline, 600 s late.
    expect(table('byAgentDay').rows.map((r) => [r.key, r.cells])).toEqual([
      [
        `${dora.user.id}:2026-04-01:08:00-12:00`,
        expect.objectContaining({
          firstLogin: iso('2026-04-01 08:10'),
          lastLogout: null,
          online: 1_800,
          'aux:Lunch': 1_200,
          offline: 600,
          lateStart: 600,
          earlyLeave: null,
          absent: 0,
        }),
      ],
    ]);
  });
});
