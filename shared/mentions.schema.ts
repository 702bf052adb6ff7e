// Wire shapes of marketing's Mentions desk (issue 15): every public item the social channels bring in (a
// Page comment, a visitor's post on the Page, a Page mention, an X mention), ranked by the influence of its
// author and exposure, with what marketing does to it. One row per item (server/social/): the message it
// is stays in its conversation; the row adds the score, the status and the refresh schedule.
import { z } from 'zod';
import { influenceTierSchema } from './influence.schema.ts';

/**
 * Where the item stands: `new` nobody took it yet; `in_care` an agent holds its conversation or marketing
 * escalated it; `answered` an agent replied in its conversation; `handled` marketing closed it without
 * (more) answer. `hidden` and `removed` are said apart (an item can be answered and hidden).
 */
export const mentionStatuses = ['new', 'in_care', 'answered', 'handled'] as const;
export const mentionStatusSchema = z.enum(mentionStatuses);
export type MentionStatus = z.infer<typeof mentionStatusSchema>;

/** Moderation and reactions done on the network, through the inbox's channel (as a queued job). */
export const mentionActions = ['hide', 'unhide', 'delete', 'like'] as const;
export const mentionActionSchema = z.enum(mentionActions);
export type MentionAction = z.infer<typeof mentionActionSchema>;

const count = z.number().int().min(0);

export const mentionJson = z.object({
  id: z.string(),
  conversationId: z.string(),
  messageId: z.string(),
  inboxId: z.string(),
  channel: z.string(),
  /** comment, post (a visitor's post on the Page), mention (X, or another Page mentioning ours). */
  kind: z.string(),
  text: z.string().nullable(),
  url: z.string().nullable(),
  /** The post the item is on or answers (our post, for a comment). */
  post: z.object({ id: z.string().nullable(), url: z.string().nullable() }),
  author: z.object({
    name: z.string().nullable(),
    handle: z.string().nullable(),
    /** null: the network does not say (Facebook does not give a person's followers). */
    followers: count.nullable(),
    verified: z.boolean(),
    page: z.boolean(),
  }),
  exposure: z
    .object({
      likes: count,
      replies: count,
      reposts: count,
      quotes: count.nullable(),
      views: count.nullable(),
      measuredAt: z.string(),
    })
    .nullable(),
  /** null: no metrics yet (never guessed). */
  influence: z
    .object({
      score: z.number().int().min(0).max(100),
      tier: influenceTierSchema,
      parts: z.array(z.object({ key: z.string(), points: z.number(), max: z.number(), reason: z.string() })),
    })
    .nullable(),
  status: mentionStatusSchema,
  hidden: z.boolean(),
  removed: z.boolean(),
  liked: z.boolean(),
  /** A moderation or like waiting for the network, or the reason the last one failed. */
  pendingAction: mentionActionSchema.nullable(),
  actionError: z.string().nullable(),
  escalation: z.object({ note: z.string(), at: z.string(), byUserId: z.string().nullable() }).nullable(),
  /** When the tier last rose after the first measurement (the item went viral). */
  tierRaisedAt: z.string().nullable(),
  createdAt: z.string(),
  refreshedAt: z.string().nullable(),
  /** Grows with every change of the item: of two states heard out of order, the higher is current. */
  version: z.number().int(),
});
export type MentionJson = z.infer<typeof mentionJson>;

export const mentionListQuery = z.object({
  sort: z.enum(['influence', 'newest']).default('newest'),
  status: mentionStatusSchema.optional(),
  tier: influenceTierSchema.optional(),
  inboxId: z.coerce.number().int().positive().optional(),
  /** Hidden and removed items are left out unless asked for. */
  include: z.enum(['visible', 'all']).default('visible'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
});
export type MentionListQuery = z.infer<typeof mentionListQuery>;

export const mentionActionBody = z.object({ action: mentionActionSchema });
export const mentionEscalateBody = z.object({
  note: z.string().trim().min(1).max(2000),
  /** The care team to hand the conversation to; absent: routing decides as for any conversation. */
  teamId: z.coerce.number().int().positive().optional(),
});

/** Mentions per day by tier (unscored items count as `unscored`), oldest day first, in UTC days. */
export const mentionStatsJson = z.object({
  days: z.array(
    z.object({
      day: z.string(),
      low: count,
      medium: count,
      high: count,
      critical: count,
      unscored: count,
    }),
  ),
});
export type MentionStatsJson = z.infer<typeof mentionStatsJson>;
export const mentionStatsQuery = z.object({
  days: z.coerce.number().int().min(1).max(90).default(14),
});

/** /agent, hub → marketing (and admins, supervisors): a high-tier item arrived, or an item climbed a tier. */
export type MentionAlert = {
  type: 'mention.high' | 'mention.climbed';
  mention: MentionJson;
  /** For `mention.climbed`: the tier before. */
  from?: z.infer<typeof influenceTierSchema>;
};

/** The account's social settings: whether marketing may answer customers itself (agents do by default). */
export const socialSettingsSchema = z.object({ marketingMayReply: z.boolean() });
export type SocialSettings = z.infer<typeof socialSettingsSchema>;
export const defaultSocialSettings: SocialSettings = { marketingMayReply: false };
export const socialSettingsPatch = socialSettingsSchema.partial();
