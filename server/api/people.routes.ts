// Users and teams (admin). Supervisors may read them, to staff their floor.
import { z } from 'zod';
import type { HubContext } from '#server/context.ts';
import { listTeams } from '#server/teams/list-teams.ts';
import { createTeam, updateTeam } from '#server/teams/save-team.ts';
import { listUsers } from '#server/users/list-users.ts';
import { loadUser } from '#server/users/load-user.ts';
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
    async ({ auth }) => ({ data: await listUsers(ctx, auth.accountId), nextCursor: null }),
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
    async ({ auth, params }) => ({ data: await loadUser(ctx, auth.accountId, params.id) }),
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
      data: userToJson(
        await updateUser(ctx, auth.accountId, params.id, body, {
          userId: auth.user.id,
          tokenId: auth.tokenId,
        }),
      ),
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
    async ({ auth }) => ({ data: await listTeams(ctx, auth.accountId), nextCursor: null }),
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
