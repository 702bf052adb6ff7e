// Who a widget client is, by address, for the rate limits (server/widget/rate-limits.ts). A socket's
// address is found the way express finds req.ip for REST — with the app's own compiled `trust proxy`
// function — so one setting (server/app.ts) decides whom the hub believes, on both doors.
import { isIPv6 } from 'node:net';

/** express's compiled `trust proxy` (app.get('trust proxy fn')): whether the hop-th address is a proxy we trust. */
export type TrustProxy = (address: string, hop: number) => boolean;

/**
 * The client's address, as proxy-addr (express's req.ip) finds it: starting at the peer, each address a
 * trusted proxy handed on is replaced by the one it names in X-Forwarded-For (read from the right), until
 * an address that is not a trusted proxy — so a client cannot choose its address by sending the header.
 */
export function forwardedAddress(
  peer: string,
  forwardedFor: string | string[] | undefined,
  trust: TrustProxy,
): string {
  const named = [forwardedFor ?? '']
    .flat()
    .join(',')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .reverse();
  const hops = [peer, ...named];
  let i = 0;
  while (i < hops.length - 1 && trust(hops[i], i)) i++;
  return hops[i];
}

/**
 * What one client's budget is keyed by: an IPv4 address (also when written IPv4-mapped), or an IPv6
 * address's /64 — one subscriber's network gets a whole /64, so single IPv6 addresses cost nothing to rotate.
 */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) return mapped[1];
  if (!isIPv6(ip)) return ip;
  const [head, tail] = ip.split('%')[0].toLowerCase().split('::');
  const groups = (s: string | undefined) => (s ? s.split(':') : []);
  const h = groups(head);
  const t = groups(tail);
  const all =
    tail === undefined ? h : [...h, ...Array<string>(Math.max(0, 8 - h.length - t.length)).fill('0'), ...t];
  return `${all
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
