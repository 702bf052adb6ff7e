// What the X adapter specs share: the account's keys, a config pointing at the loopback X stand-in, and a
// connection built on the contract's recording hub side.
import type { XConfig } from '#channels/twitter/config.ts';
import { twitterChannel, type XConnection } from '#channels/twitter/index.ts';
import type { XApi } from '#tests/helpers/x-api.ts';
import { contractContext } from '../contract.ts';

export const KEYS = {
  apiKey: 'xvz1evFS4wEEPTGEFPHBog',
  accessToken: '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb',
};

export const configFor = (x: Pick<XApi, 'url'>, over: Partial<XConfig> = {}): XConfig => ({
  handle: 'acme',
  bearerToken: 'AAAAAAAAAAAAAAAAAAAAAMLheAAAAAAA0%2BuSeid',
  apiKey: KEYS.apiKey,
  apiSecret: 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw',
  accessToken: KEYS.accessToken,
  accessSecret: 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE',
  apiBaseUrl: x.url,
  ...over,
});

/** A connection (not started: specs drive it with pollNow) and what it reported to the hub. */
export function connectX(x: Pick<XApi, 'url'>, over: Partial<XConfig> = {}) {
  const made = contractContext('twitter', configFor(x, over), null);
  return { ...made, conn: twitterChannel.create(made.ctx) as XConnection };
}
