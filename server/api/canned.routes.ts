// Canned responses: every agent searches the ones offered to them (the composer's "/" list); admins and
// supervisors keep the account's set.
import { z } from 'zod';
import { listCanned } from '#server/canned/list-canned.ts';
import { createCanned, deleteCanned, updateCanned } from '#server/canned/save-canned.ts';
import type { HubContext } from '#server/context.ts';
import {
  cannedResponseBody,
  cannedResponseJson,
  cannedResponsePatch,
  listCannedQuery,
} from '#shared/canned.schema.ts';
import type { RouteTable } from './route.ts';

const keepers = ['admin', 'supervisor'] as const;
const users = ['admin', 'supervisor', 'agent'] as const;
const tag = 'Canned responses';
const one = z.object({ data: cannedResponseJson });

export function cannedRoutes(ctx: HubContext, t: RouteTable): void {
  t.route(
    {
      method: 'get',
      path: '/canned-responses',
      tag,
      summary: 'Canned responses offered to me; q matches a shortcut or title prefix, or words in the text',
      roles: users,
      query: listCannedQuery,
      response: z.object({ data: z.array(cannedResponseJson), nextCursor: z.null() }),
    },
    async ({ auth, query }) => ({ data: await listCanned(ctx, auth, query), nextCursor: null }),
  );
  t.route(
    {
      method: 'post',
      path: '/canned-responses',
      tag,
      summary: 'Add a canned response (shortcut unique in the account, any case); teamId scopes it',
      roles: keepers,
      body: cannedResponseBody,
      response: one,
      status: 201,
    },
    async ({ auth, body }) => ({ data: await createCanned(ctx, auth.accountId, body) }),
  );
  t.route(
    {
      method: 'patch',
      path: '/canned-responses/:id',
      tag,
      summary: 'Change a canned response',
      roles: keepers,
      body: cannedResponsePatch,
      response: one,
    },
    async ({ auth, params, body }) => ({ data: await updateCanned(ctx, auth.accountId, params.id, body) }),
  );
  t.route(
    {
      method: 'delete',
      path: '/canned-responses/:id',
      tag,
      summary: 'Remove a canned response',
      roles: keepers,
      response: one,
    },
    async ({ auth, params }) => ({ data: await deleteCanned(ctx, auth.accountId, params.id) }),
  );
}
