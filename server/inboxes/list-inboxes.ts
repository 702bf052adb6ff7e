// The account's inboxes as admins see them: oldest first, secrets masked (inboxToJson).
import { asc, eq } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { inboxes } from '#server/db/schema.ts';
import { inboxToJson } from './save-inbox.ts';

export async function listInboxes(ctx: HubContext, accountId: number) {
  const rows = await ctx.db
    .select()
    .from(inboxes)
    .where(eq(inboxes.accountId, accountId))
    .orderBy(asc(inboxes.id));
  return rows.map((r) => inboxToJson(ctx, r));
}
