// The floor's directory: who a conversation can be handed to (active colleagues who take conversations,
// with their presence and teams) and the teams. Only what assign and transfer need — no e-mail, capacity
// or skills — since agents read it too.
import { and, asc, eq } from 'drizzle-orm';
import { answersConversations } from '#server/auth/permissions.ts';
import type { HubContext } from '#server/context.ts';
import { teamMembers, teams, users } from '#server/db/schema.ts';

export async function loadDirectory(ctx: HubContext, accountId: number) {
  const [people, teamRows, members] = await Promise.all([
    ctx.db
      .select({ id: users.id, name: users.name, role: users.role, presence: users.presence })
      .from(users)
      .where(and(eq(users.accountId, accountId), eq(users.disabled, false), answersConversations()))
      .orderBy(asc(users.name)),
    ctx.db
      .select({ id: teams.id, name: teams.name })
      .from(teams)
      .where(eq(teams.accountId, accountId))
      .orderBy(asc(teams.name)),
    ctx.db
      .select({ teamId: teamMembers.teamId, userId: teamMembers.userId })
      .from(teamMembers)
      .where(eq(teamMembers.accountId, accountId)),
  ]);
  return {
    users: people.map((u) => ({
      id: String(u.id),
      name: u.name,
      role: u.role,
      presence: u.presence,
      teamIds: members.filter((m) => m.userId === u.id).map((m) => String(m.teamId)),
    })),
    teams: teamRows.map((tm) => ({ id: String(tm.id), name: tm.name })),
  };
}
