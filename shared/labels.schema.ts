// Wire shapes of conversation labels: tags agents put on conversations ("portabilidad", "venta") and
// filter the inbox by. Shared by server and console.
import { z } from 'zod';
import { idParam } from './api.schema.ts';

export { type ConversationLabelJson, conversationLabelJson } from './api.schema.ts';

/** "#rrggbb", stored lower-cased. */
export const labelColor = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^#[0-9a-f]{6}$/, 'a colour is "#rrggbb" (six hex digits)');

export const labelBody = z.object({
  /** Unique in the account whatever its case: "Venta" and "venta" are one label. */
  name: z.string().trim().min(1).max(50),
  color: labelColor,
  description: z.string().trim().max(200).nullable().optional(),
});
export type LabelBody = z.infer<typeof labelBody>;

export const labelPatch = labelBody
  .partial()
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'nothing to change' });
export type LabelPatch = z.infer<typeof labelPatch>;

export const labelJson = z
  .object({
    id: z.string(),
    name: z.string(),
    color: z.string(),
    description: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Label' });
export type LabelJson = z.infer<typeof labelJson>;

/** The conversation's whole set of labels after the call: the ones not listed are taken off. */
export const conversationLabelsBody = z.object({
  labelIds: z.array(idParam).max(50),
});
export type ConversationLabelsBody = z.infer<typeof conversationLabelsBody>;
