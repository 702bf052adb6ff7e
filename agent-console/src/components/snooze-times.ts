// When a snooze ends (pure, unit-tested): the presets the snooze menu offers, in the agent's local time
// (the browser's time zone), and the custom date-time input's value both ways. Times are built with the
// local calendar setters, so "tomorrow 09:00" is 09:00 on the wall clock even across a DST change.

export type SnoozePreset = 'hour' | 'tonight' | 'tomorrow' | 'monday';
export type SnoozeOption = { preset: SnoozePreset; at: Date };

/** The evening preset's hour and the morning presets' hour, local time. */
export const EVENING_HOUR = 18;
export const MORNING_HOUR = 9;

function atLocal(day: Date, hour: number): Date {
  const d = new Date(day.getFullYear(), day.getMonth(), day.getDate(), hour, 0, 0, 0);
  return d;
}

function addDays(day: Date, n: number): Date {
  return new Date(day.getFullYear(), day.getMonth(), day.getDate() + n, 12, 0, 0, 0);
}

/** The Monday after today (a week ahead when today is Monday), at 09:00. */
export function nextMonday(now: Date): Date {
  const ahead = (8 - now.getDay()) % 7 || 7; // getDay: Sunday 0, Monday 1
  return atLocal(addDays(now, ahead), MORNING_HOUR);
}

/**
 * The presets for `now`: in an hour; this evening at 18:00 while that is still an hour or more away,
 * otherwise tomorrow at 09:00 (the morning preset is always there); next Monday at 09:00 unless it is
 * the same instant as tomorrow 09:00 (on a Sunday).
 */
export function snoozeOptions(now: Date): SnoozeOption[] {
  const options: SnoozeOption[] = [{ preset: 'hour', at: new Date(now.getTime() + 3_600_000) }];
  const tonight = atLocal(now, EVENING_HOUR);
  if (tonight.getTime() - now.getTime() >= 3_600_000) options.push({ preset: 'tonight', at: tonight });
  const tomorrow = atLocal(addDays(now, 1), MORNING_HOUR);
  options.push({ preset: 'tomorrow', at: tomorrow });
  const monday = nextMonday(now);
  if (monday.getTime() !== tomorrow.getTime()) options.push({ preset: 'monday', at: monday });
  return options;
}

const two = (n: number) => String(n).padStart(2, '0');

/** A Date as an `<input type="datetime-local">` value, local time, to the minute. */
export function toLocalInput(d: Date): string {
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** A datetime-local value back to an instant, or null when it is not a real local date and time. */
export function fromLocalInput(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  const [y, mo, da, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0));
  const d = new Date(y, mo - 1, da, h, mi, s, 0);
  // 2026-02-30 rolls over into March: not a date the agent meant.
  if (d.getFullYear() !== y || d.getMonth() !== mo - 1 || d.getDate() !== da) return null;
  return d;
}

/** The custom input checked: the instant, or why it cannot be used. */
export function customSnooze(value: string, now: Date): { at: Date } | { error: 'invalid' | 'past' } {
  const at = fromLocalInput(value);
  if (!at) return { error: 'invalid' };
  if (at.getTime() <= now.getTime()) return { error: 'past' };
  return { at };
}

/** "Snoozed until …": the time alone today, weekday and time within a week, the date beyond. */
export function formatUntil(at: Date, now: Date, locale: string): string {
  const time: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };
  const sameDay = at.toDateString() === now.toDateString();
  if (sameDay) return at.toLocaleTimeString(locale, time);
  const days = (at.getTime() - now.getTime()) / 86_400_000;
  if (days > 0 && days < 6.5) return at.toLocaleString(locale, { weekday: 'short', ...time });
  return at.toLocaleString(locale, { day: 'numeric', month: 'short', ...time });
}
