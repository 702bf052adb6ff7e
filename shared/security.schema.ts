// Wire shapes of sessions and security events: what a user sees of their own sign-ins, and what an
// admin audits.
import { z } from 'zod';

export const sessionJson = z
  .object({
    id: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    expiresAt: z.string().nullable(),
    userAgent: z.string().nullable(),
    ip: z.string().nullable(),
    /** The session this request was made with. */
    current: z.boolean(),
  })
  .meta({ id: 'Session' });
export type SessionJson = z.infer<typeof sessionJson>;

export const logoutBody = z.object({
  /** Every session of the caller, on every device, not only this one. */
  everywhere: z.boolean().optional(),
});

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().min(8).max(1024),
});

export const securityEventTypes = [
  'login_failed',
  'login_succeeded',
  'login_throttled',
  'logout',
  'sessions_revoked',
  'password_changed',
] as const;
export const securityEventTypeSchema = z.enum(securityEventTypes);

export const securityEventJson = z
  .object({
    id: z.string(),
    type: securityEventTypeSchema,
    userId: z.string().nullable(),
    email: z.string().nullable(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
  })
  .meta({ id: 'SecurityEvent' });
export type SecurityEventJson = z.infer<typeof securityEventJson>;

export const securityEventsQuery = z.object({
  type: securityEventTypeSchema.optional(),
  userId: z
    .string()
    .regex(/^\d{1,15}$/)
    .optional(),
  /** Events older than this id (the list is newest first). */
  cursor: z
    .string()
    .regex(/^\d{1,15}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
