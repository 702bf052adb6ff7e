// One user of the account with the teams they belong to (the list leaves the teams out).
import { and, eq } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { teamMembers, users } from '#server/db/schema.ts';
import { notFound } from '#server/errors.ts';
import { userToJson } from './save-user.ts';

export async function loadUser(ctx: HubContext, accountId: number, id: number) {
  const [u] = await ctx.db
    .select()
    .from(users)
    .where(and(eq(users.id, id), eq(users.accountId, accountId)));
  if (!u) throw notFound('user');
  const memberships = await ctx.db.select().from(teamMembers).where(eq(teamMembers.userId, u.id));
  return userToJson(
    u,
    memberships.map((m) => m.teamId),
  );
}
