// The business-hours editor's pure logic: the calendar as the editor holds it (holidays always named),
// weekday rows Monday first, adding/removing intervals and holidays, the time-zone list, and where each
// problem (shared/business-hours.ts, the same checks the hub answers 422 with) belongs on screen.
import {
  type Hours,
  holidayDate,
  holidayName,
  hoursProblems,
  type Interval,
} from '#shared/business-hours.ts';

export type EditableHours = {
  timezone: string;
  week: Interval[];
  holidays: { date: string; name: string }[];
};

/** The Bolivian contact centre's usual calendar: Mon–Fri 08:00–20:00, Sat 09:00–13:00, La Paz time. */
export const defaultHours = (): EditableHours => ({
  timezone: 'America/La_Paz',
  week: [
    ...[1, 2, 3, 4, 5].map((day) => ({ day, from: '08:00', to: '20:00' })),
    { day: 6, from: '09:00', to: '13:00' },
  ],
  holidays: [],
});

export function editable(h: Hours | null | undefined): EditableHours | null {
  if (!h) return null;
  return {
    timezone: h.timezone,
    week: h.week.map((i) => ({ day: i.day, from: i.from, to: i.to })),
    holidays: (h.holidays ?? []).map((x) => ({ date: holidayDate(x), name: holidayName(x) })),
  };
}

export const weekOrder = [1, 2, 3, 4, 5, 6, 0];

export type DayRow = { day: number; intervals: (Interval & { index: number })[] };

/** One row per weekday, Monday first; each interval keeps its index in `week` (for edits and problems). */
export function dayRows(h: EditableHours): DayRow[] {
  return weekOrder.map((day) => ({
    day,
    intervals: h.week
      .map((i, index) => ({ ...i, index }))
      .filter((i) => i.day === day)
      .sort((a, b) => a.from.localeCompare(b.from)),
  }));
}

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const minutesOf = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

/** A new interval for `day`: 08:00–12:00 on an empty day, else an hour after the day's last one ends. */
export function addInterval(h: EditableHours, day: number): EditableHours {
  const last = h.week
    .filter((i) => i.day === day)
    .map((i) => minutesOf(i.to))
    .sort((a, b) => a - b)
    .at(-1);
  let from = last === undefined ? 8 * 60 : last + 60;
  if (from > 22 * 60) from = Math.min(last ?? 0, 22 * 60);
  const to = Math.min(from + 4 * 60, 23 * 60 + 59);
  return { ...h, week: [...h.week, { day, from: hhmm(from), to: hhmm(to) }] };
}

export const removeInterval = (h: EditableHours, index: number): EditableHours => ({
  ...h,
  week: h.week.filter((_, i) => i !== index),
});

export const updateInterval = (
  h: EditableHours,
  index: number,
  patch: Partial<Pick<Interval, 'from' | 'to'>>,
): EditableHours => ({ ...h, week: h.week.map((i, n) => (n === index ? { ...i, ...patch } : i)) });

/** Adds a holiday and keeps the list in date order. */
export function addHoliday(h: EditableHours, date: string, name: string): EditableHours {
  const holidays = [...h.holidays, { date, name: name.trim() }].sort((a, b) => a.date.localeCompare(b.date));
  return { ...h, holidays };
}

export const removeHoliday = (h: EditableHours, index: number): EditableHours => ({
  ...h,
  holidays: h.holidays.filter((_, i) => i !== index),
});

/** Problems keyed by where they show: "timezone", "week.<index>", "holidays.<index>". */
export function problemsByPlace(h: EditableHours): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of hoursProblems(h)) {
    const key = p.path.join('.');
    if (!out.has(key)) out.set(key, p.code);
  }
  return out;
}

/** The zones this browser knows, with the current value kept even if it is not listed (e.g. "UTC"). */
export function timeZones(current: string): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = [];
  }
  return current && !zones.includes(current) ? [current, ...zones] : zones;
}
