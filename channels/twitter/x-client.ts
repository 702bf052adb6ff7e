// The X API v2 calls the channel makes, through twitter-api-v2 with the account's OAuth 1.0a user tokens.
// X's errors are read once here into ChannelError codes — the retry boundary: a 429 waits until the
// `x-rate-limit-reset` X names, a refused token is AUTH, X's own trouble and the network are TEMPORARY.
import { Agent as HttpAgent } from 'node:http';
import { ApiRequestError, ApiResponseError, TwitterApi } from 'twitter-api-v2';
import type { ZodType } from 'zod';
import { ChannelError } from '../errors.ts';
import { apiPrefix, type XConfig } from './config.ts';

/** When X throttles without saying until when: its windows are 15 minutes. */
const DEFAULT_RATE_LIMIT_WAIT_MS = 15 * 60_000;
/** A call X has not answered in this long is given up (and retried by the poller or the outbox). */
const TIMEOUT_MS = 30_000;
/** 403s that are about the content or the recipient, not the token: sending again will not help. */
const REFUSED_NOT_AUTH =
  /duplicate|not allowed to (send|create|delete|hide)|cannot send|not permitted to (reply|hide)|not authorized to (delete|hide)/i;

export type XQuery = Record<string, string | number | undefined>;

export type XClient = {
  get<T>(path: string, query: XQuery, schema: ZodType<T>): Promise<T>;
  post<T>(path: string, body: Record<string, unknown>, schema: ZodType<T>): Promise<T>;
  put<T>(path: string, body: Record<string, unknown>, schema: ZodType<T>): Promise<T>;
  delete<T>(path: string, schema: ZodType<T>): Promise<T>;
};

export function xError(err: unknown, now = Date.now()): ChannelError {
  if (err instanceof ChannelError) return err;
  if (err instanceof ApiResponseError) {
    const data = err.data as { title?: string; detail?: string } | undefined;
    const what = `X API ${err.code}: ${data?.detail ?? data?.title ?? err.message}`;
    const cause = err;
    if (err.code === 429) {
      // twitter-api-v2 reads the reset only when x-rate-limit-limit is there too: read the header itself.
      const header = err.headers?.['x-rate-limit-reset'];
      const reset = err.rateLimit?.reset ?? (typeof header === 'string' ? Number(header) : undefined);
      const retryAfterMs =
        reset && Number.isFinite(reset) ? Math.max(1000, reset * 1000 - now) : DEFAULT_RATE_LIMIT_WAIT_MS;
      return new ChannelError('RATE_LIMITED', `X is throttling this account: ${what}`, {
        cause,
        retryAfterMs,
      });
    }
    if (err.code === 403 && REFUSED_NOT_AUTH.test(what)) {
      return new ChannelError('PERMANENT', `X refused it: ${what}`, { cause });
    }
    if (err.code === 401 || err.code === 403) {
      return new ChannelError('AUTH', `X refused the account's tokens or their permissions: ${what}`, {
        cause,
      });
    }
    if (err.code >= 500) return new ChannelError('TEMPORARY', what, { cause });
    return new ChannelError('PERMANENT', `X refused it: ${what}`, { cause });
  }
  if (err instanceof ApiRequestError) {
    return new ChannelError('TEMPORARY', `X unreachable: ${err.requestError.message}`, { cause: err });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new ChannelError('TEMPORARY', message, { cause: err });
}

export function xClient(config: XConfig): XClient {
  const prefix = apiPrefix(config);
  // twitter-api-v2 sends through https.request; a plain-HTTP base (a loopback stand-in, a local proxy)
  // needs an http agent, which makes that request speak HTTP.
  const settings = prefix.startsWith('http:') ? { httpAgent: new HttpAgent({ keepAlive: false }) } : {};
  const api = new TwitterApi(
    {
      appKey: config.apiKey,
      appSecret: config.apiSecret,
      accessToken: config.accessToken,
      accessSecret: config.accessSecret,
    },
    settings,
  );
  const parse = <T>(schema: ZodType<T>, body: unknown, path: string): T => {
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
    throw new ChannelError('TEMPORARY', `X answered ${path} in an unexpected shape`, {
      cause: parsed.error,
    });
  };
  return {
    async get(path, query, schema) {
      const clean = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined));
      try {
        return parse(
          schema,
          await api.get(path, clean as Record<string, string>, { prefix, timeout: TIMEOUT_MS }),
          path,
        );
      } catch (err) {
        throw xError(err);
      }
    },
    async post(path, body, schema) {
      try {
        return parse(schema, await api.post(path, body, { prefix, timeout: TIMEOUT_MS }), path);
      } catch (err) {
        throw xError(err);
      }
    },
    async put(path, body, schema) {
      try {
        return parse(schema, await api.put(path, body, { prefix, timeout: TIMEOUT_MS }), path);
      } catch (err) {
        throw xError(err);
      }
    },
    async delete(path, schema) {
      try {
        return parse(schema, await api.delete(path, undefined, { prefix, timeout: TIMEOUT_MS }), path);
      } catch (err) {
        throw xError(err);
      }
    },
  };
}
