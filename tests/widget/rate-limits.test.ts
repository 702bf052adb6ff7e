// The widget's rate limits over minutes, on a simulated clock (rate-limiter-flexible reads Date.now, which
// this spec moves instead of sleeping; the hub-level probes are in abuse-limits.test.ts): a customer typing
// fast is never held back, a script is and is told truly when to try again; an address is believed from
// X-Forwarded-For only when a trusted proxy says it, and an IPv6 network counts as one client.
import express from 'express';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LimitedAction, WidgetLimits } from '#server/context.ts';
import { AppError } from '#server/errors.ts';
import { addressKey, forwardedAddress, type TrustProxy } from '#server/widget/client-address.ts';
import { createWidgetLimits } from '#server/widget/rate-limits.ts';
import type { WidgetRateLimits } from '#shared/widget.schema.ts';

const start = Date.parse('2030-01-01T09:00:00Z');
let limits: WidgetLimits;
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: start });
  limits = createWidgetLimits({ prefix: 'test' });
});
afterEach(() => {
  vi.useRealTimers();
});

const visitor = (n: number) => ({ inboxId: 1, address: '203.0.113.9', visitor: `visitor-${n}` });

/** One attempt at `ms` after the start: null when it went through, the refusal otherwise. */
async function attempt(
  ms: number,
  action: LimitedAction,
  who: Parameters<WidgetLimits['take']>[1] = visitor(1),
  rates?: WidgetRateLimits,
): Promise<AppError | null> {
  vi.setSystemTime(start + ms);
  try {
    await limits.take(action, who, rates);
    return null;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
}

describe('messages', () => {
  it('never refuses a customer who types ten messages in two seconds, then one a second for five minutes', async () => {
    const refused: number[] = [];
    for (let i = 0; i < 10; i++) if (await attempt(i * 200, 'message')) refused.push(i);
    for (let s = 2; s < 302; s++) if (await attempt(s * 1000, 'message')) refused.push(s);
    expect(refused).toEqual([]);
  });

  it('stops a script sending 500 in nine seconds after its burst, and lets it on when it said it would', async () => {
    let sent = 0;
    let first: AppError | null = null;
    let firstAt = 0;
    for (let i = 0; i < 500; i++) {
      const ms = Math.floor((i * 9000) / 500);
      const refusal = await attempt(ms, 'message');
      if (!refusal) sent++;
      else if (!first) [first, firstAt] = [refusal, ms];
    }
    expect(sent).toBeGreaterThanOrEqual(10);
    expect(sent).toBeLessThanOrEqual(40);
    expect(first?.code).toBe('rate_limited');
    const { retryAfterMs } = (first?.details ?? {}) as { retryAfterMs: number };
    expect(retryAfterMs).toBeGreaterThan(0);
    expect(retryAfterMs).toBeLessThanOrEqual(10_000);
    // Told to wait that long from the first refusal: by then the steady rate has room again.
    expect(await attempt(Math.max(9000, firstAt + retryAfterMs), 'message')).toBeNull();
  });

  it('gives an inbox that raises the rate a burst raised with it', async () => {
    let sent = 0;
    for (let i = 0; i < 100; i++)
      if (!(await attempt(0, 'message', visitor(1), { messagesPerMinute: 600 }))) sent++;
    expect(sent).toBe(100);
  });

  it('holds the visitors of one address to three visitors’ worth together', async () => {
    let sent = 0;
    for (let n = 0; n < 10; n++)
      for (let i = 0; i < 30; i++) if (!(await attempt(0, 'message', visitor(n)))) sent++;
    // Each could send 30 at once on their own; the address as a whole sends 90.
    expect(sent).toBe(90);
  });
});

describe('new visitors, uploads and transcripts', () => {
  it('lets twenty new visitors in from one address at once, then one every twelve seconds', async () => {
    const who = { inboxId: 1, address: '203.0.113.9' };
    let admitted = 0;
    for (let i = 0; i < 100; i++) if (!(await attempt(0, 'session', who))) admitted++;
    expect(admitted).toBe(20);
    // A minute later: five more (the steady rate), not another twenty.
    admitted = 0;
    for (let i = 0; i < 20; i++) if (!(await attempt(61_000, 'session', who))) admitted++;
    expect(admitted).toBe(5);
  });

  it('takes the ten files one message may carry at once, and tells a flood to wait minutes', async () => {
    const results = [];
    for (let i = 0; i < 20; i++) results.push(await attempt(0, 'upload'));
    expect(results.slice(0, 10)).toEqual(Array(10).fill(null));
    const refusal = results.find(Boolean);
    expect(refusal?.message).toMatch(/too many uploads: try again in \d+ min/);
  });

  it('leaves a visitor a second and third try at a transcript, not a fourth within the hour', async () => {
    expect(await attempt(0, 'transcript')).toBeNull();
    expect(await attempt(10_000, 'transcript')).toBeNull();
    expect(await attempt(20_000, 'transcript')).toBeNull();
    expect((await attempt(30_000, 'transcript'))?.code).toBe('rate_limited');
    expect(await attempt(3_601_000, 'transcript')).toBeNull();
  });
});

describe('client addresses', () => {
  const trust = express().set('trust proxy', 'loopback').get('trust proxy fn') as TrustProxy;

  it('believes X-Forwarded-For only when a trusted proxy hands it on', () => {
    expect(forwardedAddress('127.0.0.1', '198.51.100.1', trust)).toBe('198.51.100.1');
    expect(forwardedAddress('::ffff:127.0.0.1', '198.51.100.1', trust)).toBe('198.51.100.1');
    // Straight from the internet: the header is the client's own word.
    expect(forwardedAddress('203.0.113.5', '198.51.100.1', trust)).toBe('203.0.113.5');
    // Through the proxy, an address the client wrote itself is left of the one the proxy saw.
    expect(forwardedAddress('127.0.0.1', '10.9.9.9, 198.51.100.1', trust)).toBe('198.51.100.1');
    expect(forwardedAddress('127.0.0.1', undefined, trust)).toBe('127.0.0.1');
  });

  it('counts one IPv6 network (a /64) as one client, and an IPv4-mapped address as its IPv4', () => {
    expect(addressKey('2001:db8:1:2:3:4:5:6')).toBe(addressKey('2001:db8:1:2::9'));
    expect(addressKey('2001:db8:1:2::9')).not.toBe(addressKey('2001:db8:1:3::9'));
    expect(addressKey('2001:0DB8:0001:0002::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(addressKey('198.51.100.7')).toBe('198.51.100.7');
  });
});
