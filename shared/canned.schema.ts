// Wire shapes of canned responses: saved replies an agent inserts by typing /shortcut in the composer.
// Shared by server and console.
import { z } from 'zod';
import { idParam } from './api.schema.ts';

/** Lower-cased before the check, so "Saludo" is saved as "saludo" and cannot sit beside it. */
export const cannedShortcut = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9_-]{1,40}$/, 'a shortcut is 1 to 40 letters a-z, digits, "_" or "-" (no spaces)');

export const cannedResponseBody = z.object({
  shortcut: cannedShortcut,
  title: z.string().trim().min(1).max(200),
  text: z.string().trim().min(1).max(5000),
  /** Only this team's members are offered it; null or absent: everyone in the account. */
  teamId: idParam.nullable().optional(),
});
export type CannedResponseBody = z.infer<typeof cannedResponseBody>;

export const cannedResponsePatch = cannedResponseBody
  .partial()
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'nothing to change' });
export type CannedResponsePatch = z.infer<typeof cannedResponsePatch>;

export const listCannedQuery = z.object({
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export type ListCannedQuery = z.infer<typeof listCannedQuery>;

export const cannedResponseJson = z.object({
  id: z.string(),
  shortcut: z.string(),
  title: z.string(),
  text: z.string(),
  teamId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CannedResponseJson = z.infer<typeof cannedResponseJson>;
