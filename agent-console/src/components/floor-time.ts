// The live floor's clocks: waits and times in state tick on the page every second, counted from the
// instants the hub sent, on the hub's clock (its offset from ours is taken from each floor's `at`).
import { useEffect, useState } from 'react';

/** Now on the hub's clock, again every second while the page is open. */
export function useHubNow(offsetMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  return now + offsetMs;
}

/** A running time: 0:42, 12:05, 1:02:07, and past a day 2 d 3 h. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.floor(seconds));
  const two = (n: number) => String(n).padStart(2, '0');
  if (s >= 86_400) return `${Math.floor(s / 86_400)} d ${Math.floor((s % 86_400) / 3600)} h`;
  if (s >= 3600) return `${Math.floor(s / 3600)}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
  return `${Math.floor(s / 60)}:${two(s % 60)}`;
}

/** Seconds from an ISO instant to `now` (ms), or null without one. */
export const secondsSince = (iso: string | null, now: number): number | null =>
  iso ? (now - Date.parse(iso)) / 1000 : null;

/** A percentage in the page's language, with Latin digits as the rest of the console writes them. */
export function formatPercent(value: number | null, lang: string): string {
  if (value === null) return '—';
  return new Intl.NumberFormat(`${lang}-u-nu-latn`, { style: 'percent', maximumFractionDigits: 2 }).format(
    value / 100,
  );
}
