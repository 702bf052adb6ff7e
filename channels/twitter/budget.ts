// X's pay-per-use reads, as the inbox pays for them: $0.005 a post read and $0.010 a user read, the same
// post or user read again the same UTC day not charged twice. DM events are counted as post reads (X
// prices them as resources read, like posts). Amounts are kept in integer mills ($0.001) so a month of
// small charges adds up exactly. Pure functions: the poller keeps the state in the channel store.

export const POST_READ_MILLS = 5;
export const USER_READ_MILLS = 10;
/** Ids remembered per day for the dedup; a busier account's extra reads are charged (the safe side). */
const MAX_SEEN_PER_DAY = 20_000;

export type BudgetState = {
  /** `YYYY-MM` (UTC) the spend belongs to. */
  month: string;
  spentMills: number;
  /** `YYYY-MM-DD` (UTC) the seen ids belong to. */
  day: string;
  posts: string[];
  users: string[];
};

export const emptyBudget = (now: Date): BudgetState => ({
  month: now.toISOString().slice(0, 7),
  spentMills: 0,
  day: now.toISOString().slice(0, 10),
  posts: [],
  users: [],
});

/** Adds what one answer read; returns the new state and what it cost, in mills. */
export function charge(
  state: BudgetState | null,
  now: Date,
  read: { posts: string[]; users: string[] },
): { state: BudgetState; costMills: number } {
  const fresh = emptyBudget(now);
  let s = state ?? fresh;
  if (s.month !== fresh.month) s = fresh;
  else if (s.day !== fresh.day) s = { ...s, day: fresh.day, posts: [], users: [] };
  const posts = new Set(s.posts);
  const users = new Set(s.users);
  const newPosts = [...new Set(read.posts)].filter((id) => !posts.has(id));
  const newUsers = [...new Set(read.users)].filter((id) => !users.has(id));
  const costMills = newPosts.length * POST_READ_MILLS + newUsers.length * USER_READ_MILLS;
  return {
    state: {
      ...s,
      spentMills: s.spentMills + costMills,
      posts: [...s.posts, ...newPosts].slice(-MAX_SEEN_PER_DAY),
      users: [...s.users, ...newUsers].slice(-MAX_SEEN_PER_DAY),
    },
    costMills,
  };
}

/** This month's spend in dollars (a state from an earlier month has spent nothing yet this month). */
export function spentUsd(state: BudgetState | null, now: Date): number {
  if (!state || state.month !== now.toISOString().slice(0, 7)) return 0;
  return state.spentMills / 1000;
}

/**
 * How long to wait before the next poll: the set interval while more than half the budget is left, then
 * 2×, 4× and 8× as it falls under 50 %, 25 % and 10 %, so the last of it stretches over more of the month;
 * null once it is spent (no polling until the month turns).
 */
export function pollDelayMs(
  pollSeconds: number,
  budgetUsd: number | undefined,
  spent: number,
): number | null {
  const base = pollSeconds * 1000;
  if (budgetUsd === undefined) return base;
  const left = 1 - spent / budgetUsd;
  if (left <= 0) return null;
  if (left < 0.1) return base * 8;
  if (left < 0.25) return base * 4;
  if (left < 0.5) return base * 2;
  return base;
}

/** The first instant of the next UTC month: when a spent budget is whole again. */
export function nextMonth(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
}
