// Influence score of a social item: how urgent it is that the social back office answers (or hides) it,
// from the author's reach and the item's exposure. Pure, so the console can show the same parts the hub
// routed by. Every part is log-scaled — a 10× bigger audience is one more step, not 10× more urgent — and
// saturates, so one huge number cannot drown the rest:
//
//   reach      = W.reach      · clamp((log10(1 + followers) − 1) / 5)   10 followers count nothing, 1M fill
//                it (a Page mention: the mentioning Page's followers); a few hundred are not yet an audience;
//                0 when the network does not give the count (a Facebook person), and the reason says so
//   verified   = W.verified   · (verified ? 1 : 0)
//   listed     = W.listed     · clamp(log10(1 + listed) / 4)         on 10k lists fills it (journalists are)
//   engagement = W.engagement · clamp(log10(1 + E) / 5)              E = 100k fills it, where
//                E = likes + 2·replies + 3·(reposts + quotes) + views / 100
//                (a repost carries the item to another audience, a reply is a conversation, a view is passive)
//   velocity   = W.velocity   · clamp(log10(1 + R) / 4)              R = 10k per hour fills it, where
//                R = max(0, E − E_previous) / hours between the two measurements (at least one minute)
//   score      = round(reach + verified + listed + engagement + velocity), 0..100 since the weights sum to 100
//
// Default weights 35/10/5/30/20: who the author is and how far the item went weigh the same, 50 each, so a
// nobody's post that goes viral climbs as high as a celebrity's quiet one. The velocity bonus is bounded by
// its weight, and is zero without an earlier measurement.
// A PRIVATE message has no exposure: its engagement and velocity are 0 and its score is the author's reach
// alone (an influential customer writing privately is still worth quick care, before it goes public); with
// the default weights it tops out at 50, so it can be high but never critical.
// Tier: the highest threshold the score reaches (defaults: medium 20, high 40, critical 65), changeable per
// account. Each part's points are rounded to a tenth for display; the score is the rounded sum of the exact parts.
import {
  defaultInfluenceWeights,
  type InfluencePartKey,
  type InfluenceSettings,
  type InfluenceThresholds,
  type InfluenceTier,
  influenceTiers,
  type SocialMeasurement,
  type SocialMetrics,
} from './influence.schema.ts';

export type InfluencePart = { key: InfluencePartKey; points: number; max: number; reason: string };
export type Influence = { score: number; tier: InfluenceTier; parts: InfluencePart[] };

/** Where each part starts and saturates, as powers of ten. */
const scale = { followers: [1, 6], listed: [0, 4], engagement: [0, 5], perHour: [0, 4] } as const;
const engagementWeights = { likes: 1, replies: 2, reposts: 3, quotes: 3, views: 0.01 } as const;
type Metric = keyof typeof engagementWeights;
const metricNames: Record<Metric, [string, string]> = {
  likes: ['like', 'likes'],
  replies: ['reply', 'replies'],
  reposts: ['repost', 'reposts'],
  quotes: ['quote', 'quotes'],
  views: ['view', 'views'],
};

/** Where n lies between 10^from and 10^to on a log scale, 0..1. */
const logShare = (n: number, [from, to]: readonly [number, number]) =>
  Math.min(1, Math.max(0, (Math.log10(1 + Math.max(0, n)) - from) / (to - from)));

/** 12 → "12", 1234 → "1.2k", 48_000 → "48k", 2_500_000 → "2.5M". */
export function compactCount(n: number): string {
  const units: [number, string][] = [
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [div, suffix] of units) {
    if (n < div * 0.9995) continue; // 999_999 reads "1M", not "1000k"
    const v = n / div;
    const shown = v < 9.95 ? Number(v.toFixed(1)) : Math.round(v);
    return `${shown}${suffix}`;
  }
  return String(Math.round(n));
}

const plural = (n: number, m: Metric) => `${compactCount(n)} ${metricNames[m][n === 1 ? 0 : 1]}`;

function duration(hours: number): string {
  if (hours < 1) return `${Math.max(1, Math.round(hours * 60))} min`;
  if (hours < 48) return `${Number(hours.toFixed(hours < 10 ? 1 : 0))} h`;
  return `${Math.round(hours / 24)} d`;
}

const metricsOf = (m: SocialMeasurement): Record<Metric, number> => ({
  likes: m.likes,
  replies: m.replies,
  reposts: m.reposts,
  quotes: m.quotes ?? 0,
  views: m.views ?? 0,
});

/** Weighted engagement E of one measurement. */
export function engagementOf(m: SocialMeasurement): number {
  const v = metricsOf(m);
  return (Object.keys(engagementWeights) as Metric[]).reduce((e, k) => e + engagementWeights[k] * v[k], 0);
}

export function tierOf(score: number, t: InfluenceThresholds): InfluenceTier {
  if (score >= t.critical) return 'critical';
  if (score >= t.high) return 'high';
  if (score >= t.medium) return 'medium';
  return 'low';
}

/** `tier` is `min` or above it (low < medium < high < critical). */
export const tierAtLeast = (tier: InfluenceTier, min: InfluenceTier) =>
  influenceTiers.indexOf(tier) >= influenceTiers.indexOf(min);

function engagementReason(m: SocialMeasurement): string {
  const v = metricsOf(m);
  const shown = (Object.keys(v) as Metric[])
    .filter((k) => v[k] > 0)
    .sort((a, b) => engagementWeights[b] * v[b] - engagementWeights[a] * v[a])
    .slice(0, 3);
  return shown.length ? shown.map((k) => plural(v[k], k)).join(', ') : 'no engagement yet';
}

function velocityOf(item: SocialMeasurement, previous: SocialMeasurement | undefined) {
  if (!previous) return { share: 0, reason: 'one measurement only' };
  const hours = (Date.parse(item.measuredAt) - Date.parse(previous.measuredAt)) / 3_600_000;
  if (!(hours > 0)) return { share: 0, reason: 'no earlier measurement' };
  const perHour = Math.max(0, engagementOf(item) - engagementOf(previous)) / Math.max(hours, 1 / 60);
  // The reason names the two metrics that grew the most (by weight): "+1.2k reposts, +9k views in 2 h".
  const now = metricsOf(item);
  const before = metricsOf(previous);
  const grew = (Object.keys(now) as Metric[])
    .map((k) => ({ k, delta: now[k] - before[k] }))
    .filter((g) => g.delta > 0)
    .sort((a, b) => engagementWeights[b.k] * b.delta - engagementWeights[a.k] * a.delta)
    .slice(0, 2);
  const reason =
    perHour > 0 && grew.length
      ? `${grew.map((g) => `+${plural(g.delta, g.k)}`).join(', ')} in ${duration(hours)}`
      : `no growth in ${duration(hours)}`;
  return { share: logShare(perHour, scale.perHour), reason };
}

export function scoreInfluence(metrics: SocialMetrics, settings: InfluenceSettings): Influence {
  const w = settings.weights ?? defaultInfluenceWeights;
  const { author, item } = metrics;
  const isPrivate = metrics.visibility === 'private';
  const velocity = isPrivate
    ? { share: 0, reason: 'private message: no public exposure' }
    : item
      ? velocityOf(item, metrics.previous)
      : { share: 0, reason: 'not measured yet' };
  const shares: { key: InfluencePartKey; share: number; reason: string }[] = [
    {
      key: 'reach',
      share: author.followers === null ? 0 : logShare(author.followers, scale.followers),
      reason:
        author.followers === null
          ? 'followers not given by the network'
          : `${compactCount(author.followers)} ${author.page ? 'Page ' : ''}follower${author.followers === 1 ? '' : 's'}`,
    },
    {
      key: 'verified',
      share: author.verified ? 1 : 0,
      reason: author.verified ? 'verified' : 'not verified',
    },
    {
      key: 'listed',
      share: logShare(author.listed ?? 0, scale.listed),
      reason:
        author.listed == null
          ? 'no lists on this network'
          : `on ${compactCount(author.listed)} list${author.listed === 1 ? '' : 's'}`,
    },
    {
      key: 'engagement',
      share: isPrivate || !item ? 0 : logShare(engagementOf(item), scale.engagement),
      reason: isPrivate
        ? 'private message: no public exposure'
        : item
          ? engagementReason(item)
          : 'not measured yet',
    },
    { key: 'velocity', ...velocity },
  ];
  const exact = shares.map((s) => s.share * w[s.key]);
  const score = Math.min(100, Math.max(0, Math.round(exact.reduce((a, b) => a + b, 0))));
  return {
    score,
    tier: tierOf(score, settings.thresholds),
    parts: shares.map((s, i) => ({
      key: s.key,
      points: Math.round(exact[i] * 10) / 10,
      max: w[s.key],
      reason: s.reason,
    })),
  };
}
