// Attendance (QP-14, the manager's monthly report): per agent, per day and shift — first login, last
// logout, time online, in each auxiliary reason, away and offline, late starts, early leaves and
// absences — from the presence sessions the hub writes on every presence change. Shifts come from the
// business hours (the agent's team's own, else the account's); the counting rules are the attendance
// sentences of `counting` in definitions.ts, the arithmetic is attendance-split.ts and attendance-shifts.ts.
import { type AttendanceAgent, loadAttendance } from './attendance-data.ts';
import { attendanceLines, type Line } from './attendance-lines.ts';
import { figuresIn, noReason } from './attendance-split.ts';
import { note, percent } from './definitions.ts';
import type { ReportFrame } from './frame.ts';
import { type Cell, column, type ReportBuilder, row, table } from './table.ts';

const counting = [
  note('attendanceSessions'),
  note('attendanceMidnight'),
  note('attendanceShifts'),
  note('attendanceNightShifts'),
  note('attendanceLogins'),
  note('attendanceLateEarly'),
  note('attendanceOffline'),
  note('attendanceAgents'),
  note('attendanceFilters'),
];

const secs = (ms: number | null) => (ms === null ? null : Math.round(ms / 1000));

/** The account's reasons in its order, then any other reason the sessions hold. */
function reasonsOf(f: ReportFrame, lines: Line[]): string[] {
  const seen = new Set<string>();
  for (const l of lines) for (const r of l.figures.auxiliary.keys()) seen.add(r);
  const extra = [...seen].filter((r) => !f.settings.auxiliaryReasons.includes(r)).sort();
  return [
    ...f.settings.auxiliaryReasons,
    ...extra.filter((r) => r !== noReason),
    ...(seen.has(noReason) ? [noReason] : []),
  ];
}

const auxKey = (reason: string) => `aux:${reason}`;
const sum = (xs: (number | null)[]) => xs.reduce<number>((a, b) => a + (b ?? 0), 0);
const auxMs = (l: Line) => sum([...l.figures.auxiliary.values()]);

export const attendanceReport: ReportBuilder = async (ctx, f) => {
  const agents = await loadAttendance(ctx.db, f);
  const lines = attendanceLines(f, agents);
  const reasons = reasonsOf(f, lines);
  const timeCells = (ls: Line[]): Record<string, Cell> => ({
    online: secs(sum(ls.map((l) => l.figures.online))),
    ...Object.fromEntries(
      reasons.map((r) => [auxKey(r), secs(sum(ls.map((l) => l.figures.auxiliary.get(r) ?? 0)))]),
    ),
    away: secs(sum(ls.map((l) => l.figures.away))),
  });
  const shiftsOf = (ls: Line[]) => ls.filter((l) => l.kind === 'shift');
  const timeColumns = [
    column('online', 'Online', 'seconds'),
    ...reasons.map((r) => column(auxKey(r), r, 'seconds')),
    column('away', 'Away', 'seconds'),
  ];

  const dayRow = (l: Line) =>
    row(`${l.agent.id}:${l.day}:${l.key}`, {
      agent: l.agent.name,
      day: l.day,
      shift: l.label,
      scheduled: secs(l.scheduled),
      firstLogin: l.figures.firstLogin === null ? null : new Date(l.figures.firstLogin).toISOString(),
      lastLogout: l.figures.lastLogout === null ? null : new Date(l.figures.lastLogout).toISOString(),
      ...timeCells([l]),
      offline: l.kind === 'shift' ? secs(l.figures.offline) : null,
      lateStart: secs(l.lateStart),
      earlyLeave: secs(l.earlyLeave),
      absent: l.absent,
    });
  const dayTotals = (ls: Line[]) => ({
    scheduled: secs(sum(ls.map((l) => l.scheduled))),
    ...timeCells(ls),
    offline: secs(sum(shiftsOf(ls).map((l) => l.figures.offline))),
    lateStart: secs(sum(ls.map((l) => l.lateStart))),
    earlyLeave: secs(sum(ls.map((l) => l.earlyLeave))),
    absent: sum(ls.map((l) => l.absent)),
  });

  const agentCells = (ls: Line[]): Record<string, Cell> => {
    const shifts = shiftsOf(ls);
    const onlineInShifts = sum(shifts.map((l) => l.figures.online));
    return {
      daysPresent: new Set(ls.filter((l) => l.figures.online > 0).map((l) => `${l.agent.id}:${l.day}`)).size,
      shifts: shifts.length,
      absences: sum(shifts.map((l) => l.absent)),
      scheduled: secs(sum(shifts.map((l) => l.scheduled))),
      onlineInShifts: secs(onlineInShifts),
      adherence: percent(onlineInShifts, sum(shifts.map((l) => l.figures.elapsed))),
      ...timeCells(ls),
      auxiliary: secs(sum(ls.map(auxMs))),
      offline: secs(sum(shifts.map((l) => l.figures.offline))),
      lateStarts: shifts.filter((l) => (l.lateStart ?? 0) > 0).length,
      lateStart: secs(sum(shifts.map((l) => l.lateStart))),
      earlyLeaves: shifts.filter((l) => (l.earlyLeave ?? 0) > 0).length,
      earlyLeave: secs(sum(shifts.map((l) => l.earlyLeave))),
    };
  };

  return {
    counting,
    tables: [
      table(
        'byAgentDay',
        'By agent, day and shift',
        [
          column('agent', 'Agent', 'text'),
          column('day', 'Day', 'date'),
          column('shift', 'Shift', 'text'),
          column('scheduled', 'Scheduled', 'seconds'),
          column('firstLogin', 'First login', 'datetime'),
          column('lastLogout', 'Last logout', 'datetime'),
          ...timeColumns,
          column('offline', 'Offline in shift', 'seconds'),
          column('lateStart', 'Late start', 'seconds'),
          column('earlyLeave', 'Early leave', 'seconds'),
          column('absent', 'Absent', 'count'),
        ],
        lines.map(dayRow),
        row('total', {
          agent: null,
          day: null,
          shift: null,
          firstLogin: null,
          lastLogout: null,
          ...dayTotals(lines),
        }),
      ),
      table(
        'byAgent',
        'By agent',
        [
          column('agent', 'Agent', 'text'),
          column('daysPresent', 'Days present', 'count'),
          column('shifts', 'Shifts', 'count'),
          column('absences', 'Absences', 'count'),
          column('scheduled', 'Scheduled', 'seconds'),
          column('onlineInShifts', 'Online in shifts', 'seconds'),
          column('adherence', 'Online share of scheduled time', 'percent'),
          ...timeColumns,
          column('auxiliary', 'All auxiliary', 'seconds'),
          column('offline', 'Offline in shifts', 'seconds'),
          column('lateStarts', 'Late starts', 'count'),
          column('lateStart', 'Late start', 'seconds'),
          column('earlyLeaves', 'Early leaves', 'count'),
          column('earlyLeave', 'Early leave', 'seconds'),
        ],
        agents.map((a) =>
          row(String(a.id), { agent: a.name, ...agentCells(lines.filter((l) => l.agent === a)) }),
        ),
        row('total', { agent: null, ...agentCells(lines) }),
      ),
      reasonTable(f, agents, reasons),
    ],
  };
};

/** Seconds and breaks per auxiliary reason per agent over the range (a break across midnight is one). */
function reasonTable(f: ReportFrame, agents: AttendanceAgent[], reasons: string[]) {
  const now = f.now.getTime();
  const range = { from: f.startsAt.getTime(), to: f.endsAt.getTime() };
  const cells = (breaks: number, ms: number): Record<string, Cell> => ({
    breaks,
    seconds: secs(ms),
    averageSeconds: breaks ? secs(ms / breaks) : null,
  });
  const rows = [];
  let [allBreaks, allMs] = [0, 0];
  for (const a of agents) {
    const figures = figuresIn(a.spans, [range], now);
    for (const reason of reasons) {
      const ms = figures.auxiliary.get(reason) ?? 0;
      const breaks = a.spans.filter(
        (s) =>
          s.status === 'auxiliary' &&
          (s.reason ?? noReason) === reason &&
          s.to > range.from &&
          s.from < Math.min(range.to, now),
      ).length;
      if (!breaks) continue;
      rows.push(row(`${a.id}:${reason}`, { agent: a.name, reason, ...cells(breaks, ms) }));
      allBreaks += breaks;
      allMs += ms;
    }
  }
  return table(
    'byReason',
    'Auxiliary time by agent and reason',
    [
      column('agent', 'Agent', 'text'),
      column('reason', 'Reason', 'text'),
      column('breaks', 'Breaks', 'count'),
      column('seconds', 'Time', 'seconds'),
      column('averageSeconds', 'Average break', 'seconds'),
    ],
    rows,
    row('total', { agent: null, reason: null, ...cells(allBreaks, allMs) }),
  );
}
