// One Graph API request as both Meta adapters make it: a network failure or a cancelled call is
// TEMPORARY; a refusal's error JSON (or its text, when it is not JSON) goes to the adapter's own mapping
// into ChannelError codes, which differ by product (Messenger's window, WhatsApp's template errors).
import { ChannelError } from '../errors.ts';

export type GraphErrorMapper = (status: number, body: unknown, retryAfter: string | null) => ChannelError;

export async function graphFetch(
  /** The network's name in messages: "WhatsApp", "Facebook". */
  network: string,
  url: string,
  init: RequestInit & { signal: AbortSignal },
  toError: GraphErrorMapper,
): Promise<Response> {
  if (init.signal.aborted) throw new ChannelError('TEMPORARY', `the request to ${network} was cancelled`);
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch (err) {
    const message = init.signal.aborted
      ? `the request to ${network} was cancelled or timed out`
      : `${network} unreachable: ${(err as Error).message}`;
    throw new ChannelError('TEMPORARY', message, { cause: err });
  }
  if (res.ok) return res;
  const text = await res.text().catch(() => '');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = { error: { message: text.slice(0, 300) || res.statusText } };
  }
  throw toError(res.status, body, res.headers.get('retry-after'));
}

/** The answer's JSON; anything else from Meta is its own trouble (TEMPORARY). */
export async function graphJson(network: string, res: Response): Promise<Record<string, unknown>> {
  try {
    return (await res.json()) as Record<string, unknown>;
  } catch (err) {
    throw new ChannelError('TEMPORARY', `${network} answered with something other than JSON`, { cause: err });
  }
}
