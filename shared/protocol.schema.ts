// Protocol templates (DOMAIN.md §1): the ordered steps an interaction on a channel must follow, each
// automatic (the hub sends or does something) or the agent's (a checklist item the agent ticks, or the hub
// detects). Admins edit them per account; the hub seeds one per protocol. Shared by hub and console.
import { z } from 'zod';

export const protocolNames = [
  'chat',
  'email',
  'social',
  'web_page',
  'apps',
  'call_centre',
  'in_person',
] as const;
export const protocolName = z.enum(protocolNames);
export type ProtocolName = z.infer<typeof protocolName>;

export const stepTriggers = [
  'conversation_created',
  'assigned',
  'first_agent_reply',
  'resolve_requested',
  'inactivity',
  'resolved',
  'manual',
] as const;
export type StepTrigger = (typeof stepTriggers)[number];

export const stepActions = [
  'message',
  'identification',
  'closure_check',
  'farewell',
  'survey',
  'classify',
  'acknowledge',
  'follow_up',
] as const;
export type StepAction = (typeof stepActions)[number];

export const stepDetections = ['agent_introduced', 'agent_online', 'request_received', 'answered'] as const;
export type StepDetection = (typeof stepDetections)[number];

export const languages = ['es', 'en', 'ar'] as const;
export type Language = (typeof languages)[number];

const localized = z
  .object({
    es: z.string().trim().min(1).max(2000).optional(),
    en: z.string().trim().min(1).max(2000).optional(),
    ar: z.string().trim().min(1).max(2000).optional(),
  })
  .strict();
export type Localized = z.infer<typeof localized>;

const regex = z
  .string()
  .max(200)
  .refine((p) => {
    try {
      new RegExp(p, 'u');
      return true;
    } catch {
      return false;
    }
  }, 'not a valid regular expression');

/** A question of the identification step; name lands on contacts.name, the rest in contacts.attributes. */
export const identificationField = z
  .object({
    key: z.string().regex(/^[A-Za-z][\w-]{0,63}$/, 'letters, digits, _ or -'),
    label: localized,
    pattern: regex.optional(),
    required: z.boolean().default(true),
  })
  .strict();
export type IdentificationField = z.infer<typeof identificationField>;

export const protocolStep = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'lower-case letters, digits and _'),
    title: z.string().trim().min(1).max(200),
    kind: z.enum(['automatic', 'agent']),
    trigger: z.enum(stepTriggers),
    action: z.enum(stepActions).optional(),
    text: localized.optional(),
    detect: z.enum(stepDetections).optional(),
    required: z.boolean().default(true),
    fields: z.array(identificationField).min(1).max(10).optional(),
  })
  .strict()
  .superRefine((s, issue) => {
    if (s.kind === 'automatic' && !s.action) {
      issue.addIssue({ code: 'custom', path: ['action'], message: 'an automatic step needs an action' });
    }
    if (s.action === 'identification' && !s.fields?.length) {
      issue.addIssue({ code: 'custom', path: ['fields'], message: 'identification needs fields' });
    }
    const texted: StepAction[] = ['message', 'closure_check', 'farewell'];
    if (s.kind === 'automatic' && s.action && texted.includes(s.action) && !s.text) {
      issue.addIssue({ code: 'custom', path: ['text'], message: `a ${s.action} step needs a text` });
    }
  });
export type ProtocolStep = z.infer<typeof protocolStep>;

export const protocolSettings = z
  .object({
    language: z.enum(languages).default('en'),
    /** Silence after an agent's reply: closure-check message, then resolve. null: never. */
    inactivity: z
      .object({
        closureCheckSeconds: z
          .number()
          .int()
          .min(10)
          .max(7 * 86_400),
        resolveSeconds: z
          .number()
          .int()
          .min(10)
          .max(7 * 86_400),
      })
      .strict()
      .nullable()
      .default(null),
    /** How long after resolving a "reply 1–5" answer still counts as the survey's. */
    surveyWindowHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(24),
  })
  .strict();
export type ProtocolSettings = z.infer<typeof protocolSettings>;

export const protocolTemplateBody = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    steps: z
      .array(protocolStep)
      .min(1)
      .max(40)
      .refine((steps) => new Set(steps.map((s) => s.key)).size === steps.length, 'step keys must be unique'),
    settings: protocolSettings.default({ language: 'en', inactivity: null, surveyWindowHours: 24 }),
  })
  .strict();
export type ProtocolTemplateBody = z.infer<typeof protocolTemplateBody>;

export type ProtocolTemplate = {
  protocol: ProtocolName;
  name: string;
  steps: ProtocolStep[];
  settings: ProtocolSettings;
};

export const stepStatuses = ['pending', 'done', 'skipped'] as const;
export type StepStatus = (typeof stepStatuses)[number];
export const stepStatusBody = z.object({ status: z.enum(stepStatuses) }).strict();
