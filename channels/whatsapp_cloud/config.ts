// The WhatsApp Cloud API inbox config, as DESIGN.md's public contract gives it. The access token, the app
// secret (it signs Meta's webhooks) and the verify token (the subscription handshake) are sealed at rest
// and never shown back.
import { z } from 'zod';

/** The Graph API version every call names; Meta keeps a version for about two years. */
export const GRAPH_API_VERSION = 'v21.0';
export const DEFAULT_GRAPH_BASE_URL = 'https://graph.facebook.com';

export const whatsappCloudConfigSchema = z.object({
  /** The business phone number's id in Meta's app dashboard (not the phone number itself). */
  phoneNumberId: z
    .string()
    .trim()
    .regex(/^\d{1,30}$/, 'the numeric phone number id from the WhatsApp app dashboard'),
  /** A system user's permanent token with whatsapp_business_messaging. */
  accessToken: z.string().trim().min(1).max(4096),
  /** The Meta app's secret: webhooks are signed with it (X-Hub-Signature-256). */
  appSecret: z.string().trim().min(1).max(512),
  /** Chosen by the admin and typed into the app's webhook settings too. */
  verifyToken: z.string().min(1).max(512),
  /** Another Graph API host (a regional proxy, or a stand-in in tests). */
  graphBaseUrl: z.url({ protocol: /^https?$/ }).optional(),
});
export type WhatsappCloudConfig = z.infer<typeof whatsappCloudConfigSchema>;

/** `https://graph.facebook.com/v21.0`, the prefix of every call. */
export const graphRoot = (config: WhatsappCloudConfig) =>
  `${(config.graphBaseUrl ?? DEFAULT_GRAPH_BASE_URL).replace(/\/+$/, '')}/${GRAPH_API_VERSION}`;
