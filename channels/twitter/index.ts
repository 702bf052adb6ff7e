// The X (Twitter) channel: mentions and direct messages read by polling (poller.ts) within a monthly
// spend budget, public replies and DMs sent through X API v2 (send-reply.ts). The kind keeps the name the
// hub has always used for it, `twitter`.
import { authWatcher } from '../auth-watch.ts';
import { noCapabilities } from '../capabilities.ts';
import type { ChannelConnection, ChannelDefinition, ConnectionCheck } from '../types.ts';
import { type XConfig, xConfigSchema } from './config.ts';
import { createMeasurer } from './measure-posts.ts';
import { createModerator, type ModerationAction } from './moderate-post.ts';
import { createPoller, type PollOutcome } from './poller.ts';
import { createSender, MAX_DM_TEXT } from './send-reply.ts';
import { MAX_WEIGHTED_LENGTH } from './tweet-length.ts';
import { readUsage } from './usage.ts';
import { meAnswer } from './x.schema.ts';
import { xClient } from './x-client.ts';

/** The connection, with the way to read X now instead of at the next tick (tests, "check now"). */
export type XConnection = ChannelConnection & {
  pollNow(): Promise<PollOutcome>;
  moderate(item: { externalId: string; action: ModerationAction }, signal: AbortSignal): Promise<void>;
};

export const twitterChannel: ChannelDefinition<XConfig> = {
  kind: 'twitter',
  label: 'X (Twitter)',
  tag: { en: 'X', es: 'X', ar: 'X' },
  inbound: 'connection',
  protocol: { family: 'social' },
  // A public complaint is answered in minutes, as on the other social networks.
  service: {
    sla: { firstResponseSeconds: 15 * 60, nextResponseSeconds: 30 * 60, resolutionSeconds: 86_400 },
    capacity: 5,
  },
  configSchema: xConfigSchema,
  secretFields: ['bearerToken', 'apiKey', 'apiSecret', 'accessToken', 'accessSecret'],
  signingSecret: false,
  capabilities: {
    ...noCapabilities,
    // A public reply's limit, counted as X counts it; a DM takes up to 10,000 characters (send-reply.ts
    // checks each, and the hub refuses either before queueing).
    maxText: MAX_WEIGHTED_LENGTH,
    textLength: 'weighted',
    maxPrivateText: MAX_DM_TEXT,
    publicItems: true,
    // Replies under the account's own posts can be hidden; its own posts deleted (moderate-post.ts).
    hideDelete: true,
    like: true,
  },
  create(ctx): XConnection {
    const x = xClient(ctx.config);
    const poller = createPoller(ctx, x);
    const send = createSender(x);
    const moderate = createModerator(x, poller.account.whoAmI);
    const measure = createMeasurer(x, poller.account.spend);
    const watched = authWatcher(ctx);
    return {
      start: () => poller.start(),
      stop: () => poller.stop(),
      pollNow: () => poller.pollNow(),
      moderate,
      measure: (items, signal) => watched(() => measure(items, signal)),
      send: (out) => watched(() => send(out)),
    };
  },
  testConnection: checkConnection,
  usage: readUsage,
};

/** Reads the account the tokens act as: proves the four tokens and names the account. */
async function checkConnection(config: XConfig): Promise<ConnectionCheck[]> {
  try {
    const me = await xClient(config).get('users/me', { 'user.fields': 'username' }, meAnswer);
    const handle = me.data.username;
    const other = handle && handle.toLowerCase() !== config.handle.toLowerCase();
    return [
      {
        step: 'x api account',
        ok: !other,
        detail: other ? `the tokens act as @${handle}, not @${config.handle}` : `@${handle ?? config.handle}`,
      },
    ];
  } catch (err) {
    return [{ step: 'x api account', ok: false, detail: (err as Error).message }];
  }
}
