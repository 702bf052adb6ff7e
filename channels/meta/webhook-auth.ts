// What every Meta webhook (WhatsApp Cloud API, Facebook Pages) shares: the subscription handshake
// (hub.mode / hub.verify_token / hub.challenge) and the X-Hub-Signature-256 HMAC of the raw body with
// the app secret, both compared in constant time.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { WebhookRequest } from '../types.ts';

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export const signPayload = (appSecret: string, raw: Buffer | string) =>
  `sha256=${createHmac('sha256', appSecret).update(raw).digest('hex')}`;

/** The challenge to echo when the handshake names this inbox's verify token, else null (403). */
export function metaChallenge(query: Record<string, unknown>, verifyToken: string): string | null {
  const mode = query['hub.mode'];
  const token = query['hub.verify_token'];
  const challenge = query['hub.challenge'];
  if (mode !== 'subscribe' || typeof token !== 'string' || typeof challenge !== 'string') return null;
  return same(token, verifyToken) ? challenge : null;
}

export function metaSignatureValid(req: WebhookRequest, appSecret: string): boolean {
  const v = req.headers['x-hub-signature-256'];
  const given = Array.isArray(v) ? v[0] : v;
  return typeof given === 'string' && same(given, signPayload(appSecret, req.rawBody));
}
