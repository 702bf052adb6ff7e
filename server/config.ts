// Environment is parsed once at boot; a bad value stops the process with a message naming it.
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.url().optional(),
  /**
   * Which proxies in front of the hub are believed about the client's address (X-Forwarded-For), as
   * express's `trust proxy`: 'loopback' (a proxy on this machine), a hop count, or addresses and CIDRs
   * separated by commas. Login throttling and the widget's limits count per client address: behind a
   * proxy that is not trusted, every client shares the proxy's.
   */
  TRUST_PROXY: z
    .string()
    .regex(/^[\w.:/, -]+$/, 'loopback, uniquelocal, a hop count, or addresses/CIDRs separated by commas')
    .default('loopback')
    .transform((v) => (/^\d+$/.test(v) ? Number(v) : v)),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection URL')
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional(),
  /** Namespaces the socket.io stream and channels, for several hubs on one Redis. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[\w.:-]{1,64}$/)
    .default('hub'),
  HUB_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  SEED_DEMO: bool.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(25 * 1024 * 1024),
  OUTBOX_RETRY_LIMIT: z.coerce.number().int().min(0).max(50).default(8),
  OUTBOX_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).default(5),
  OUTBOX_EXPIRE_SECONDS: z.coerce.number().int().min(1).default(120),
  /** How often a hub looks for jobs that a stopped hub process left running (server/queue/orphaned-jobs.ts). */
  QUEUE_SWEEP_SECONDS: z.coerce.number().min(1).max(600).default(5),
  QUEUE_POLL_SECONDS: z.coerce.number().min(0.5).default(1),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().positive().default(15000),
  /** How long a single-owner channel session (WhatsApp) stays with a node that stopped renewing it. */
  CHANNEL_LEASE_SECONDS: z.coerce.number().min(1).max(600).default(30),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = configSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}
