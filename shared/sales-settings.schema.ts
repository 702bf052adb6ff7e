// Wire shapes of the sales desk's settings (the seed's annexes as an admin edits them) and of a sale's
// registration in the operator's CRM (seed 002, steps 7–9). The settings are checked here as a whole so an
// admin cannot save what the desk could not use: a gloss with a broken blank, two glosses with one key,
// or an address format that its own examples break. Shared by the hub and the console.
import { type ZodType, z } from 'zod';
import { type AddressFormat, type AddressKeyword, checkAddress } from './sales/address-format.ts';
import type { ReviewItem } from './sales/document-review.ts';
import type { Gloss, GlossBilling } from './sales/glosses.ts';
import { technologies } from './sales.schema.ts';

const word = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^\S+$/, 'one word, no spaces')
  .transform((w) => w.toUpperCase());

const keywords = z.object({
  between: word,
  and: word,
  corner: word,
  building: word,
  condominium: word,
  block: word,
  floor: word,
  apartment: word,
  observations: word,
  unnamed: word,
  zone: word,
  neighbourhood: word,
}) satisfies ZodType<Record<AddressKeyword, string>>;

export const addressFormatSchema = z
  .object({
    keywords,
    examples: z.array(z.string().trim().min(1).max(500)).min(1).max(30),
  })
  .superRefine((f, ctx) => {
    const words = Object.values(f.keywords);
    const twice = words.filter((w, i) => words.indexOf(w) !== i);
    if (twice.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['keywords'],
        message: `each keyword must differ from the others: ${[...new Set(twice)].join(', ')} is used twice`,
      });
      return; // with two meanings for one word, the examples cannot be read either
    }
    f.examples.forEach((example, i) => {
      const check = checkAddress(example, f);
      if (!check.ok) {
        ctx.addIssue({
          code: 'custom',
          path: ['examples', i],
          message: `the example "${example}" breaks this format (${check.problem}): ${check.message}`,
          input: example,
        });
      }
    });
  }) satisfies ZodType<AddressFormat>;

const placeholder = /\{\{\s*[A-Za-z][A-Za-z0-9]*\s*\}\}/g;
const glossKey = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, dots, dashes and underscores');

export const glossBillings = [
  'separate_invoice',
  'billed_to_phone',
  'promotion',
] as const satisfies readonly GlossBilling[];

export const glossSchema = z.object({
  key: glossKey,
  product: z.string().trim().min(1).max(120),
  billing: z.enum(glossBillings),
  text: z
    .string()
    .trim()
    .min(1)
    .max(4000)
    // A blank typed `{{monthly fee}}` or `{fee}` would be pasted into the CRM as it is: refused here.
    .refine((text) => !/[{}]/.test(text.replace(placeholder, '')), {
      message: 'a blank is written {{name}}: one word of letters and digits between double braces',
    }),
}) satisfies ZodType<Gloss>;

const reviewItem = z.object({
  key: glossKey,
  label: z.string().trim().min(1).max(300),
  labels: z
    .object({
      es: z.string().trim().min(1).max(300).optional(),
      ar: z.string().trim().min(1).max(300).optional(),
    })
    .optional(),
  text: z.string().trim().min(1).max(1000).optional(),
  needsValue: z.literal('date').optional(),
}) satisfies ZodType<ReviewItem>;

/** A list whose items are told apart by key: two with one key could not be answered separately. */
const keyed = <T extends { key: string }>(item: ZodType<T>, max: number) =>
  z
    .array(item)
    .min(1)
    .max(max)
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((x, i) => {
        if (seen.has(x.key)) {
          ctx.addIssue({ code: 'custom', path: [i, 'key'], message: `the key "${x.key}" is used twice` });
        }
        seen.add(x.key);
      });
    });

/** A commercial plan the advisor may choose (step 8.2); with none listed, the plan is typed freely. */
export const planSchema = z.object({
  name: z.string().trim().min(1).max(120),
  description: z.string().trim().max(500).optional(),
});
export type Plan = z.infer<typeof planSchema>;

export const salesSettingsSchema = z.object({
  addressFormat: addressFormatSchema,
  glosses: keyed(glossSchema, 200),
  ciChecklist: keyed(reviewItem, 50),
  letterClauses: keyed(reviewItem, 50),
  plans: z
    .array(planSchema)
    .max(300)
    .refine((ps) => new Set(ps.map((p) => p.name.toUpperCase())).size === ps.length, {
      message: 'each plan name must be different',
    })
    .optional(),
});
export type SalesSettings = z.infer<typeof salesSettingsSchema>;

/** PUT /sales-settings: the parts given replace the account's; the others stay as they are. */
export const salesSettingsPatch = salesSettingsSchema
  .partial()
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'nothing to change' });
export type SalesSettingsPatch = z.infer<typeof salesSettingsPatch>;

export const salesSettingsJson = z
  .object({
    addressFormat: z.object({ keywords: z.record(z.string(), z.string()), examples: z.array(z.string()) }),
    /** Each gloss with its blanks, in order: what the console asks the advisor to fill. */
    glosses: z.array(
      z.object({
        key: z.string(),
        product: z.string(),
        billing: z.enum(glossBillings),
        text: z.string(),
        fields: z.array(z.string()),
      }),
    ),
    ciChecklist: z.array(reviewItem),
    letterClauses: z.array(reviewItem),
    /** Empty: the plan is free text. */
    plans: z.array(planSchema),
  })
  .meta({ id: 'SalesSettings' });
export type SalesSettingsJson = z.infer<typeof salesSettingsJson>;

export const addressCheckBody = z.object({ address: z.string().max(1000) });

export const addressCheckJson = z.object({
  ok: z.boolean(),
  /** Upper case, single spaces: what the CRM receives. */
  normalized: z.string(),
  problem: z.string().optional(),
  message: z.string().optional(),
  /** A correct address of the same shape, from the account's own examples. */
  example: z.string().optional(),
});
export type AddressCheckJson = z.infer<typeof addressCheckJson>;

export const requestTypes = ['member', 'user'] as const;

const text = (max: number) => z.string().trim().min(1).max(max);
const blankName = z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/);

/**
 * PUT /sales/:id/registration: a draft, saved as the advisor types it into the CRM. Every field may be
 * left out (kept as saved) or null (cleared); what is given is checked now — the address against the
 * account's format, the gloss filled — so the advisor learns of a mistake while typing, not at the end.
 */
export const registrationDraftBody = z
  .object({
    /** Step 7.1: socio (member of the cooperative) or usuario. */
    requestType: z.enum(requestTypes).nullable().optional(),
    billingAddress: text(300).nullable().optional(),
    /** The recurring billing cycle: a day of the month or the CRM's cycle code. */
    billingCycle: text(40).nullable().optional(),
    category: text(120).nullable().optional(),
    subcategory: text(120).nullable().optional(),
    plan: text(120).nullable().optional(),
    components: z
      .object({
        access: z.enum(technologies),
        equipment: z.array(text(60)).max(10),
      })
      .nullable()
      .optional(),
    installationAddress: text(1000).nullable().optional(),
    gloss: z
      .object({ key: glossKey, values: z.record(blankName, z.string().max(500)) })
      .nullable()
      .optional(),
    /** The order number the CRM gave the request. */
    crmOrder: text(60).nullable().optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'nothing to change' });
export type RegistrationDraftBody = z.infer<typeof registrationDraftBody>;

/** The fields of a registration, in the order the advisor types them. */
export const registrationFields = [
  'requestType',
  'billingAddress',
  'billingCycle',
  'category',
  'subcategory',
  'plan',
  'components',
  'installationAddress',
  'gloss',
  'crmOrder',
] as const;
export type RegistrationField = (typeof registrationFields)[number];

export const registrationJson = z
  .object({
    requestType: z.enum(requestTypes).nullable(),
    billingAddress: z.string().nullable(),
    billingCycle: z.string().nullable(),
    category: z.string().nullable(),
    subcategory: z.string().nullable(),
    plan: z.string().nullable(),
    components: z.object({ access: z.enum(technologies), equipment: z.array(z.string()) }).nullable(),
    /** Normalised: upper case, as the CRM takes it. */
    installationAddress: z.string().nullable(),
    gloss: z.object({ key: z.string(), values: z.record(z.string(), z.string()) }).nullable(),
    /** The gloss filled: the text pasted into the CRM's observations. */
    observations: z.string().nullable(),
    crmOrder: z.string().nullable(),
  })
  .meta({ id: 'SaleRegistration' });
export type RegistrationJson = z.infer<typeof registrationJson>;
