// How much anonymous widget traffic one client address and one visitor may send (issue 14, point 5): new
// sessions, messages, uploads and transcript requests. Each is a steady rate with a burst on top
// (rate-limiter-flexible's BurstyRateLimiter: a short window at the steady rate, and a longer one that
// takes the overflow), so a customer typing ten lines at once is never held back while a script is
// stopped after a few dozen. One node counts in memory; with Redis (several nodes) every node counts in
// the same keys, and a Redis outage falls back to counting in memory rather than refusing every visitor.
// An inbox's settings (shared/widget.schema.ts `rateLimits`) name other rates; the bursts scale with them.
// The transcripts-per-recipient cap is not here: it is counted in the database (request-transcript.ts).
import {
  BurstyRateLimiter,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import type { LimitedAction, WidgetLimits } from '#server/context.ts';
import { AppError } from '#server/errors.ts';
import type { WidgetRateLimits } from '#shared/widget.schema.ts';

type Policy = {
  /** The inbox setting that names the rate, per `per` seconds, and the rate when it names none. */
  setting: keyof WidgetRateLimits;
  byDefault: number;
  per: number;
  /** The steady rate is counted in windows this long: a short window lets that share through at once. */
  window: number;
  /** The burst on top, as a share of the rate, counted over `burstWindow` seconds. */
  burst: number;
  burstWindow: number;
  /** Whether the visitor has a budget of their own besides their address's (a new session has no visitor yet). */
  perVisitor: boolean;
  refusal: string;
};

export const limitPolicies: Record<LimitedAction, Policy> = {
  // 5 a minute and 15 more an hour: twenty at once from one address, then one every twelve seconds.
  session: {
    setting: 'newVisitorsPerMinute',
    byDefault: 5,
    per: 60,
    window: 60,
    burst: 3,
    burstWindow: 3600,
    perVisitor: false,
    refusal: 'too many new chats from your network',
  },
  // 60 a minute counted in 10 s windows (ten at once), and 20 more a minute: thirty in a row at most.
  message: {
    setting: 'messagesPerMinute',
    byDefault: 60,
    per: 60,
    window: 10,
    burst: 1 / 3,
    burstWindow: 60,
    perVisitor: true,
    refusal: 'too many messages in a short time',
  },
  // 30 an hour counted in 10 min windows (five at once), and 10 more an hour: fifteen files at once.
  upload: {
    setting: 'uploadsPerHour',
    byDefault: 30,
    per: 3600,
    window: 600,
    burst: 1 / 3,
    burstWindow: 3600,
    perVisitor: true,
    refusal: 'too many uploads',
  },
  // A transcript is one click at the end of a chat; a typo in the address leaves two tries.
  transcript: {
    setting: 'transcriptsPerHour',
    byDefault: 3,
    per: 3600,
    window: 3600,
    burst: 0,
    burstWindow: 0,
    perVisitor: true,
    refusal: 'too many transcripts requested',
  },
};

/** An address may be several people (an office, a carrier's shared address): three visitors' worth. */
export const ADDRESS_SHARE = 3;

/** A connected node-redis (v4+) client: the limiters count with its EVAL and MULTI (`useRedisPackage`). */
export type LimitsRedis = { isReady: boolean };
type Store = RateLimiterMemory | RateLimiterRedis;
type Limiter = Store | BurstyRateLimiter;

export function createWidgetLimits(opts: { redis?: LimitsRedis | null; prefix: string }): WidgetLimits {
  // One limiter per action, scope and rate: an inbox that names another rate counts in keys of its own.
  const built = new Map<string, Limiter>();
  const store = (name: string, points: number, duration: number): Store => {
    const memory = new RateLimiterMemory({ keyPrefix: name, points, duration });
    if (!opts.redis) return memory;
    return new RateLimiterRedis({
      storeClient: opts.redis,
      useRedisPackage: true,
      rejectIfRedisNotReady: true,
      keyPrefix: `${opts.prefix}:${name}`,
      points,
      duration,
      insuranceLimiter: memory,
    });
  };
  const limiter = (action: LimitedAction, scope: 'visitor' | 'address', rate: number): Limiter => {
    const name = `limits:${action}:${scope}:${rate}`;
    let found = built.get(name);
    if (!found) {
      const p = limitPolicies[action];
      const steady = store(name, Math.max(1, Math.ceil((rate * p.window) / p.per)), p.window);
      const burst = Math.ceil(rate * p.burst);
      found =
        burst > 0 ? new BurstyRateLimiter(steady, store(`${name}:burst`, burst, p.burstWindow)) : steady;
      built.set(name, found);
    }
    return found;
  };
  return {
    async take(action, who, rates) {
      const p = limitPolicies[action];
      const rate = rates?.[p.setting] ?? p.byDefault;
      if (p.perVisitor && who.visitor) {
        await consume(limiter(action, 'visitor', rate), `${who.inboxId}:${who.visitor}`, p);
      }
      const addressRate = p.perVisitor ? rate * ADDRESS_SHARE : rate;
      await consume(limiter(action, 'address', addressRate), `${who.inboxId}:${who.address}`, p);
    },
  };
}

async function consume(limiter: Limiter, key: string, p: Policy): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (err) {
    // The library refuses with its result object; anything else is a failure of ours, not a refusal.
    if (!(err instanceof RateLimiterRes)) throw err;
    const retryAfterMs = Math.max(1, err.msBeforeNext);
    throw new AppError('rate_limited', `${p.refusal}: try again in ${inWords(retryAfterMs)}`, {
      details: { retryAfterMs },
    });
  }
}

export function inWords(ms: number): string {
  if (ms < 60_000) return `${Math.ceil(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.ceil(ms / 60_000)} min`;
  return `${Math.ceil(ms / 3_600_000)} h`;
}
