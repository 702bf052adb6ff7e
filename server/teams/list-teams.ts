// The account's teams, oldest first, each with its members (one query for all the memberships).
import { asc, eq } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { teamMembers, teams } from '#server/db/schema.ts';
import { teamToJson } from './save-team.ts';

export async function listTeams(ctx: HubContext, accountId: number) {
  const rows = await ctx.db.select().from(teams).where(eq(teams.accountId, accountId)).orderBy(asc(teams.id));
  const members = await ctx.db.select().from(teamMembers).where(eq(teamMembers.accountId, accountId));
  return rows.map((team) =>
    teamToJson(
      team,
      members.filter((m) => m.teamId === team.id).map((m) => m.userId),
    ),
  );
}
