// The widget part of a web-chat inbox's settings, read leniently (a setting that no longer parses falls
// back to its default instead of breaking the widget), and the business-hours clock.
import { type BusinessHours, type WidgetSettings, weekdays, widgetSettings } from '#shared/widget.schema.ts';

export function readWidgetSettings(settings: Record<string, unknown>): WidgetSettings {
  const whole = widgetSettings.safeParse(settings);
  if (whole.success) return whole.data;
  // Keep every key that is valid on its own.
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(widgetSettings.shape)) {
    const one = schema.safeParse(settings[key]);
    if (one.success && one.data !== undefined) out[key] = one.data;
  }
  return out as WidgetSettings;
}

/** Whether `at` falls within the business hours (no hours set: always open). */
export function withinBusinessHours(hours: BusinessHours | null | undefined, at: Date): boolean {
  if (!hours) return true;
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: hours.timezone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = weekdays.indexOf(part('weekday').toLowerCase().slice(0, 3) as (typeof weekdays)[number]);
  const minutes = Number(part('hour')) * 60 + Number(part('minute'));
  const toMin = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
  const yesterday = weekdays[(day + 6) % 7];
  return hours.intervals.some((i) => {
    const from = toMin(i.from);
    const to = toMin(i.to);
    if (from < to) return i.days.includes(weekdays[day]) && minutes >= from && minutes < to;
    // Past midnight: the evening part on a listed day, the early-morning part on the day after one.
    return (
      (i.days.includes(weekdays[day]) && minutes >= from) || (i.days.includes(yesterday) && minutes < to)
    );
  });
}
