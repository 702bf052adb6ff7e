// Wire shapes of routing: presence, team routing settings (business hours, overflow, re-route, offline
// path), the account's routing settings (auxiliary reasons, service-level targets, unanswered threshold,
// the business hours teams follow by default) and routing rules. Shared by server and console.
import { z } from 'zod';
import { hoursProblems } from './business-hours.ts';
import { channelKindSchema } from './channels.ts';
import { influenceTierSchema } from './influence.schema.ts';

export const presenceSchema = z.enum(['online', 'away', 'auxiliary', 'offline']);
export type Presence = z.infer<typeof presenceSchema>;

export const presenceBody = z
  .object({ status: presenceSchema, reason: z.string().trim().min(1).max(100).optional() })
  .refine((b) => b.status !== 'auxiliary' || b.reason, {
    message: 'an auxiliary break needs a reason',
    path: ['reason'],
  });

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM');

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');

/**
 * Opening hours: intervals per weekday (0 = Sunday) in a time zone, and closed dates with their names (a
 * bare date string is what older team settings stored). What is well-formed but wrong — a reversed or
 * overlapping interval, an unknown time zone, a date that does not exist — carries its own error code
 * (`params.appCode`, answered 422) from shared/business-hours.ts.
 */
export const businessHoursSchema = z
  .object({
    timezone: z.string().min(1).max(100),
    week: z.array(z.object({ day: z.number().int().min(0).max(6), from: hhmm, to: hhmm })).max(50),
    holidays: z
      .array(z.union([isoDate, z.object({ date: isoDate, name: z.string().trim().max(200) })]))
      .max(366)
      .default([]),
  })
  .superRefine((hours, ctx) => {
    for (const p of hoursProblems(hours))
      ctx.addIssue({ code: 'custom', message: p.message, path: p.path, params: { appCode: p.code } });
  });
export type BusinessHours = z.infer<typeof businessHoursSchema>;

const seconds = z
  .number()
  .int()
  .min(1)
  .max(90 * 86_400);
const idString = z.string().regex(/^\d{1,15}$/, 'must be a numeric id string');

export const teamSettingsSchema = z.object({
  businessHours: businessHoursSchema.nullable().optional(),
  /** After this wait in the queue, the conversation moves to another team. */
  overflow: z.object({ afterSeconds: seconds, teamId: idString }).nullable().optional(),
  /** An assigned agent who has not answered within this time loses the conversation to the queue. */
  rerouteAfterSeconds: seconds.nullable().optional(),
  /** Closed, or nobody online: conversations go to this team instead (else they wait in this queue). */
  offlineTeamId: idString.nullable().optional(),
  /** Service-level clocks stop outside business hours. */
  pauseSlaOutsideHours: z.boolean().optional(),
});
export type TeamSettings = z.infer<typeof teamSettingsSchema>;

export const slaTargetSchema = z.object({
  firstResponseSeconds: seconds.nullable().optional(),
  nextResponseSeconds: seconds.nullable().optional(),
  resolutionSeconds: seconds.nullable().optional(),
});
export type SlaTarget = z.infer<typeof slaTargetSchema>;

export const routingSettingsSchema = z.object({
  auxiliaryReasons: z.array(z.string().trim().min(1).max(100)).max(50),
  sla: z.partialRecord(channelKindSchema, slaTargetSchema),
  /** QP-14: a contact that waited longer than this is "unanswered" (set by the manager). */
  unansweredSeconds: seconds,
  /** A dropped agent socket becomes offline after this long without reconnecting. */
  presenceGraceSeconds: z.number().int().min(0).max(3600),
  /** Capacity per channel for agents whose own capacity does not name the channel. */
  defaultCapacity: z.partialRecord(channelKindSchema, z.number().int().min(0).max(1000)),
  /** The account's calendar, followed by every team that has none of its own (null: always open). */
  businessHours: businessHoursSchema.nullable(),
});
export type RoutingSettings = z.infer<typeof routingSettingsSchema>;
export const routingSettingsPatch = routingSettingsSchema.partial();

export const defaultRoutingSettings: RoutingSettings = {
  auxiliaryReasons: ['Break', 'Lunch', 'Training', 'Meeting', 'Back office'],
  // Per channel kind, the hub fills these from each channel's own defaults (its definition's `service`).
  sla: {},
  unansweredSeconds: 60,
  presenceGraceSeconds: 60,
  defaultCapacity: {},
  businessHours: null,
};

const priority = z.enum(['low', 'normal', 'high', 'urgent']);

export const ruleConditionsSchema = z.object({
  channels: z.array(channelKindSchema).max(10).optional(),
  inboxIds: z.array(idString).max(100).optional(),
  /** Any of these words or phrases in the first message (case and accent insensitive). */
  keywords: z.array(z.string().trim().min(1).max(100)).max(200).optional(),
  /** The request's category: billing, technical, sales, complaint (or e-mail's PQR kinds). */
  categories: z.array(z.string().trim().min(1).max(50)).max(20).optional(),
  /** Contact attributes that must equal these values (e.g. {"segment":"vip"}). */
  contactAttributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  languages: z.array(z.string().min(2).max(10)).max(20).optional(),
  /** Inside or outside the given team's business hours. */
  time: z.object({ teamId: idString, inside: z.boolean() }).optional(),
  /** The social item's influence tier (shared/influence.ts) is this one or above; no metrics: no match. */
  influenceTier: z.object({ atLeast: influenceTierSchema }).optional(),
});
export const ruleActionsSchema = z
  .object({ teamId: idString.optional(), priority: priority.optional() })
  .refine((a) => a.teamId || a.priority, { message: 'a rule must set a team or a priority' });

export const routingRuleBody = z.object({
  name: z.string().trim().min(1).max(200),
  position: z.number().int().min(0).max(100_000).optional(),
  enabled: z.boolean().default(true),
  conditions: ruleConditionsSchema,
  actions: ruleActionsSchema,
});
export const routingRulePatch = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  position: z.number().int().min(0).max(100_000).optional(),
  enabled: z.boolean().optional(),
  conditions: ruleConditionsSchema.optional(),
  actions: ruleActionsSchema.optional(),
});
export type RuleConditions = z.infer<typeof ruleConditionsSchema>;
export type RuleActions = z.infer<typeof ruleActionsSchema>;

export const transferBody = z
  .object({
    assigneeId: idString.optional(),
    teamId: idString.optional(),
    note: z.string().trim().max(5000).optional(),
  })
  .refine((b) => b.assigneeId || b.teamId, {
    message: 'transfer to an agent (assigneeId) or a team (teamId)',
  });
