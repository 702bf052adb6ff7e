// Influence scoring (DOMAIN.md §4): who marketing must answer first. A table of authors and exposures with
// the tier a social back-office officer would expect, properties that make the ranking trustworthy (more
// reach or more engagement never ranks an item lower), private messages scored by reach alone, account
// thresholds that move tiers, and settings the account cannot save.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultInfluenceSettings,
  type InfluenceTier,
  influenceSettingsSchema,
  type SocialMeasurement,
  type SocialMetrics,
  socialMetricsSchema,
} from '#shared/influence.schema.ts';
import { compactCount, scoreInfluence, tierAtLeast } from '#shared/influence.ts';

const t0 = Date.UTC(2026, 11, 7, 8);
const at = (hours: number) => new Date(t0 + hours * 3_600_000).toISOString();
const quiet = (hours = 0): SocialMeasurement => ({ likes: 0, replies: 0, reposts: 0, measuredAt: at(hours) });
const score = (m: SocialMetrics) => scoreInfluence(m, defaultInfluenceSettings);
const part = (m: SocialMetrics, key: string) => score(m).parts.find((p) => p.key === key)!;

const cases: { name: string; metrics: SocialMetrics; tiers: InfluenceTier[] }[] = [
  {
    name: 'an unknown account with 12 followers complaining',
    metrics: { visibility: 'public', author: { followers: 12, verified: false }, item: quiet() },
    tiers: ['low'],
  },
  {
    name: 'an ordinary customer whose comment got 3 likes',
    metrics: {
      visibility: 'public',
      author: { followers: 300, verified: false, listed: 1 },
      item: { likes: 3, replies: 1, reposts: 0, measuredAt: at(0) },
    },
    tiers: ['low'],
  },
  {
    name: 'a verified journalist with 250k followers, just posted',
    metrics: {
      visibility: 'public',
      author: { followers: 250_000, verified: true, listed: 3000, handle: 'journalist' },
      item: quiet(),
    },
    tiers: ['high', 'critical'],
  },
  {
    name: 'the same journalist, 1.2k reposts in 2 h',
    metrics: {
      visibility: 'public',
      author: { followers: 250_000, verified: true, listed: 3000 },
      previous: { likes: 10, replies: 2, reposts: 0, measuredAt: at(0) },
      item: { likes: 2400, replies: 310, reposts: 1200, quotes: 90, measuredAt: at(2) },
    },
    tiers: ['critical'],
  },
  {
    name: 'a local Page of 48k followers mentioning ours',
    metrics: {
      visibility: 'public',
      author: { followers: 48_000, verified: false, page: true },
      item: { likes: 20, replies: 2, reposts: 2, measuredAt: at(0) },
    },
    tiers: ['medium'],
  },
  {
    name: 'an unknown account whose post got 5k reposts in an hour',
    metrics: {
      visibility: 'public',
      author: { followers: 12, verified: false },
      previous: { likes: 3, replies: 1, reposts: 0, measuredAt: at(0) },
      item: { likes: 2000, replies: 150, reposts: 5000, measuredAt: at(1) },
    },
    tiers: ['high', 'critical'],
  },
];

const named = (start: string) => cases.find((c) => c.name.startsWith(start))!.metrics;

describe('scoreInfluence', () => {
  it.each(cases)('$name → $tiers', ({ metrics, tiers }) => {
    expect(socialMetricsSchema.parse(metrics)).toEqual(metrics);
    expect(tiers).toContain(score(metrics).tier);
  });

  it('gives each part its points, its maximum and a reason a person can read', () => {
    const r = score(named('the same journalist'));
    expect(r.parts.map((p) => p.key)).toEqual(['reach', 'verified', 'listed', 'engagement', 'velocity']);
    expect(r.parts.reduce((s, p) => s + p.max, 0)).toBe(100);
    expect(Math.abs(r.parts.reduce((s, p) => s + p.points, 0) - r.score)).toBeLessThan(1);
    expect(r.parts.map((p) => p.reason)).toEqual([
      '250k followers',
      'verified',
      'on 3k lists',
      '1.2k reposts, 2.4k likes, 310 replies',
      '+1.2k reposts, +2.4k likes in 2 h',
    ]);
    expect(part(named('a local Page'), 'reach').reason).toBe('48k Page followers');
    expect(part(named('an unknown account with 12'), 'velocity').reason).toBe('one measurement only');
  });

  it('makes a post that goes viral climb, with velocity as a bounded bonus', () => {
    const viral = named('an unknown account whose post');
    const before: SocialMetrics = { ...viral, item: viral.previous, previous: undefined };
    expect(score(before).tier).toBe('low');
    expect(score(viral).score - score(before).score).toBeGreaterThan(30);
    // The same counts measured once: no velocity, a lower score than when they came within the hour.
    const once = { ...viral, previous: undefined };
    expect(score(once).score).toBeLessThan(score(viral).score);
    // The same growth over a week is slower, and counts less.
    const slow = { ...viral, item: { ...viral.item!, measuredAt: at(24 * 7) } };
    expect(part(slow, 'velocity').points).toBeLessThan(part(viral, 'velocity').points);
    expect(part(slow, 'velocity').reason).toBe('+5k reposts, +2k likes in 7 d');
    // Any growth at all never gives more than the velocity weight.
    const absurd = { ...viral, item: { ...viral.item!, reposts: 1e12, measuredAt: at(0.001) } };
    expect(part(absurd, 'velocity').points).toBe(20);
  });

  it('scores a private message by the author alone: no exposure, so never critical', () => {
    const celebrity: SocialMetrics = {
      visibility: 'private',
      author: { followers: 5_000_000, verified: true, listed: 50_000 },
      // Counts a private message cannot have are ignored, not trusted.
      item: { likes: 1e6, replies: 1e6, reposts: 1e6, measuredAt: at(1) },
      previous: quiet(),
    };
    const r = score(celebrity);
    expect(part(celebrity, 'engagement')).toMatchObject({
      points: 0,
      reason: 'private message: no public exposure',
    });
    expect(part(celebrity, 'velocity').points).toBe(0);
    expect(r.score).toBe(50);
    expect(r.tier).toBe('high');
    expect(score({ visibility: 'private', author: { followers: 80, verified: false } }).tier).toBe('low');
  });

  it('never ranks an author with more followers lower, all else equal', () => {
    fc.assert(
      fc.property(metricsArb, fc.nat(10_000_000), (m, more) => {
        const bigger = { ...m, author: { ...m.author, followers: (m.author.followers ?? 0) + more } };
        expect(score(bigger).score).toBeGreaterThanOrEqual(score(m).score);
      }),
    );
  });

  it('never ranks an item with more engagement of any kind lower, all else equal', () => {
    fc.assert(
      fc.property(
        metricsArb,
        fc.constantFrom('likes', 'replies', 'reposts', 'quotes', 'views'),
        fc.nat(10_000_000),
        (m, key, more) => {
          const item = m.item ?? quiet(3);
          const grown = { ...m, item: { ...item, [key]: (item[key] ?? 0) + more } };
          expect(score(grown).score).toBeGreaterThanOrEqual(score({ ...m, item }).score);
        },
      ),
    );
  });

  it('always gives a score between 0 and 100 whose tier follows the thresholds', () => {
    fc.assert(
      fc.property(metricsArb, (m) => {
        const r = score(m);
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(100);
        const { medium, high, critical } = defaultInfluenceSettings.thresholds;
        const expected =
          r.score >= critical ? 'critical' : r.score >= high ? 'high' : r.score >= medium ? 'medium' : 'low';
        expect(r.tier).toBe(expected);
      }),
    );
  });
});

describe('influence settings', () => {
  it('moves tiers when the account changes its thresholds or weights', () => {
    const m = named('a local Page'); // the 48k-follower Page, medium by default
    const stricter = { thresholds: { medium: 50, high: 80, critical: 95 } };
    const looser = { thresholds: { medium: 5, high: 10, critical: 30 } };
    expect(scoreInfluence(m, influenceSettingsSchema.parse(stricter)).tier).toBe('low');
    expect(scoreInfluence(m, influenceSettingsSchema.parse(looser)).tier).toBe('critical');
    // All the weight on reach: the score is the reach share alone.
    const reachOnly = influenceSettingsSchema.parse({
      ...defaultInfluenceSettings,
      weights: { reach: 100, verified: 0, listed: 0, engagement: 0, velocity: 0 },
    });
    const r = scoreInfluence(m, reachOnly);
    expect(r.parts.find((p) => p.key === 'reach')!.max).toBe(100);
    expect(r.score).toBe(Math.round(r.parts[0].points));
  });

  it.each([
    ['thresholds out of order', { thresholds: { medium: 50, high: 40, critical: 90 } }],
    ['two equal thresholds', { thresholds: { medium: 20, high: 20, critical: 90 } }],
    ['a threshold above 100', { thresholds: { medium: 20, high: 45, critical: 101 } }],
    ['a threshold of 0 (everything would be medium)', { thresholds: { medium: 0, high: 45, critical: 70 } }],
    ['no thresholds', {}],
    [
      'weights that do not add up to 100',
      {
        ...defaultInfluenceSettings,
        weights: { reach: 50, verified: 10, listed: 5, engagement: 30, velocity: 15 },
      },
    ],
    [
      'a negative weight',
      {
        ...defaultInfluenceSettings,
        weights: { reach: 60, verified: -5, listed: 5, engagement: 25, velocity: 15 },
      },
    ],
    [
      'a missing weight',
      { ...defaultInfluenceSettings, weights: { reach: 55, engagement: 30, velocity: 15 } },
    ],
  ])('refuses %s', (_name, settings) => {
    expect(influenceSettingsSchema.safeParse(settings).success).toBe(false);
  });

  it("reads the metrics beside an adapter's own keys, with null for what a network does not give", () => {
    const fromAdapter = {
      network: 'x',
      postId: '1790',
      visibility: 'public',
      author: { id: '42', handle: null, followers: 900, verified: false, listed: null, following: 12 },
      item: { likes: 4, replies: 0, reposts: 1, quotes: null, views: null, measuredAt: at(0) },
    };
    const parsed = socialMetricsSchema.parse(fromAdapter);
    expect(score(parsed).parts.map((p) => p.reason)).toEqual([
      '900 followers',
      'not verified',
      'no lists on this network',
      '4 likes, 1 repost',
      'one measurement only',
    ]);
  });

  it('gives no reach, and says why, when the network does not give the followers', () => {
    // A Facebook commenter: Graph gives no person's follower count; the comment's exposure still counts.
    const commenter: SocialMetrics = {
      visibility: 'public',
      author: { followers: null, verified: false, handle: null, page: false },
      item: { likes: 40, replies: 12, reposts: 0, measuredAt: at(0) },
    };
    expect(socialMetricsSchema.parse(commenter)).toEqual(commenter);
    expect(part(commenter, 'reach')).toEqual({
      key: 'reach',
      points: 0,
      max: 35,
      reason: 'followers not given by the network',
    });
    expect(part(commenter, 'engagement').points).toBeGreaterThan(0);
    // Unknown is never ranked above a real count, however small.
    const known = { ...commenter, author: { ...commenter.author, followers: 12 } };
    expect(score(known).score).toBeGreaterThanOrEqual(score(commenter).score);
    // X may leave public_metrics out: null parses, a missing count does not.
    expect(
      socialMetricsSchema.safeParse({ visibility: 'public', author: { followers: null, verified: true } })
        .success,
    ).toBe(true);
    expect(socialMetricsSchema.safeParse({ visibility: 'public', author: { verified: true } }).success).toBe(
      false,
    );
  });

  it('refuses metrics an adapter must not send', () => {
    const ok = named('an unknown account with 12');
    expect(socialMetricsSchema.safeParse({ ...ok, author: { ...ok.author, followers: -1 } }).success).toBe(
      false,
    );
    expect(socialMetricsSchema.safeParse({ ...ok, item: { ...quiet(), likes: 1.5 } }).success).toBe(false);
    expect(
      socialMetricsSchema.safeParse({ ...ok, item: { ...quiet(), measuredAt: 'yesterday' } }).success,
    ).toBe(false);
    expect(socialMetricsSchema.safeParse({ ...ok, visibility: 'friends' }).success).toBe(false);
  });
});

describe('helpers', () => {
  it('writes counts the way people read them', () => {
    expect([12, 999, 1000, 1234, 9_960, 48_000, 999_999, 2_500_000].map(compactCount)).toEqual([
      '12',
      '999',
      '1k',
      '1.2k',
      '10k',
      '48k',
      '1M',
      '2.5M',
    ]);
  });

  it('orders tiers low < medium < high < critical', () => {
    expect(tierAtLeast('critical', 'high')).toBe(true);
    expect(tierAtLeast('high', 'high')).toBe(true);
    expect(tierAtLeast('medium', 'high')).toBe(false);
    expect(tierAtLeast('low', 'medium')).toBe(false);
  });
});

const countArb = fc.nat(50_000_000);
const measurementArb = (hours: fc.Arbitrary<number>) =>
  fc.record(
    {
      likes: countArb,
      replies: countArb,
      reposts: countArb,
      quotes: countArb,
      views: fc.nat(2_000_000_000),
      measuredAt: hours.map(at),
    },
    { requiredKeys: ['likes', 'replies', 'reposts', 'measuredAt'] },
  );
const metricsArb: fc.Arbitrary<SocialMetrics> = fc.record(
  {
    visibility: fc.constantFrom('public' as const, 'private' as const),
    author: fc.record(
      { followers: countArb, verified: fc.boolean(), listed: fc.nat(1_000_000), page: fc.boolean() },
      { requiredKeys: ['followers', 'verified'] },
    ),
    item: measurementArb(fc.integer({ min: 0, max: 500 })),
    previous: measurementArb(fc.integer({ min: -500, max: 0 })),
  },
  { requiredKeys: ['visibility', 'author'] },
);
