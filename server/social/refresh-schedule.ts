// When an open public item is measured again. Exposure moves fastest in an item's first hours (that is
// when a complaint goes viral, and when hiding or answering it still matters), so the hub looks often then
// and seldom later, and stops after three days: an older item's exposure no longer changes what marketing
// does. On X every look costs money (channels/twitter/budget.ts), which this spacing also bounds: an item
// is read at most 12 + 20 + 18 + 8 = 58 times in all.
const minute = 60_000;
const steps: { until: number; every: number }[] = [
  { until: 60 * minute, every: 5 * minute },
  { until: 6 * 60 * minute, every: 15 * minute },
  { until: 24 * 60 * minute, every: 60 * minute },
  { until: 72 * 60 * minute, every: 6 * 60 * minute },
];

/** The next measurement after `now` of an item first seen at `seenAt`, or null when it is no longer measured. */
export function nextRefreshAt(seenAt: Date, now: Date): Date | null {
  const age = now.getTime() - seenAt.getTime();
  const step = steps.find((s) => age < s.until);
  return step ? new Date(now.getTime() + step.every) : null;
}
