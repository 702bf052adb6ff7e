// The week a sampling run covers: Monday to Sunday in the account's time zone (its business hours' zone,
// else UTC), as the instants [startsAt, endsAt). Any day names the week it falls in; no day names the last
// complete week before the hub's now.
import type { HubContext } from '#server/context.ts';
import { localMidnight } from '#server/reports/frame.ts';
import { loadRoutingSettings } from '#server/routing/settings.ts';

export type SamplingWeek = { week: string; startsAt: Date; endsAt: Date; timeZone: string };

const DAY = 86_400_000;
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/** The Monday of the week a day is in (calendar arithmetic: no zone is involved). */
export function mondayOf(day: string): string {
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((dow + 6) % 7));
}

/** The local day of an instant in a zone, YYYY-MM-DD. */
export function localDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

export async function accountTimeZone(ctx: HubContext, accountId: number): Promise<string> {
  return (await loadRoutingSettings(ctx.db, accountId)).businessHours?.timezone ?? 'UTC';
}

export function weekOf(day: string, timeZone: string): SamplingWeek {
  const week = mondayOf(day);
  return {
    week,
    startsAt: localMidnight(week, timeZone),
    endsAt: localMidnight(addDays(week, 7), timeZone),
    timeZone,
  };
}

/** The last week that has ended by `now` in the zone. */
export const lastCompleteWeek = (now: Date, timeZone: string): SamplingWeek =>
  weekOf(addDays(mondayOf(localDay(now, timeZone)), -7), timeZone);
