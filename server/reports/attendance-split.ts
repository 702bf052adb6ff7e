// The arithmetic of the attendance report (QP-14), kept pure so a spec can count it by hand: an agent's
// presence sessions as a timeline, and what that timeline holds inside a window of time (a shift, a day,
// the hours outside the shifts). Instants are epoch milliseconds; nothing here reads a clock or a database.
import type { Presence } from '#server/db/schema.ts';

export type Session = { status: Presence; reason: string | null; startedAt: number; endedAt: number | null };
export type Span = { status: Presence; reason: string | null; from: number; to: number };
export type Range = { from: number; to: number };

/** What a window holds, in milliseconds; `elapsed` stops at now, so a running shift counts what has passed. */
export type Figures = {
  elapsed: number;
  online: number;
  away: number;
  /** Per auxiliary reason. */
  auxiliary: Map<string, number>;
  /** Elapsed time in no logged-in status: offline, or before any session. */
  offline: number;
  /** The first instant logged in (online, away or auxiliary); the window's start when already logged in. */
  firstLogin: number | null;
  /** The end of the last logged-in stretch; null when the agent is still logged in at the window's end or now. */
  lastLogout: number | null;
};

/** An auxiliary session saved without a reason (none should be: the API requires one). */
export const noReason = 'Unspecified';

/**
 * One agent's sessions in order, each cut where the next starts (the hub closes one as it opens the next;
 * rows written otherwise must not count twice) and at now (an open session counts up to now, never later).
 */
export function timeline(sessions: Session[], now: number): Span[] {
  const sorted = [...sessions].sort((a, b) => a.startedAt - b.startedAt);
  const out: Span[] = [];
  sorted.forEach((s, i) => {
    const to = Math.min(s.endedAt ?? now, sorted[i + 1]?.startedAt ?? now, now);
    if (to > s.startedAt) out.push({ status: s.status, reason: s.reason, from: s.startedAt, to });
  });
  return out;
}

const loggedIn = (s: Span) => s.status !== 'offline';

/** The timeline inside the ranges (ordered, apart), each range cut at now. */
export function figuresIn(spans: Span[], ranges: Range[], now: number): Figures {
  const f: Figures = {
    elapsed: 0,
    online: 0,
    away: 0,
    auxiliary: new Map(),
    offline: 0,
    firstLogin: null,
    lastLogout: null,
  };
  for (const r of ranges) {
    const end = Math.min(r.to, now);
    if (end <= r.from) continue;
    f.elapsed += end - r.from;
    let inside = 0;
    let stretchEnd: number | null = null;
    for (const s of spans) {
      const from = Math.max(s.from, r.from);
      const to = Math.min(s.to, end);
      if (to <= from || !loggedIn(s)) continue;
      inside += to - from;
      if (s.status === 'online') f.online += to - from;
      else if (s.status === 'away') f.away += to - from;
      else {
        const reason = s.reason ?? noReason;
        f.auxiliary.set(reason, (f.auxiliary.get(reason) ?? 0) + to - from);
      }
      f.firstLogin ??= from;
      // Spans are in order: the last logged-in one ends the last stretch (online → a break → online is
      // one login; only an offline span or a gap between sessions ends it).
      stretchEnd = to;
    }
    f.offline += end - r.from - inside;
    if (stretchEnd !== null) {
      // Ending with the range is a logout only if the agent is not logged in right after it (at now,
      // nobody knows yet).
      const stays =
        stretchEnd === end && (end === now || spans.some((s) => loggedIn(s) && s.from <= end && s.to > end));
      f.lastLogout = stays ? null : stretchEnd;
    }
  }
  return f;
}

/** Milliseconds logged in (any status but offline). */
export const loggedInMs = (f: Figures) =>
  f.online + f.away + [...f.auxiliary.values()].reduce((a, b) => a + b, 0);

/** The parts of [from, to) that none of `taken` (ordered, apart) covers. */
export function complement(from: number, to: number, taken: Range[]): Range[] {
  const out: Range[] = [];
  let at = from;
  for (const r of taken) {
    if (r.from > at) out.push({ from: at, to: Math.min(r.from, to) });
    at = Math.max(at, r.to);
  }
  if (at < to) out.push({ from: at, to });
  return out.filter((r) => r.to > r.from);
}
