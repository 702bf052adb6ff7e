// The Graph API calls the Facebook channel makes (Messenger sends, comment replies, hide and delete,
// downloading a customer's file), each with the Page token. Graph's error JSON is read once here into
// ChannelError codes — the retry boundary: a bad or expired token is AUTH, throttling is RATE_LIMITED,
// Messenger's closed window and other refusals are PERMANENT, Meta's own trouble is TEMPORARY.
import { ChannelError } from '../errors.ts';
import { graphFetch, graphJson } from '../meta/graph-fetch.ts';
import { type FacebookConfig, graphRoot } from './config.ts';

/** Code 10 with this subcode: the message was sent outside the allowed window (developers.facebook.com/docs/messenger-platform/error-codes). */
const OUTSIDE_WINDOW_SUBCODE = 2018278;
/** Throttling: the app, the user, the Page, a call type, Messenger's own send limit. */
const RATE_LIMIT_CODES = new Set([4, 17, 32, 613, 80006]);
const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;
/** Meta's side failed; the same request may well succeed later (1200: temporary send failure). */
const TEMPORARY_CODES = new Set([1, 2, 1200]);
/** Token or permission trouble: an admin has to act, trying again will not help. */
const isAuthCode = (code: number) => code === 190 || code === 10 || (code >= 200 && code < 300);

type GraphErrorBody = {
  error?: { message?: string; code?: number; error_subcode?: number; fbtrace_id?: string };
};

export function graphError(status: number, body: unknown, retryAfter: string | null): ChannelError {
  const e = (body as GraphErrorBody | null)?.error ?? {};
  const code = typeof e.code === 'number' ? e.code : undefined;
  const what = `Graph API ${status}${code !== undefined ? ` (#${code})` : ''}: ${e.message ?? 'no error message'}`;
  const cause = { status, body };
  if (e.error_subcode === OUTSIDE_WINDOW_SUBCODE) {
    return new ChannelError('PERMANENT', `Messenger's reply window has closed for this person (${what})`, {
      cause,
    });
  }
  if (status === 401 || (code !== undefined && isAuthCode(code))) {
    return new ChannelError('AUTH', `Facebook refused the Page token or its permissions: ${what}`, { cause });
  }
  if (status === 429 || (code !== undefined && RATE_LIMIT_CODES.has(code))) {
    const seconds = Number(retryAfter);
    return new ChannelError('RATE_LIMITED', `Facebook is throttling this Page: ${what}`, {
      cause,
      retryAfterMs:
        retryAfter && Number.isFinite(seconds) ? Math.max(1000, seconds * 1000) : DEFAULT_RATE_LIMIT_WAIT_MS,
    });
  }
  if (status >= 500 || (code !== undefined && TEMPORARY_CODES.has(code))) {
    return new ChannelError('TEMPORARY', what, { cause });
  }
  return new ChannelError('PERMANENT', `Facebook refused the request: ${what}`, { cause });
}

export type FacebookGraph = {
  /** POST JSON (or a multipart form, for a file) to `/<version>/<path>`; the answer's JSON. */
  post(path: string, body: unknown, signal: AbortSignal): Promise<Record<string, unknown>>;
  delete(path: string, signal: AbortSignal): Promise<Record<string, unknown>>;
  get(path: string, signal: AbortSignal): Promise<Record<string, unknown>>;
  /** A file a customer sent: Meta's short-lived CDN address, fetched without the token. */
  download(url: string, signal: AbortSignal): Promise<{ data: Uint8Array; mime: string | null }>;
};

export function facebookGraph(config: FacebookConfig): FacebookGraph {
  const root = graphRoot(config);
  const auth = { authorization: `Bearer ${config.pageAccessToken}` };

  const call = (url: string, init: RequestInit & { signal: AbortSignal }) =>
    graphFetch('Facebook', url, init, graphError);

  const json = (res: Response) => graphJson('Facebook', res);

  return {
    async post(path, body, signal) {
      const form = body instanceof FormData;
      const res = await call(`${root}/${path}`, {
        method: 'POST',
        headers: form ? auth : { ...auth, 'content-type': 'application/json' },
        body: form ? body : JSON.stringify(body),
        signal,
      });
      return json(res);
    },
    async delete(path, signal) {
      return json(await call(`${root}/${path}`, { method: 'DELETE', headers: auth, signal }));
    },
    async get(path, signal) {
      return json(await call(`${root}/${path}`, { method: 'GET', headers: auth, signal }));
    },
    async download(url, signal) {
      const res = await call(url, { method: 'GET', signal });
      return { data: new Uint8Array(await res.arrayBuffer()), mime: res.headers.get('content-type') };
    },
  };
}
