// Business hours in a time zone: whether a team is open at an instant, and a service-level due time
// counted in open time only (the clock pauses while the team is closed).
// The maths of whether a calendar is open lives in shared/business-hours.ts (the console previews "open
// now" with it); a team without its own calendar follows the account's (server/routing/team-hours.ts).
import { isOpen } from '#shared/business-hours.ts';
import type { BusinessHours } from '#shared/routing.schema.ts';

export { isOpen };

/**
 * The instant `seconds` of open time after `start`. Walks minute boundaries (at most a few weeks of them
 * for the longest targets), so a change of offset (daylight saving) is handled by the time zone itself.
 */
export function addBusinessSeconds(
  hours: BusinessHours | null | undefined,
  start: Date,
  seconds: number,
): Date {
  if (!hours || !hours.week.length) return new Date(start.getTime() + seconds * 1000);
  let left = seconds * 1000;
  let at = start.getTime();
  const limit = at + 366 * 86_400_000;
  while (left > 0 && at < limit) {
    const nextMinute = Math.floor(at / 60_000) * 60_000 + 60_000;
    const step = nextMinute - at;
    if (isOpen(hours, new Date(at))) {
      if (left <= step) return new Date(at + left);
      left -= step;
    }
    at = nextMinute;
  }
  return new Date(at);
}

/** The open time, in seconds, from `from` to `to` (0 when `to` is not later): what is left of a target. */
export function businessSecondsBetween(
  hours: BusinessHours | null | undefined,
  from: Date,
  to: Date,
): number {
  const end = to.getTime();
  if (end <= from.getTime()) return 0;
  if (!hours || !hours.week.length) return (end - from.getTime()) / 1000;
  let open = 0;
  for (let at = from.getTime(); at < end; ) {
    const next = Math.min(end, Math.floor(at / 60_000) * 60_000 + 60_000);
    if (isOpen(hours, new Date(at))) open += next - at;
    at = next;
  }
  return open / 1000;
}
