// Wire shapes of procedure forms (issue 18, item 5): a definition as an admin sends it, checked whole so the
// floor cannot be given a form it could not fill (shared/forms/definition-problems.ts answers each problem
// with its own code, 400), a response an agent sends, and what the API answers. Shared by hub and console.
import { type ZodType, z } from 'zod';
import { idParam } from './api.schema.ts';
import { definitionProblems } from './forms/definition-problems.ts';
import { maxAnswerLength } from './forms/evaluate-answers.ts';
import { type FormField, fieldTypes, formLocales, type LocalText } from './forms/form-types.ts';

const words = (max: number) => z.string().trim().min(1).max(max);

/** A text in es/en/ar: at least one of them. */
export const localTextSchema = (max = 300) =>
  z
    .object({ es: words(max).optional(), en: words(max).optional(), ar: words(max).optional() })
    .refine((t) => t.es !== undefined || t.en !== undefined || t.ar !== undefined, {
      message: 'give the text in at least one of es, en, ar',
    }) satisfies ZodType<LocalText>;

const fieldKey = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^[a-z][a-z0-9_]*$/, 'lower-case letters, digits and underscores, starting with a letter');

const bound = z.number().finite().min(-1e12).max(1e12);
const count = (max: number) => z.number().int().min(0).max(max);

export const formFieldSchema = z.object({
  key: fieldKey,
  type: z.enum(fieldTypes),
  label: localTextSchema(),
  help: localTextSchema(500).optional(),
  required: z.boolean().optional(),
  min: bound.optional(),
  minExclusive: z.boolean().optional(),
  max: bound.optional(),
  digits: z.number().int().min(1).max(30).optional(),
  minLength: count(maxAnswerLength).optional(),
  maxLength: z.number().int().min(1).max(maxAnswerLength).optional(),
  pattern: z.object({ regex: z.string().min(1).max(300), reason: localTextSchema(300) }).optional(),
  options: z
    .array(
      z.object({
        value: z
          .string()
          .trim()
          .min(1)
          .max(80)
          .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'letters, digits, dots, dashes and underscores'),
        label: localTextSchema(),
      }),
    )
    .max(100)
    .optional(),
  showIf: z
    .object({ field: fieldKey, equals: z.union([z.string().max(200), z.number().finite(), z.boolean()]) })
    .optional(),
}) satisfies ZodType<FormField>;

const definitionShape = {
  name: localTextSchema(200),
  description: localTextSchema(2000).nullable().optional(),
  fields: z.array(formFieldSchema).min(1).max(100),
  observation: z.string().trim().max(4000).nullable().optional(),
  locale: z.enum(formLocales).default('es'),
  active: z.boolean().default(true),
};

/** Each problem of a well-formed definition as an issue carrying its own code (server/api/route.ts). */
const checked = <T extends { fields: FormField[]; observation?: string | null }>(schema: ZodType<T>) =>
  schema.superRefine((def, ctx) => {
    for (const p of definitionProblems({ fields: def.fields, observation: def.observation ?? null }))
      ctx.addIssue({ code: 'custom', message: p.message, path: p.path, params: { appCode: p.code } });
  });

export const formKeySchema = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, dots, dashes and underscores');

export const createFormBody = checked(z.object({ key: formKeySchema, ...definitionShape }));
export type CreateFormBody = z.output<typeof createFormBody>;

/** The whole definition again (the key stays); the version goes up by one. */
export const updateFormBody = checked(z.object(definitionShape));
export type UpdateFormBody = z.output<typeof updateFormBody>;

export const formJson = z
  .object({
    id: z.string(),
    key: z.string(),
    name: z.record(z.string(), z.string()),
    description: z.record(z.string(), z.string()).nullable(),
    fields: z.array(formFieldSchema),
    observation: z.string().nullable(),
    locale: z.enum(formLocales),
    active: z.boolean(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Form' });
export type FormJson = z.infer<typeof formJson>;

export const formsQuery = z.object({ active: z.enum(['true', 'false']).optional() });

const answerValue = z.union([z.string().max(maxAnswerLength * 2), z.number(), z.boolean(), z.null()]);

export const formResponseBody = z.object({
  formId: idParam,
  answers: z.record(z.string().max(100), answerValue).refine((a) => Object.keys(a).length <= 200, {
    message: 'at most 200 answers',
  }),
});

export const formResponseJson = z
  .object({
    id: z.string(),
    formId: z.string(),
    formKey: z.string(),
    formName: z.record(z.string(), z.string()),
    formVersion: z.number().int(),
    conversationId: z.string().nullable(),
    contactId: z.string(),
    answers: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
    observation: z.string().nullable(),
    userId: z.string().nullable(),
    userName: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'FormResponse' });
export type FormResponseJson = z.infer<typeof formResponseJson>;

export const answerErrorJson = z.object({
  field: z.string(),
  code: z.string(),
  message: z.object({ es: z.string(), en: z.string(), ar: z.string() }),
});

/** A date (the whole day, UTC) or an instant with its offset, in years the database can hold either way. */
const instant = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })])
  .refine((v) => Number(v.slice(0, 4)) >= 1000 && Number(v.slice(0, 4)) <= 9998, {
    message: 'a year between 1000 and 9998',
  });

export const formResponsesQuery = z.object({
  formId: idParam.optional(),
  from: instant.optional(),
  to: instant.optional(),
  agent: idParam.optional(),
  cursor: idParam.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type FormResponsesQuery = z.output<typeof formResponsesQuery>;

export const formResponsesExportQuery = formResponsesQuery.omit({ cursor: true, limit: true }).extend({
  formId: idParam,
});
