// The few Graph API calls the channel makes (send a message, upload and download media), each with the
// inbox's bearer token. Graph's error JSON is read once here into ChannelError codes — the retry boundary:
// a bad token is AUTH, throttling is RATE_LIMITED with the wait Meta asked for, the closed 24-hour window
// and other refusals are PERMANENT, Meta's own trouble and the network are TEMPORARY.
import { ChannelError } from '../errors.ts';
import { graphFetch, graphJson } from '../meta/graph-fetch.ts';
import { graphRoot, type WhatsappCloudConfig } from './config.ts';

/** Graph error codes (developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes). */
const WINDOW_CLOSED = 131047;
/** Throttling, with how long to wait when Meta sends no Retry-After. */
const RATE_LIMIT_WAIT_MS: Record<number, number> = {
  4: 60_000, // the app's call count
  80007: 60_000, // the business account's rate limit
  130429: 5_000, // the number's throughput (messages per second)
  131048: 60_000, // spam rate limit: too many messages the recipients did not welcome
  131056: 10_000, // too many messages to the same customer in a short time
};
const DEFAULT_RATE_LIMIT_WAIT_MS = 30_000;
/** Token or permission trouble: an admin has to act, trying again will not help. */
const isAuthCode = (code: number) => code === 0 || code === 10 || code === 190 || (code >= 200 && code < 300);
/** Meta's side failed; the same request may well succeed later. */
const TEMPORARY_CODES = new Set([1, 2, 131000, 131016, 133004]);

type GraphErrorBody = {
  error?: {
    message?: string;
    code?: number;
    error_subcode?: number;
    error_data?: { details?: string };
    fbtrace_id?: string;
  };
};

/** Seconds or an HTTP date, as Retry-After may say. */
function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.max(1000, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(1000, at - Date.now());
}

export function graphError(status: number, body: unknown, retryAfter: string | null): ChannelError {
  const e = (body as GraphErrorBody | null)?.error ?? {};
  const code = typeof e.code === 'number' ? e.code : undefined;
  const details = e.error_data?.details;
  const what = `Graph API ${status}${code !== undefined ? ` (#${code})` : ''}: ${e.message ?? 'no error message'}${
    details && details !== e.message ? ` — ${details}` : ''
  }`;
  const cause = { status, body };
  if (code === WINDOW_CLOSED) {
    return new ChannelError(
      'PERMANENT',
      `more than 24 hours have passed since the customer last wrote: only an approved template can be sent now (${what})`,
      { cause },
    );
  }
  if (status === 401 || (code !== undefined && isAuthCode(code))) {
    return new ChannelError('AUTH', `WhatsApp refused the access token or its permissions: ${what}`, {
      cause,
    });
  }
  if (status === 429 || (code !== undefined && code in RATE_LIMIT_WAIT_MS)) {
    return new ChannelError('RATE_LIMITED', `WhatsApp is throttling this number: ${what}`, {
      cause,
      retryAfterMs:
        retryAfterMs(retryAfter) ??
        (code !== undefined ? RATE_LIMIT_WAIT_MS[code] : undefined) ??
        DEFAULT_RATE_LIMIT_WAIT_MS,
    });
  }
  if (status >= 500 || (code !== undefined && TEMPORARY_CODES.has(code))) {
    return new ChannelError('TEMPORARY', what, { cause });
  }
  return new ChannelError('PERMANENT', `WhatsApp refused the message: ${what}`, { cause });
}

export type GraphClient = {
  /** POST JSON to `/<version>/<path>`; the answer's JSON. */
  post(path: string, body: unknown, signal: AbortSignal): Promise<Record<string, unknown>>;
  /** Uploads a file for sending (POST /<phoneNumberId>/media); the media id. */
  upload(file: { data: Buffer; mime: string; name: string }, signal: AbortSignal): Promise<string>;
  /** A received file: its metadata from /<media-id>, then the bytes from the short-lived URL it names. */
  download(mediaId: string, signal: AbortSignal): Promise<{ data: Uint8Array; mime: string | null }>;
  /** GET JSON from `/<version>/<path>` (the connection test). */
  get(path: string, signal: AbortSignal): Promise<Record<string, unknown>>;
};

export function graphClient(config: WhatsappCloudConfig): GraphClient {
  const root = graphRoot(config);
  const auth = { authorization: `Bearer ${config.accessToken}` };

  const call = (url: string, init: RequestInit & { signal: AbortSignal }) =>
    graphFetch('WhatsApp', url, { ...init, headers: { ...auth, ...init.headers } }, graphError);

  const json = (res: Response) => graphJson('WhatsApp', res);

  return {
    async post(path, body, signal) {
      const res = await call(`${root}/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal,
      });
      return json(res);
    },
    async get(path, signal) {
      return json(await call(`${root}/${path}`, { method: 'GET', signal }));
    },
    async upload(file, signal) {
      const form = new FormData();
      form.set('messaging_product', 'whatsapp');
      form.set('type', file.mime);
      form.set('file', new Blob([new Uint8Array(file.data)], { type: file.mime }), file.name);
      const res = await call(`${root}/${config.phoneNumberId}/media`, { method: 'POST', body: form, signal });
      const id = (await json(res)).id;
      if (typeof id !== 'string' || !id)
        throw new ChannelError('TEMPORARY', 'WhatsApp gave no id for the upload');
      return id;
    },
    async download(mediaId, signal) {
      const meta = await json(
        await call(`${root}/${encodeURIComponent(mediaId)}`, { method: 'GET', signal }),
      );
      if (typeof meta.url !== 'string') {
        throw new ChannelError('PERMANENT', `WhatsApp gave no download address for media ${mediaId}`);
      }
      const res = await call(meta.url, { method: 'GET', signal });
      const data = new Uint8Array(await res.arrayBuffer());
      return { data, mime: typeof meta.mime_type === 'string' ? meta.mime_type : null };
    },
  };
}
