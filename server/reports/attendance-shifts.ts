// The shifts of a local day (QP-14's attendance "per shift and day"): each business-hours interval that
// falls on the day is one shift; a day without hours at all is one shift, the whole day. The calendar may
// keep another time zone than the report: its intervals are placed as instants in their own zone, then
// cut at the report's local midnights, so every shift belongs to exactly one day of the report.
import { type Hours, holidayDate, localTime, toMinutes } from '#shared/business-hours.ts';
import { complement, type Range } from './attendance-split.ts';
import { localMidnight, nextDay } from './frame.ts';

export type Shift = Range & {
  /** Unique within the day: its local start and end, "08:00-12:00" ("whole-day" without hours). */
  key: string;
  label: string;
  /** No calendar: nobody was expected at any hour, so nobody starts late or leaves early. */
  wholeDay: boolean;
};
export type DayWindows = Range & { day: string; shifts: Shift[]; outside: Range[] };

export function dayWindows(day: string, timeZone: string, hours: Hours | null): DayWindows {
  const from = localMidnight(day, timeZone).getTime();
  const to = localMidnight(nextDay(day), timeZone).getTime();
  if (!hours) {
    const whole: Shift = { key: 'whole-day', label: 'Whole day', from, to, wholeDay: true };
    return { day, from, to, shifts: [whole], outside: [] };
  }
  const closed = new Set((hours.holidays ?? []).map(holidayDate));
  const shifts: Shift[] = [];
  // The calendar's days around this one: in another zone, its yesterday or tomorrow may reach into today.
  for (const date of [previousDay(day), day, nextDay(day)]) {
    if (closed.has(date)) continue;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    for (const i of hours.week) {
      if (i.day !== weekday) continue;
      const start = Math.max(wallInstant(date, toMinutes(i.from), hours.timezone), from);
      // HH:MM stops at 23:59, so an interval written to 23:59 is read as running to midnight: a night
      // shift is written as 22:00–23:59 on one day and 00:00–06:00 on the next, two shifts that meet.
      const until =
        i.to === '23:59'
          ? wallInstant(nextDay(date), 0, hours.timezone)
          : wallInstant(date, toMinutes(i.to), hours.timezone);
      const end = Math.min(until, to);
      if (end <= start) continue;
      const [a, b] = [clock(start, timeZone, to), clock(end, timeZone, to)];
      shifts.push({ key: `${a}-${b}`, label: `${a}–${b}`, from: start, to: end, wholeDay: false });
    }
  }
  shifts.sort((x, y) => x.from - y.from);
  return { day, from, to, shifts, outside: complement(from, to, shifts) };
}

export function previousDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** The instant a wall-clock time of a date has in a zone (the zone's offset there, DST included). */
export function wallInstant(date: string, minutes: number, timeZone: string): number {
  const wall = Date.parse(`${date}T00:00:00Z`) + minutes * 60_000;
  const ahead = (t: number) => {
    const l = localTime(new Date(t), timeZone);
    return Date.parse(`${l.date}T00:00:00Z`) + l.minutes * 60_000 - (t - (t % 60_000));
  };
  return wall - ahead(wall - ahead(wall));
}

/** HH:MM of an instant in the report's zone; the day's end reads 24:00. */
function clock(t: number, timeZone: string, dayEnd: number): string {
  if (t === dayEnd) return '24:00';
  const m = localTime(new Date(t), timeZone).minutes;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}
