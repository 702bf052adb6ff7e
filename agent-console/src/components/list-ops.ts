// The inbox list's bookkeeping, kept cheap at 10,000 conversations: a page appended without re-scanning
// the list per row, and a live update moved to its place by binary search instead of re-sorting all.
// Order: newest activity first, then highest id — the API's keyset order (list-conversations.ts).

type Row = { id: string; lastActivityAt: string };

/** Whether a comes before b in the list. ISO timestamps of one format compare as strings. */
export function sortsBefore(a: Row, b: Row): boolean {
  if (a.lastActivityAt !== b.lastActivityAt) return a.lastActivityAt > b.lastActivityAt;
  return Number(a.id) > Number(b.id);
}

/** The next page after the list; rows the list already has (moved by a live update) are skipped. */
export function appendPage<T extends Row>(list: T[], page: T[]): T[] {
  const have = new Set(list.map((c) => c.id));
  const fresh = page.filter((c) => !have.has(c.id));
  return fresh.length ? [...list, ...fresh] : list;
}

/**
 * The list with `row` in its place (or taken out when it no longer belongs). A row that would sort after
 * the last loaded one is left to the page that will bring it, unless the list is complete.
 */
export function placeRow<T extends Row>(list: T[], row: T, belongs: boolean, complete: boolean): T[] {
  const at = list.findIndex((c) => c.id === row.id);
  const rest = at === -1 ? list : [...list.slice(0, at), ...list.slice(at + 1)];
  if (!belongs) return at === -1 ? list : rest;
  let lo = 0;
  let hi = rest.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sortsBefore(rest[mid], row)) lo = mid + 1;
    else hi = mid;
  }
  if (lo === rest.length && !complete && rest.length > 0) return rest;
  return [...rest.slice(0, lo), row, ...rest.slice(lo)];
}

/**
 * The list with the row of `full`'s conversation completed from it: `full` is the list endpoint's row
 * (name, preview, labels, unread count), fetched for a row a live update brought in without them. What
 * the live updates said stays, as they may be newer than the fetch; a row no longer listed stays out.
 */
export function completeRow<T extends Row>(list: T[], full: T): T[] {
  const at = list.findIndex((c) => c.id === full.id);
  if (at === -1) return list;
  const next = list.slice();
  next[at] = { ...full, ...list[at] };
  return next;
}
