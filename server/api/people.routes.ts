// Users and teams (admin). Supervisors may read them, to staff their floor.
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { HubContext } from '#server/context.ts';
import { teamMembers, teams, users } from '#server/db/schema.ts';
import { notFound } from '#server/errors.ts';
import { createTeam, teamToJson, updateTeam } from '#server/teams/save-team.ts';
import { createUser, updateUser, userToJson } from '#server/users/save-user.ts';
import {
  createTeamBody,
  createUserBody,
  teamJson,
  updateTeamBody,
  updateUserBody,
  userJson,
} from '#shared/api.schema.ts';
import type { RouteTable } from './route.ts';

const admin = ['admin'] as const;
const readers = ['admin', 'supervisor'] as const;
const one = (s: z.ZodType) => z.object({ data: s });
const all = (s: z.ZodType) => z.object({ data: z.array(s), nextCursor: z.null() });

export function peopleRoutes(ctx: HubContext, t: RouteTable): void {
  t.route(
    {
      method: 'get',
      path: '/users',
      tag: 'Users',
      summary: 'List users',
      roles: readers,
      response: all(userJson),
    },
    async ({ auth }) => {
      const rows = await ctx.db
        .select()
        .from(users)
        .where(eq(users.accountId, auth.accountId))
        .orderBy(asc(users.id));
      return { data: rows.map((u) => userToJson(u)), nextCursor: null };
    },
  );
  t.route(
    {
      method: 'post',
      path: '/users',
      tag: 'Users',
      summary: 'Create a user',
      roles: admin,
      body: createUserBody,
      response: one(userJson),
      status: 201,
    },
    async ({ auth, body }) => ({ data: userToJson(await createUser(ctx, auth.accountId, body)) }),
  );
  t.route(
    {
      method: 'get',
      path: '/users/:id',
      tag: 'Users',
      summary: 'One user',
      roles: readers,
      response: one(userJson),
    },
    async ({ auth, params }) => {
      const [u] = await ctx.db
        .select()
        .from(users)
        .where(and(eq(users.id, params.id), eq(users.accountId, auth.accountId)));
      if (!u) throw notFound('user');
      const memberships = await ctx.db.select().from(teamMembers).where(eq(teamMembers.userId, u.id));
      return {
        data: userToJson(
          u,
          memberships.map((m) => m.teamId),
        ),
      };
    },
  );
  t.route(
    {
      method: 'patch',
      path: '/users/:id',
      tag: 'Users',
      summary: 'Change a user: name, role, capacity per channel, password, disabled',
      roles: admin,
      body: updateUserBody,
      response: one(userJson),
    },
    async ({ auth, params, body }) => ({
      data: userToJson(await updateUser(ctx, auth.accountId, params.id, body, auth.user.id)),
    }),
  );

  t.route(
    {
      method: 'get',
      path: '/teams',
      tag: 'Teams',
      summary: 'List teams',
      roles: readers,
      response: all(teamJson),
    },
    async ({ auth }) => {
      const rows = await ctx.db
        .select()
        .from(teams)
        .where(eq(teams.accountId, auth.accountId))
        .orderBy(asc(teams.id));
      const members = await ctx.db
        .select()
        .from(teamMembers)
        .where(eq(teamMembers.accountId, auth.accountId));
      return {
        data: rows.map((team) =>
          teamToJson(
            team,
            members.filter((m) => m.teamId === team.id).map((m) => m.userId),
          ),
        ),
        nextCursor: null,
      };
    },
  );
  t.route(
    {
      method: 'post',
      path: '/teams',
      tag: 'Teams',
      summary: 'Create a team with its assignment strategy and members',
      roles: admin,
      body: createTeamBody,
      response: one(teamJson),
      status: 201,
    },
    async ({ auth, body }) => ({ data: await createTeam(ctx, auth.accountId, body) }),
  );
  t.route(
    {
      method: 'patch',
      path: '/teams/:id',
      tag: 'Teams',
      summary: 'Change a team; memberIds, when given, replaces the members',
      roles: admin,
      body: updateTeamBody,
      response: one(teamJson),
    },
    async ({ auth, params, body }) => ({ data: await updateTeam(ctx, auth.accountId, params.id, body) }),
  );
}
