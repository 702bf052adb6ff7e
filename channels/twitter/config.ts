// The X (Twitter) inbox config, as DESIGN.md's public contract gives it. The four OAuth 1.0a user tokens
// act as the account (mentions, DMs, replies); every token is sealed at rest and never shown back.
import { z } from 'zod';

export const DEFAULT_API_BASE_URL = 'https://api.x.com';
/** Polling more often buys little: an empty answer costs nothing, but X's rate limits are per 15 minutes. */
export const DEFAULT_POLL_SECONDS = 60;

const token = z.string().trim().min(1).max(512);

export const xConfigSchema = z.object({
  /** The account's @handle, without the @ (for the inbox page; the account itself comes from the tokens). */
  handle: z
    .string()
    .trim()
    .transform((h) => h.replace(/^@/, ''))
    .pipe(z.string().regex(/^\w{1,15}$/, 'an X handle: up to 15 letters, digits or underscores')),
  bearerToken: token,
  apiKey: token,
  apiSecret: token,
  accessToken: token,
  accessSecret: token,
  pollSeconds: z.number().int().min(15).max(3600).optional(),
  /** What the inbox may spend on X's pay-per-use reads in a calendar month (UTC); absent: no cap. */
  monthlyBudgetUsd: z.number().positive().max(100_000).optional(),
  /** Another API host (a proxy, or a stand-in in tests): `<apiBaseUrl>/2/...`. */
  apiBaseUrl: z.url({ protocol: /^https?$/ }).optional(),
});
export type XConfig = z.infer<typeof xConfigSchema>;

/** `https://api.x.com/2/`, the prefix twitter-api-v2 puts before every v2 endpoint. */
export const apiPrefix = (config: XConfig) =>
  `${(config.apiBaseUrl ?? DEFAULT_API_BASE_URL).replace(/\/+$/, '')}/2/`;
