// A token the network revoked or let expire stops every call: the inbox shows `needs_auth` (with the
// network's reason) from the first AUTH refusal until a call with the token works again. Each adapter
// that holds a token wraps its calls in one watcher per connection.
import { ChannelError } from './errors.ts';
import type { ChannelHealth } from './types.ts';

export function authWatcher(ctx: { setHealth(h: ChannelHealth, detail?: string): void }) {
  let failed = false;
  return async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      const result = await call();
      if (failed) ctx.setHealth('ready');
      failed = false;
      return result;
    } catch (err) {
      if (err instanceof ChannelError && err.code === 'AUTH') {
        failed = true;
        ctx.setHealth('needs_auth', err.message);
      }
      throw err;
    }
  };
}
