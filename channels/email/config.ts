// The e-mail inbox config, as DESIGN.md's public contract gives it; passwords are sealed at rest.
import { z } from 'zod';

const server = {
  host: z.string().trim().min(1).max(255),
  port: z.coerce.number().int().min(1).max(65535),
  secure: z.boolean(),
  user: z.string().min(1).max(320),
  password: z.string().min(1).max(1024),
};

export const emailConfigSchema = z.object({
  imap: z.object({ ...server, mailbox: z.string().min(1).max(200).optional() }),
  smtp: z.object(server),
  fromAddress: z.email(),
  fromName: z.string().max(200).optional(),
  /** Appended to every reply (the e-mail protocol's invitation to the web page lives here). */
  signature: z.string().max(4000).optional(),
  /** The e-mail protocol's invitation to the web page, added under the signature of every reply. */
  webPageUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** Polling period when IDLE is not available or stays silent. */
  pollSeconds: z.number().int().min(5).max(3600).optional(),
  /** Accept self-signed certificates (a test or an internal server). */
  allowInvalidCertificates: z.boolean().optional(),
});
export type EmailConfig = z.infer<typeof emailConfigSchema>;
