// An inbox's paid usage this month (GET /inboxes/:id/usage): asked of the channel's definition (`usage`),
// which reads what its connection keeps in the channel store. A channel that does not pay per read answers
// null. Reads only: any hub node answers, whichever holds the connection.
import { and, eq } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { inboxes } from '#server/db/schema.ts';
import { notFound } from '#server/errors.ts';
import type { InboxUsageJson } from '#shared/api.schema.ts';
import { definitionOf } from './channel-facts.ts';
import { channelStore } from './channel-store.ts';

export async function inboxUsage(
  ctx: HubContext,
  accountId: number,
  id: number,
): Promise<InboxUsageJson | null> {
  const [inbox] = await ctx.db
    .select()
    .from(inboxes)
    .where(and(eq(inboxes.id, id), eq(inboxes.accountId, accountId)));
  if (!inbox) throw notFound('inbox');
  const definition = definitionOf(inbox.channel);
  if (!definition?.usage) return null;
  let config: unknown;
  try {
    config = definition.configSchema.parse(ctx.sealer.open(inbox.configEncrypted));
  } catch {
    // Unreadable or outdated config: the inbox's health already says so; there is no budget to read.
    return null;
  }
  return definition.usage({ config, store: channelStore(() => ctx.db, inbox.id), now: ctx.clock.now() });
}
