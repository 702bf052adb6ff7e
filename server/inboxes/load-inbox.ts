// One inbox of the account as admins see it, secrets masked (inboxToJson).
import { and, eq } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { inboxes } from '#server/db/schema.ts';
import { notFound } from '#server/errors.ts';
import { inboxToJson } from './save-inbox.ts';

export async function loadInbox(ctx: HubContext, accountId: number, id: number) {
  const [row] = await ctx.db
    .select()
    .from(inboxes)
    .where(and(eq(inboxes.id, id), eq(inboxes.accountId, accountId)));
  if (!row) throw notFound('inbox');
  return inboxToJson(ctx, row);
}
