// The floor's directory: who an agent can hand a conversation to (active colleagues with their presence
// and teams) and the teams. Every staff role that works conversations reads it — an agent transfers to a
// colleague or a team without being allowed to read the users' admin data (e-mail, capacity, skills).
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { teamMembers, teams, users } from '#server/db/schema.ts';
import { directoryJson } from '#shared/api.schema.ts';
import type { RouteTable } from './route.ts';

export function directoryRoutes(ctx: HubContext, t: RouteTable): void {
  t.route(
    {
      method: 'get',
      path: '/directory',
      tag: 'Users',
      summary:
        'Colleagues who take conversations (name, role, presence, teams) and the teams, for assign and transfer',
      roles: ['admin', 'supervisor', 'agent', 'qa'],
      response: directoryJson,
    },
    async ({ auth }) => {
      const [people, teamRows, members] = await Promise.all([
        ctx.db
          .select({ id: users.id, name: users.name, role: users.role, presence: users.presence })
          .from(users)
          .where(
            and(
              eq(users.accountId, auth.accountId),
              eq(users.disabled, false),
              inArray(users.role, ['admin', 'supervisor', 'agent']),
            ),
          )
          .orderBy(asc(users.name)),
        ctx.db
          .select({ id: teams.id, name: teams.name })
          .from(teams)
          .where(eq(teams.accountId, auth.accountId))
          .orderBy(asc(teams.name)),
        ctx.db
          .select({ teamId: teamMembers.teamId, userId: teamMembers.userId })
          .from(teamMembers)
          .where(eq(teamMembers.accountId, auth.accountId)),
      ]);
      return {
        data: {
          users: people.map((u) => ({
            id: String(u.id),
            name: u.name,
            role: u.role,
            presence: u.presence,
            teamIds: members.filter((m) => m.userId === u.id).map((m) => String(m.teamId)),
          })),
          teams: teamRows.map((tm) => ({ id: String(tm.id), name: tm.name })),
        },
      };
    },
  );
}
