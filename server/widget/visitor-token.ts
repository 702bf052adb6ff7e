// Visitor tokens: `<payload>.<HMAC>`, signed with a key derived from HUB_SECRET and bound to one inbox, so
// a token is unguessable, cannot be forged, and is worthless on another inbox. An anonymous payload is a
// random id; a verified visitor's payload names the site's user id, so every device of theirs is one
// visitor. A token that does not verify is never an error: the visitor simply starts a fresh session.
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/** Who a visitor is, as the hub's contact identity (channel 'webchat') and the widget thread key. */
export type Visitor = { externalId: string; token: string; verified: boolean };

export type VisitorTokens = {
  /** A new anonymous visitor. */
  fresh(inboxId: number): Visitor;
  /** The visitor a site vouched for (`verified.id`, its hash already checked). */
  verified(inboxId: number, userId: string): Visitor;
  /** The visitor a token names, or null when it is not a valid token of this inbox. */
  open(inboxId: number, token: string): Visitor | null;
};

export function createVisitorTokens(hubSecret: string): VisitorTokens {
  const key = Buffer.from(hkdfSync('sha256', hubSecret, 'omnichannel-hub', 'widget-visitor-v1', 32));
  const sign = (inboxId: number, payload: string) =>
    createHmac('sha256', key).update(`${inboxId}:${payload}`).digest('base64url');
  const visitorOf = (inboxId: number, payload: string): Visitor => {
    const verified = payload.startsWith('u');
    const externalId = verified
      ? `user:${Buffer.from(payload.slice(1), 'base64url').toString('utf8')}`
      : `visitor:${payload.slice(1)}`;
    return { externalId, token: `${payload}.${sign(inboxId, payload)}`, verified };
  };
  return {
    fresh: (inboxId) => visitorOf(inboxId, `a${randomBytes(18).toString('base64url')}`),
    verified: (inboxId, userId) =>
      visitorOf(inboxId, `u${Buffer.from(userId, 'utf8').toString('base64url')}`),
    open(inboxId, token) {
      const dot = token.lastIndexOf('.');
      if (dot < 2) return null;
      const payload = token.slice(0, dot);
      if (!/^[au][\w-]+$/.test(payload)) return null;
      const given = Buffer.from(token.slice(dot + 1));
      const expected = Buffer.from(sign(inboxId, payload));
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      return visitorOf(inboxId, payload);
    },
  };
}

/** `verified.hash` is the hex HMAC-SHA256 of the site's user id with the inbox's signing secret. */
export function identityHashMatches(secret: string, id: string, hash: string): boolean {
  const expected = Buffer.from(createHmac('sha256', secret).update(id).digest('hex'));
  const given = Buffer.from(hash.toLowerCase());
  return given.length === expected.length && timingSafeEqual(given, expected);
}
