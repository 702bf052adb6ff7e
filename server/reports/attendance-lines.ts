// One line of the attendance report per agent, day and shift (and one for the time an agent was logged
// in outside the day's shifts): what the agent's timeline holds inside it, and how the shift was kept —
// late start, early leave, absence. Shifts not yet begun are not listed; a running one is judged so far.
import type { AttendanceAgent } from './attendance-data.ts';
import { dayWindows, type Shift } from './attendance-shifts.ts';
import { type Figures, figuresIn, loggedInMs, type Range } from './attendance-split.ts';
import type { ReportFrame } from './frame.ts';

export type LineKind = 'shift' | 'outside';

export type Line = {
  agent: AttendanceAgent;
  day: string;
  kind: LineKind;
  key: string;
  label: string;
  /** Milliseconds; null on the outside line. */
  scheduled: number | null;
  figures: Figures;
  lateStart: number | null;
  earlyLeave: number | null;
  /** 1 absent, 0 present, null not judged (outside shifts, or a running shift with no online time yet). */
  absent: number | null;
};

export function attendanceLines(f: ReportFrame, agents: AttendanceAgent[]): Line[] {
  const now = f.now.getTime();
  const out: Line[] = [];
  // Agents share a few calendars (the account's, their team's): each day's shifts are worked out once
  // per calendar, not once per agent (the zone arithmetic dominated the report's time).
  const windows = new Map<AttendanceAgent['hours'], Map<string, ReturnType<typeof dayWindows>>>();
  const windowsOf = (hours: AttendanceAgent['hours'], day: string) => {
    const byDay = windows.get(hours) ?? new Map<string, ReturnType<typeof dayWindows>>();
    windows.set(hours, byDay);
    const w = byDay.get(day) ?? dayWindows(day, f.timeZone, hours);
    byDay.set(day, w);
    return w;
  };
  for (const agent of agents) {
    for (const day of f.days) {
      const w = windowsOf(agent.hours, day);
      if (w.from >= now || w.to <= agent.since) continue;
      for (const s of w.shifts)
        if (s.from < now && s.to > agent.since) out.push(shiftLine(agent, day, s, now));
      const outside = outsideLine(agent, day, w.outside, now);
      if (outside) out.push(outside);
    }
  }
  return out;
}

function shiftLine(agent: AttendanceAgent, day: string, s: Shift, now: number): Line {
  const figures = figuresIn(agent.spans, [s], now);
  const ended = now >= s.to;
  const came = figures.firstLogin !== null;
  return {
    agent,
    day,
    kind: 'shift',
    key: s.key,
    label: s.label,
    scheduled: s.to - s.from,
    figures,
    lateStart: s.wholeDay || !came ? null : Math.max(0, figures.firstLogin! - s.from),
    earlyLeave:
      s.wholeDay || !came || !ended ? null : figures.lastLogout === null ? 0 : s.to - figures.lastLogout,
    absent: figures.online > 0 ? 0 : ended ? 1 : null,
  };
}

/** Logged in outside the shifts: listed so no minute of work is lost, never judged. */
function outsideLine(agent: AttendanceAgent, day: string, ranges: Range[], now: number): Line | null {
  if (!ranges.length) return null;
  const figures = figuresIn(agent.spans, ranges, now);
  if (loggedInMs(figures) === 0) return null;
  return {
    agent,
    day,
    kind: 'outside',
    key: 'outside',
    label: 'Outside shifts',
    scheduled: null,
    figures,
    lateStart: null,
    earlyLeave: null,
    absent: null,
  };
}
