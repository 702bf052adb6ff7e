import { z } from 'zod';
import { login } from '#server/auth/login.ts';
import type { HubContext } from '#server/context.ts';
import { userToJson } from '#server/users/save-user.ts';
import { loginBody, userJson } from '#shared/api.schema.ts';
import type { RouteTable } from './route.ts';

export function authRoutes(ctx: HubContext, t: RouteTable): void {
  t.route(
    {
      method: 'post',
      path: '/auth/login',
      tag: 'Auth',
      summary: 'Log in with e-mail and password; returns a bearer token',
      auth: 'none',
      body: loginBody,
      response: z.object({ token: z.string(), user: userJson }),
    },
    async ({ body }) => {
      const { token, user } = await login(ctx, body.email, body.password);
      return { token, user: userToJson(user) };
    },
  );
  t.route(
    {
      method: 'get',
      path: '/me',
      tag: 'Auth',
      summary: 'The caller',
      response: z.object({ data: userJson }),
    },
    async ({ auth }) => ({ data: userToJson(auth.user, auth.teamIds) }),
  );
}
