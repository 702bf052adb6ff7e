// The Facebook Page inbox config, as DESIGN.md's public contract gives it. The Page token, the app secret
// (it signs Meta's webhooks) and the verify token (the subscription handshake) are sealed at rest and
// never shown back. `humanAgentTag` is the admin's word that Meta granted the Page the Human Agent
// permission: without it Messenger replies stop 24 hours after the customer's last message.
import { z } from 'zod';

/** The Graph API version every call names; Meta keeps a version for about two years. */
export const GRAPH_API_VERSION = 'v21.0';
export const DEFAULT_GRAPH_BASE_URL = 'https://graph.facebook.com';

export const facebookConfigSchema = z.object({
  /** The Page's numeric id (Page settings → About, or the Graph API explorer). */
  pageId: z
    .string()
    .trim()
    .regex(/^\d{1,30}$/, 'the numeric Page id'),
  /** A Page access token with pages_messaging, pages_manage_engagement and pages_read_user_content. */
  pageAccessToken: z.string().trim().min(1).max(4096),
  /** The Meta app's secret: webhooks are signed with it (X-Hub-Signature-256). */
  appSecret: z.string().trim().min(1).max(512),
  /** Chosen by the admin and typed into the app's webhook settings too. */
  verifyToken: z.string().min(1).max(512),
  /** Another Graph API host (a regional proxy, or a stand-in in tests). */
  graphBaseUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** The Page has Meta's Human Agent permission: replies tagged HUMAN_AGENT up to 7 days. */
  humanAgentTag: z.boolean().optional(),
});
export type FacebookConfig = z.infer<typeof facebookConfigSchema>;

/** `https://graph.facebook.com/v21.0`, the prefix of every call. */
export const graphRoot = (config: FacebookConfig) =>
  `${(config.graphBaseUrl ?? DEFAULT_GRAPH_BASE_URL).replace(/\/+$/, '')}/${GRAPH_API_VERSION}`;
