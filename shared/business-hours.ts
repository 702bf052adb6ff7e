// Business-hours maths shared by the hub and the console (no zod, no Node): whether a calendar is open at
// an instant in its time zone, and what is wrong with a calendar an admin is editing — each problem with
// the error code the API answers with (422), so the console can say the same before it saves.

export type Interval = { day: number; from: string; to: string };
/** A closed date; older team settings stored the bare date string. */
export type Holiday = string | { date: string; name: string };
export type Hours = { timezone: string; week: Interval[]; holidays?: Holiday[] };

export type HoursProblemCode =
  | 'unknown_time_zone'
  | 'hours_reversed'
  | 'hours_overlap'
  | 'invalid_date'
  | 'duplicate_holiday';
export type HoursProblem = { code: HoursProblemCode; path: (string | number)[]; message: string };

export const holidayDate = (h: Holiday): string => (typeof h === 'string' ? h : h.date);
export const holidayName = (h: Holiday): string => (typeof h === 'string' ? '' : h.name);
export const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function isTimeZone(tz: string): boolean {
  if (!tz) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return (
    d.getUTCFullYear() === Number(m[1]) &&
    d.getUTCMonth() === Number(m[2]) - 1 &&
    d.getUTCDate() === Number(m[3])
  );
}

export function hoursProblems(hours: Hours): HoursProblem[] {
  const problems: HoursProblem[] = [];
  if (!isTimeZone(hours.timezone))
    problems.push({
      code: 'unknown_time_zone',
      path: ['timezone'],
      message: `unknown time zone ${hours.timezone}`,
    });
  hours.week.forEach((i, n) => {
    if (toMinutes(i.from) >= toMinutes(i.to))
      problems.push({
        code: 'hours_reversed',
        path: ['week', n],
        message: `${i.from}–${i.to} ends before it starts`,
      });
  });
  const sorted = hours.week
    .map((i, n) => ({ ...i, n }))
    .filter((i) => toMinutes(i.from) < toMinutes(i.to))
    .sort((a, b) => a.day - b.day || toMinutes(a.from) - toMinutes(b.from));
  for (let k = 1; k < sorted.length; k++) {
    const [a, b] = [sorted[k - 1], sorted[k]];
    if (a.day === b.day && toMinutes(b.from) < toMinutes(a.to))
      problems.push({
        code: 'hours_overlap',
        path: ['week', b.n],
        message: `${b.from}–${b.to} overlaps ${a.from}–${a.to}`,
      });
  }
  const seen = new Set<string>();
  (hours.holidays ?? []).forEach((h, n) => {
    const date = holidayDate(h);
    if (!isCalendarDate(date))
      problems.push({ code: 'invalid_date', path: ['holidays', n], message: `${date} is not a date` });
    else if (seen.has(date))
      problems.push({ code: 'duplicate_holiday', path: ['holidays', n], message: `${date} is listed twice` });
    seen.add(date);
  });
  return problems;
}

type LocalTime = { day: number; minutes: number; date: string };
const formatters = new Map<string, Intl.DateTimeFormat>();
const dayNames = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function localTime(at: Date, timezone: string): LocalTime {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timezone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]));
  return {
    day: dayNames.indexOf(parts.weekday),
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
    date: `${parts.year}-${parts.month}-${parts.day}`,
  };
}

/** No calendar: always open (a team or account that never set hours). */
export function isOpen(hours: Hours | null | undefined, at: Date): boolean {
  if (!hours) return true;
  const t = localTime(at, hours.timezone);
  if (hours.holidays?.some((h) => holidayDate(h) === t.date)) return false;
  return hours.week.some(
    (i) => i.day === t.day && t.minutes >= toMinutes(i.from) && t.minutes < toMinutes(i.to),
  );
}
