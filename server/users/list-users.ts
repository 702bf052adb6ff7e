// The account's users, oldest first, for admins and the supervisors who staff their floor.
import { asc, eq } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { users } from '#server/db/schema.ts';
import { userToJson } from './save-user.ts';

export async function listUsers(ctx: HubContext, accountId: number) {
  const rows = await ctx.db.select().from(users).where(eq(users.accountId, accountId)).orderBy(asc(users.id));
  return rows.map((u) => userToJson(u));
}
