// Guessing passwords gets slower the more one guesses. Failures are counted from the security log
// (security-events.ts), per address and per client IP, and each failure past a free allowance doubles
// the wait before the next attempt is even checked (capped): a person who mistypes a few times never
// waits; a script trying 200 passwords waits minutes after the first dozen. A success by the address
// clears its count (only the password's owner can do that); an IP's count clears only with time, so an
// attacker cannot reset it by signing in to an account of their own.
import { and, count, eq, gt, max, sql } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import type { Db } from '#server/db/client.ts';
import { securityEvents } from '#server/db/schema.ts';
import { AppError } from '#server/errors.ts';

type Rule = { free: number; firstDelayMs: number; maxDelayMs: number; windowMs: number };

const perAddress: Rule = { free: 5, firstDelayMs: 30_000, maxDelayMs: 15 * 60_000, windowMs: 24 * 3_600_000 };
const perIp: Rule = { free: 20, firstDelayMs: 30_000, maxDelayMs: 15 * 60_000, windowMs: 3_600_000 };

/** How long the next attempt must wait after `failures` failures, the last at `last`. */
function waitMs(rule: Rule, failures: number, last: Date | null, now: Date): number {
  if (failures < rule.free || !last) return 0;
  const delay = Math.min(rule.firstDelayMs * 2 ** (failures - rule.free), rule.maxDelayMs);
  return Math.max(0, last.getTime() + delay - now.getTime());
}

async function failuresOf(db: Db, key: 'email' | 'ip', value: string, rule: Rule, now: Date) {
  const column = key === 'email' ? securityEvents.email : securityEvents.ip;
  const since = new Date(now.getTime() - rule.windowMs);
  // For an address, only the failures after its last success count.
  const cleared =
    key === 'email'
      ? sql`and ${securityEvents.createdAt} > coalesce((select max(s.created_at) from security_events s
          where s.email = ${value} and s.type = 'login_succeeded'), '-infinity'::timestamptz)`
      : sql``;
  const [row] = await db
    .select({ n: count(), last: max(securityEvents.createdAt) })
    .from(securityEvents)
    .where(
      and(
        eq(column, value),
        eq(securityEvents.type, 'login_failed'),
        gt(securityEvents.createdAt, since),
        sql`true ${cleared}`,
      ),
    );
  return waitMs(rule, Number(row?.n ?? 0), row?.last ?? null, now);
}

/**
 * Throws 429 login_throttled, saying how long to wait, when the address or the IP has failed too often
 * lately. Checked before the password, so a throttled guess costs no hashing either. `db`: the caller's
 * transaction when it records the attempt in the same breath (login.ts).
 */
export async function assertLoginAllowed(
  ctx: HubContext,
  email: string,
  ip: string | null,
  db: Db = ctx.db,
): Promise<void> {
  const now = ctx.clock.now();
  const byAddress = await failuresOf(db, 'email', email, perAddress, now);
  const byIp = ip ? await failuresOf(db, 'ip', ip, perIp, now) : 0;
  const retryAfterMs = Math.max(byAddress, byIp);
  if (retryAfterMs === 0) return;
  const seconds = Math.ceil(retryAfterMs / 1000);
  const wait = seconds >= 90 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`;
  throw new AppError(
    'login_throttled',
    `too many failed sign-ins ${byAddress >= byIp ? 'for this address' : 'from this network address'}: try again in ${wait}`,
    { details: { retryAfterMs, scope: byAddress >= byIp ? 'email' : 'ip' } },
  );
}
