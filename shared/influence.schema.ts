// Wire shapes of influence (DOMAIN.md §4: "analyse the customer's influence from the exposure level of the
// comment or mention"): the social metrics a channel adapter puts on an inbound message, and the account's
// influence settings (tier thresholds, optional weights). Shared by the hub, the adapters and the console.
//
// Where the metrics live: an adapter sets them in `meta.social` of the InboundMessage it hands to the hub,
// beside its own keys there (post id, parent, permalink ... which this schema leaves alone); ingest stores
// them as `messages.meta.social` (jsonb). The hub reads them in one place (server/social/influence-of.ts).
// A later measurement of the same item (a refresh) replaces `item` and moves the old one to `previous`.
// Optional counts may be null: that is how the networks' APIs say "not given".
import { z } from 'zod';

export const influenceTiers = ['low', 'medium', 'high', 'critical'] as const;
export const influenceTierSchema = z.enum(influenceTiers);
export type InfluenceTier = z.infer<typeof influenceTierSchema>;

/** Counts as the networks give them: whole, never negative, finite. */
const count = z.number().int().min(0).max(1e15);

/** The item's public metrics at one instant. */
export const socialMeasurementSchema = z.object({
  likes: count,
  replies: count,
  /** Reposts (X) or shares (Facebook). */
  reposts: count,
  /** Quote posts, where the network has them. */
  quotes: count.nullish(),
  /** Impressions, where the network gives them. */
  views: count.nullish(),
  measuredAt: z.iso.datetime({ offset: true }),
});
export type SocialMeasurement = z.infer<typeof socialMeasurementSchema>;

export const socialMetricsSchema = z.object({
  /** A comment, post or mention everyone can see, or a private message (DM, Messenger chat). */
  visibility: z.enum(['public', 'private']),
  author: z.object({
    /**
     * For a Page mentioning ours: the mentioning Page's followers. Null: the network does not say (Facebook
     * gives no person's follower count; X may leave it out).
     */
    followers: count.nullable(),
    verified: z.boolean(),
    /** Lists the author is on, where the network has lists. */
    listed: count.nullish(),
    handle: z.string().trim().max(200).nullish(),
    /** The author is a Page (a Page mention), not a person. */
    page: z.boolean().optional(),
  }),
  /** The latest measurement of the item; absent for a private message or before the first fetch. */
  item: socialMeasurementSchema.optional(),
  /** The measurement before `item`: their difference over time is the item's velocity. */
  previous: socialMeasurementSchema.optional(),
});
export type SocialMetrics = z.infer<typeof socialMetricsSchema>;

export const influenceParts = ['reach', 'verified', 'listed', 'engagement', 'velocity'] as const;
export type InfluencePartKey = (typeof influenceParts)[number];

const weight = z.number().int().min(0).max(100);

/** How many of the 100 points each part can give; they must add up to 100. */
export const influenceWeightsSchema = z
  .object({ reach: weight, verified: weight, listed: weight, engagement: weight, velocity: weight })
  .refine((w) => w.reach + w.verified + w.listed + w.engagement + w.velocity === 100, {
    message: 'the weights must add up to 100',
  });
export type InfluenceWeights = z.infer<typeof influenceWeightsSchema>;

const threshold = z.number().int().min(1).max(100);

/** The lowest score of each tier above low. */
export const influenceThresholdsSchema = z
  .object({ medium: threshold, high: threshold, critical: threshold })
  .refine((t) => t.medium < t.high && t.high < t.critical, {
    message: 'thresholds must rise: medium < high < critical',
  });
export type InfluenceThresholds = z.infer<typeof influenceThresholdsSchema>;

export const influenceSettingsSchema = z.object({
  /** Absent: the default weights. */
  weights: influenceWeightsSchema.optional(),
  thresholds: influenceThresholdsSchema,
});
export type InfluenceSettings = z.infer<typeof influenceSettingsSchema>;

/** A change: `weights: null` returns to the default weights. */
export const influenceSettingsPatch = z.object({
  weights: influenceWeightsSchema.nullable().optional(),
  thresholds: influenceThresholdsSchema.optional(),
});

export const defaultInfluenceWeights: InfluenceWeights = {
  reach: 35,
  verified: 10,
  listed: 5,
  engagement: 30,
  velocity: 20,
};

export const defaultInfluenceSettings: InfluenceSettings = {
  thresholds: { medium: 20, high: 40, critical: 65 },
};
