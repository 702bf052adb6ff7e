// The WhatsApp (Baileys) inbox config. Nothing is required: the session is paired by scanning the QR code
// the console shows, or with a pairing code sent to `pairingPhone`.
import { z } from 'zod';

export const whatsappConfigSchema = z.object({
  /** E.164 number of the business phone, to pair with a code instead of a QR scan. */
  pairingPhone: z
    .string()
    .regex(/^\+\d{7,15}$/, 'an E.164 number such as +59170000000')
    .optional(),
  /** Least time between two messages sent from this number, so bursts do not look like spam. */
  sendIntervalMs: z.number().int().min(0).max(60_000).optional(),
  /** Import the phone's chat history when pairing (off: only new messages reach the hub and routing). */
  importHistory: z.boolean().optional(),
});
export type WhatsappConfig = z.infer<typeof whatsappConfigSchema>;
