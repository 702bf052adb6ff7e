// Signing in and out, the caller's own sessions and password, and the account's security log (admins).
import type { Request } from 'express';
import { z } from 'zod';
import { changeOwnPassword } from '#server/auth/change-password.ts';
import { login } from '#server/auth/login.ts';
import { type ClientInfo, listSecurityEvents } from '#server/auth/security-events.ts';
import { listSessions, logout, revokeSession } from '#server/auth/sessions.ts';
import type { HubContext } from '#server/context.ts';
import { userToJson } from '#server/users/save-user.ts';
import { loginBody, userJson } from '#shared/api.schema.ts';
import {
  changePasswordBody,
  logoutBody,
  securityEventJson,
  securityEventsQuery,
  sessionJson,
} from '#shared/security.schema.ts';
import type { RouteTable } from './route.ts';

/** Where the request came from (`trust proxy` makes req.ip the client behind a local proxy). */
const clientOf = (req: Request): ClientInfo => ({
  ip: req.ip ?? null,
  userAgent: req.get('user-agent') ?? null,
});

export function authRoutes(ctx: HubContext, t: RouteTable): void {
  t.route(
    {
      method: 'post',
      path: '/auth/login',
      tag: 'Auth',
      summary:
        'Log in with e-mail and password; returns a bearer token. 429 login_throttled after repeated failures (details.retryAfterMs); 409 account_required (details.accounts) when the address signs in to several accounts: send accountId',
      auth: 'none',
      body: loginBody,
      response: z.object({ token: z.string(), user: userJson }),
    },
    async ({ body, req }) => {
      const { token, user } = await login(ctx, body, clientOf(req));
      return { token, user: userToJson(user) };
    },
  );
  t.route(
    {
      method: 'post',
      path: '/auth/logout',
      tag: 'Auth',
      summary:
        'Sign out: this session, or with everywhere every session of the caller; their live sockets close',
      body: logoutBody,
      response: z.object({ data: z.object({ ended: z.number() }) }),
    },
    async ({ auth, body, req }) => ({
      data: await logout(ctx, auth, body.everywhere ?? false, clientOf(req)),
    }),
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
  t.route(
    {
      method: 'get',
      path: '/me/sessions',
      tag: 'Auth',
      summary: "The caller's signed-in sessions, newest first, with where and when they were last used",
      response: z.object({ data: z.array(sessionJson), nextCursor: z.null() }),
    },
    async ({ auth }) => ({ data: await listSessions(ctx, auth), nextCursor: null }),
  );
  t.route(
    {
      method: 'delete',
      path: '/me/sessions/:id',
      tag: 'Auth',
      summary: 'End one of my sessions (another device); its sockets close',
      response: z.object({ data: z.object({ ended: z.literal(true) }) }),
    },
    async ({ auth, params, req }) => {
      await revokeSession(ctx, auth, params.id, clientOf(req));
      return { data: { ended: true as const } };
    },
  );
  t.route(
    {
      method: 'post',
      path: '/me/password',
      tag: 'Auth',
      summary: 'Change my password: 403 wrong_password, 422 weak_password; every other session of mine ends',
      body: changePasswordBody,
      response: z.object({ data: z.object({ endedSessions: z.number() }) }),
    },
    async ({ auth, body, req }) => ({ data: await changeOwnPassword(ctx, auth, body, clientOf(req)) }),
  );
  t.route(
    {
      method: 'get',
      path: '/security/events',
      tag: 'Security',
      summary:
        "The account's security log, newest first: sign-ins failed, succeeded and throttled, sign-outs, revoked sessions, password changes",
      roles: ['admin'],
      query: securityEventsQuery,
      response: z.object({ data: z.array(securityEventJson), nextCursor: z.string().nullable() }),
    },
    async ({ auth, query }) => listSecurityEvents(ctx, auth.accountId, query),
  );
}
