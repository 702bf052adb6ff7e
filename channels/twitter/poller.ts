// Inbound by polling: mentions, then DMs, every `pollSeconds`. Each stream's cursor moves only after the
// hub committed what it read (receive() is awaited), so a crash or a restart reads it again and the hub's
// (inbox, external id) uniqueness stores it once. What each answer read is charged to the month's budget
// (budget.ts) before anything else, since X charged it whatever happens next; polling slows as the budget
// runs down, and stops when it is spent with the inbox marked failed and an alert — never silently.
// The timer is this connection's own and dies with stop(); `pollNow` lets a test or "check now" drive it.
// `account.spend` lets other reads of the account (the hub's re-measurements) share the budget and waits.
import { createHash } from 'node:crypto';
import { ChannelError } from '../errors.ts';
import type { ChannelContext } from '../types.ts';
import { type BudgetState, charge, nextMonth, pollDelayMs, spentUsd } from './budget.ts';
import { DEFAULT_POLL_SECONDS, type XConfig } from './config.ts';
import { readDms } from './read-dms.ts';
import { type ReadResult, readMentions } from './read-mentions.ts';
import { meAnswer } from './x.schema.ts';
import { type XClient, xError } from './x-client.ts';

export const BUDGET_KEY = 'x:budget';
export const sinceKey = (stream: 'mentions' | 'dms') => `x:since:${stream}`;
const ME_KEY = 'x:me';

export type PollOutcome = {
  /** Messages handed to the hub. */
  stored: number;
  /** When the next poll is due, in ms from now (a spent budget: when the month turns). */
  nextInMs: number;
  /** Why nothing was read, if nothing was. */
  skipped?: 'rate_limited' | 'budget_spent' | 'failed';
};

/** `tokens`: which access token found this id, so tokens of another account ask again. */
type Me = { id: string; username?: string; tokens: string };
const usd = (n: number) => `$${n.toFixed(2)}`;

export function createPoller(ctx: ChannelContext<XConfig>, x: XClient) {
  const { config } = ctx;
  const baseMs = (config.pollSeconds ?? DEFAULT_POLL_SECONDS) * 1000;
  const streams = [
    { name: 'mentions', read: readMentions },
    { name: 'dms', read: readDms },
  ] as const;
  let me: Me | null = null;
  let blockedUntil = 0;
  let health = '';
  let alertedMonth = '';
  let stopped = true;
  /** Set by stop() only: a poll in flight ends after its current stream. */
  let halted = false;
  let chain: Promise<unknown> = Promise.resolve();
  let loop: Promise<void> | null = null;
  let wake: (() => void) | null = null;

  const report = (h: 'ready' | 'needs_auth' | 'failed', detail?: string) => {
    if (`${h}:${detail}` === health) return;
    health = `${h}:${detail}`;
    ctx.setHealth(h, detail);
  };

  async function budget(): Promise<BudgetState | null> {
    return ctx.cursor.get<BudgetState>(BUDGET_KEY);
  }

  async function pay(read: ReadResult['read']): Promise<number> {
    const now = new Date();
    const before = await budget();
    const { state, costMills } = charge(before, now, read);
    // Most polls read nothing: the row is written only when the spend or the day changed.
    if (costMills > 0 || state.day !== before?.day) await ctx.cursor.set(BUDGET_KEY, state);
    return spentUsd(state, now);
  }

  /** The account the tokens act as: asked once (a user read), then kept with the cursors. */
  async function whoAmI(): Promise<Me> {
    if (me) return me;
    const tokens = createHash('sha256').update(config.accessToken).digest('hex').slice(0, 16);
    const known = await ctx.cursor.get<Me>(ME_KEY);
    if (known?.tokens === tokens) {
      me = known;
      return known;
    }
    const answer = await x.get('users/me', { 'user.fields': 'username' }, meAnswer);
    await pay({ posts: [], users: [answer.data.id] });
    me = { id: answer.data.id, username: answer.data.username, tokens };
    await ctx.cursor.set(ME_KEY, me);
    return me;
  }

  /** The wait this month's spend calls for; after a good read, says on the inbox whether it is slowed. */
  function paced(spent: number, readOk: boolean): number | null {
    const delay = pollDelayMs(baseMs / 1000, config.monthlyBudgetUsd, spent);
    if (delay === null || !readOk) return delay;
    const cap = config.monthlyBudgetUsd ?? 0;
    report(
      'ready',
      delay > baseMs
        ? `X budget: ${usd(spent)} of ${usd(cap)} spent this month; polling every ${Math.round(delay / 1000)} s`
        : undefined,
    );
    return delay;
  }

  function spentOut(spent: number, now: Date): PollOutcome {
    const resume = nextMonth(now);
    const detail = `the monthly X budget is spent (${usd(spent)} of ${usd(config.monthlyBudgetUsd ?? 0)}): mentions and DMs are not read until ${resume.toISOString().slice(0, 10)}; raise the budget to resume now`;
    report('failed', detail);
    const month = now.toISOString().slice(0, 7);
    if (alertedMonth !== month) {
      alertedMonth = month;
      ctx.alert(detail);
    }
    return { stored: 0, nextInMs: resume.getTime() - now.getTime(), skipped: 'budget_spent' };
  }

  async function pollOnce(): Promise<PollOutcome> {
    const now = new Date();
    if (now.getTime() < blockedUntil) {
      return { stored: 0, nextInMs: blockedUntil - now.getTime(), skipped: 'rate_limited' };
    }
    let stored = 0;
    try {
      let spent = spentUsd(await budget(), now);
      if (paced(spent, false) === null) return spentOut(spent, now);
      const account = await whoAmI();
      for (const stream of streams) {
        if (halted) break;
        const key = sinceKey(stream.name);
        // Kept wrapped: a bare numeric string may come back from jsonb as a number, rounded past 2^53.
        const since = (await ctx.cursor.get<{ id: string }>(key))?.id ?? null;
        const result = await stream.read(x, account, ctx.inbox.id, since);
        spent = await pay(result.read);
        for (const m of result.messages) {
          await ctx.receive(m);
          stored++;
        }
        if (result.cursor && result.cursor !== since) await ctx.cursor.set(key, { id: result.cursor });
        if (paced(spent, false) === null) break;
      }
      const at = new Date();
      const next = paced(spent, true);
      return next === null ? { ...spentOut(spent, at), stored } : { stored, nextInMs: next };
    } catch (err) {
      const e = xError(err);
      ctx.log.warn({ err: e }, 'X poll failed');
      if (e.code === 'RATE_LIMITED') {
        blockedUntil = Date.now() + (e.retryAfterMs ?? baseMs);
        report('ready', `X asked to wait: next read at ${new Date(blockedUntil).toISOString()}`);
        return { stored, nextInMs: blockedUntil - Date.now(), skipped: 'rate_limited' };
      }
      report(e.code === 'AUTH' ? 'needs_auth' : 'failed', e.message);
      // Backs off a little on trouble, without waiting longer than a few intervals to notice a fix.
      return { stored, nextInMs: baseMs * 2, skipped: 'failed' };
    }
  }

  /** One poll at a time: a timer tick and a "check now" never read the same cursor together. */
  const serial = (): Promise<PollOutcome> => {
    const run = chain.then(pollOnce);
    chain = run.catch(() => undefined);
    return run;
  };

  /** Never longer than an hour: a timer cannot span a month, and a raised budget reloads the inbox anyway. */
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, Math.min(ms, 3_600_000));
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });

  async function run(): Promise<void> {
    while (!stopped) {
      const { nextInMs } = await serial();
      if (!stopped) await sleep(nextInMs);
    }
  }

  return {
    async start() {
      stopped = false;
      halted = false;
      try {
        await whoAmI();
        report('ready');
      } catch (err) {
        const e = xError(err);
        report(e.code === 'AUTH' ? 'needs_auth' : 'failed', e.message);
      }
      loop = run();
    },
    async stop() {
      stopped = true;
      halted = true;
      wake?.();
      await loop?.catch(() => {});
      await chain;
      loop = null;
    },
    pollNow: serial,
    account: {
      whoAmI,
      /**
       * Runs `fn` (another read of the account: the hub's re-measurements) between polls, then charges
       * what it read: its charges and the poller's never overwrite each other. Refuses (RATE_LIMITED, until the month
       * turns or X's reset) while the budget is spent or X asked to wait, as polling does.
       */
      spend<T>(fn: () => Promise<{ result: T; read: ReadResult['read'] }>): Promise<T> {
        const run = chain.then(async () => {
          const now = new Date();
          if (now.getTime() < blockedUntil) {
            throw new ChannelError('RATE_LIMITED', 'X asked to wait', {
              retryAfterMs: blockedUntil - now.getTime(),
            });
          }
          if (paced(spentUsd(await budget(), now), false) === null) {
            throw new ChannelError('RATE_LIMITED', 'the monthly X budget is spent', {
              retryAfterMs: nextMonth(now).getTime() - now.getTime(),
            });
          }
          try {
            const { result, read } = await fn();
            await pay(read);
            return result;
          } catch (err) {
            const e = xError(err);
            if (e.code === 'RATE_LIMITED') blockedUntil = Date.now() + (e.retryAfterMs ?? baseMs);
            throw e;
          }
        });
        chain = run.catch(() => undefined);
        return run;
      },
    },
  };
}
