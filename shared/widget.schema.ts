// Wire shapes of the web-chat widget (widget/PROTOCOL.md): the /widget socket's auth and events, the
// web-chat inbox's widget settings, and the public config. Shared by the hub and the widget bundle.
import { z } from 'zod';

export const MAX_WIDGET_TEXT = 5000;
const id = z.string().regex(/^\d{1,18}$/, 'an id');

export const widgetAuth = z.object({
  inboxToken: z.string().min(1).max(200),
  visitorToken: z.string().max(300).optional(),
  verified: z.object({ id: z.string().min(1).max(200), hash: z.string().max(200) }).optional(),
  /** The widget's locale (`es`, `en`, `ar`, or a BCP 47 tag); anything else is ignored, never refused. */
  language: z
    .string()
    .regex(/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/)
    .max(35)
    .optional()
    .catch(undefined),
});

export const widgetSendBody = z
  .object({
    clientMessageId: z.string().trim().min(1).max(100),
    text: z.string().max(MAX_WIDGET_TEXT, `at most ${MAX_WIDGET_TEXT} characters`).default(''),
    attachmentIds: z.array(id).max(10).optional(),
  })
  .refine((b) => b.text.trim().length > 0 || (b.attachmentIds?.length ?? 0) > 0, {
    message: 'a message needs text or an attachment',
  });
export type WidgetSendBody = z.infer<typeof widgetSendBody>;

const short = z.string().trim().max(200);
export const identifyBody = z.object({
  name: short.optional(),
  email: short.optional(),
  phone: short.optional(),
  nationalId: short.optional(),
  fields: z.record(z.string().max(64), short).optional(),
});
export type IdentifyBody = z.infer<typeof identifyBody>;

export const typingBody = z.object({ on: z.boolean() });
export const readBody = z.object({ upToMessageId: id });
export const surveyBody = z.object({
  rating: z.number().int().min(1).max(5),
  comment: z.string().trim().max(2000).optional(),
});
export const transcriptBody = z.object({ email: z.email().max(200) });
/** An agent's typing indicator on the /agent socket, relayed to the visitor. */
export const agentTypingBody = z.object({ conversationId: id, on: z.boolean() });

export const preChatFieldTypes = ['text', 'email', 'tel', 'ci', 'service_number', 'select'] as const;
export const preChatField = z.object({
  /** name, email, phone and nationalId land on the contact's columns/attributes; others in attributes. */
  key: z.string().regex(/^[A-Za-z][\w-]{0,63}$/),
  label: z.string().max(200).optional(),
  type: z.enum(preChatFieldTypes),
  required: z.boolean().default(false),
  pattern: z
    .string()
    .max(200)
    .refine((p) => {
      try {
        new RegExp(p);
        return true;
      } catch {
        return false;
      }
    }, 'not a valid regular expression')
    .optional(),
  options: z.array(z.string().max(200)).max(100).optional(),
});
export type PreChatField = z.infer<typeof preChatField>;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
export const weekdays = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export const businessHours = z.object({
  timezone: z.string().refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'an IANA time zone such as America/La_Paz'),
  /** Open when the local day is listed and from <= time < to (an interval with to <= from runs past midnight). */
  intervals: z.array(z.object({ days: z.array(z.enum(weekdays)), from: hhmm, to: hhmm })).max(50),
});
export type BusinessHours = z.infer<typeof businessHours>;

const rate = z.number().int().min(1).max(100_000);
/**
 * How much anonymous traffic the inbox takes (server/widget/rate-limits.ts has the defaults, and the
 * bursts that scale with each rate). An inbox raises them for visitors who share one address (a kiosk, a
 * call centre's own network) or a load test. Per client address unless it says otherwise; an address
 * gets three visitors' worth of messages, uploads and transcripts.
 */
export const widgetRateLimits = z.object({
  /** New visitors (sessions without a visitor token, offline forms) from one address. */
  newVisitorsPerMinute: rate.optional(),
  /** Messages of one visitor. */
  messagesPerMinute: rate.optional(),
  /** Uploads of one visitor. */
  uploadsPerHour: rate.optional(),
  /** Transcript requests of one visitor. */
  transcriptsPerHour: rate.optional(),
  /** Transcripts mailed to one e-mail address, whatever the session or address asking (counted per account). */
  transcriptsPerRecipientPerDay: rate.optional(),
});
export type WidgetRateLimits = z.infer<typeof widgetRateLimits>;

/** The widget part of a web-chat inbox's `settings` (PATCH /inboxes/:id {settings}). */
export const widgetSettings = z.object({
  title: z.string().max(100).optional(),
  position: z.enum(['right', 'left']).optional(),
  preChat: z.object({ enabled: z.boolean(), fields: z.array(preChatField).max(30).default([]) }).optional(),
  businessHours: businessHours.nullable().optional(),
  /** The e-mail inbox that receives the offline form and sends transcripts. */
  offlineEmailInboxId: id.nullable().optional(),
  surveyEnabled: z.boolean().optional(),
  farewell: z.string().max(1000).nullable().optional(),
  /** The country whose national numbers a pre-chat phone may be written in (ISO 3166 alpha-2). */
  phoneCountry: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  rateLimits: widgetRateLimits.optional(),
});
export type WidgetSettings = z.infer<typeof widgetSettings>;

export const offlineBody = z.object({
  name: z.string().trim().min(1).max(200),
  email: z.email().max(200),
  message: z.string().trim().min(1).max(MAX_WIDGET_TEXT),
  phone: z.string().trim().max(64).optional(),
});

export const widgetConfigQuery = z.object({ inbox: z.string().min(1).max(200) });

export const widgetConfigJson = z.object({
  color: z.string(),
  greeting: z.string().nullable(),
  language: z.string(),
  position: z.enum(['right', 'left']),
  title: z.string(),
  preChat: z.object({ enabled: z.boolean(), fields: z.array(preChatField) }),
  online: z.boolean(),
  businessHours: businessHours.nullable(),
  usuallyRepliesInSeconds: z.number().nullable(),
  maxUploadBytes: z.number(),
  allowedTypes: z.array(z.string()),
  offlineForm: z.boolean(),
  surveyEnabled: z.boolean(),
  farewell: z.string().nullable(),
});
