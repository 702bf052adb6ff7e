import { z } from 'zod';
import type { HubContext } from '#server/context.ts';
import { inboxUsage } from '#server/inboxes/inbox-usage.ts';
import { listInboxes } from '#server/inboxes/list-inboxes.ts';
import { loadInbox } from '#server/inboxes/load-inbox.ts';
import { createInbox, testInboxConnection, updateInbox } from '#server/inboxes/save-inbox.ts';
import {
  createInboxBody,
  inboxJson,
  inboxUsageJson,
  testConnectionBody,
  updateInboxBody,
} from '#shared/api.schema.ts';
import type { RouteTable } from './route.ts';

const tag = 'Inboxes';
const admin = ['admin'] as const;

export function inboxRoutes(ctx: HubContext, t: RouteTable): void {
  t.route(
    {
      method: 'get',
      path: '/inboxes',
      tag,
      summary: 'List inboxes (admin)',
      roles: admin,
      response: z.object({ data: z.array(inboxJson), nextCursor: z.null() }),
    },
    async ({ auth }) => ({ data: await listInboxes(ctx, auth.accountId), nextCursor: null }),
  );
  t.route(
    {
      method: 'post',
      path: '/inboxes',
      tag,
      summary: 'Create an inbox; the response carries its token and, once, its signing secret',
      roles: admin,
      body: createInboxBody,
      response: z.object({ data: inboxJson }),
      status: 201,
    },
    async ({ auth, body }) => ({ data: await createInbox(ctx, auth.accountId, body) }),
  );
  t.route(
    {
      method: 'post',
      path: '/inboxes/test-connection',
      tag,
      summary:
        'Try a channel config without saving it: each step (DNS, TLS and login, mailbox) with what failed',
      roles: admin,
      body: testConnectionBody,
      response: z.object({
        data: z.object({
          ok: z.boolean(),
          checks: z.array(z.object({ step: z.string(), ok: z.boolean(), detail: z.string().optional() })),
        }),
      }),
    },
    async ({ auth, body }) => ({ data: await testInboxConnection(ctx, auth.accountId, body) }),
  );
  t.route(
    {
      method: 'get',
      path: '/inboxes/:id',
      tag,
      summary: 'One inbox (admin)',
      roles: admin,
      response: z.object({ data: inboxJson }),
    },
    async ({ auth, params }) => ({ data: await loadInbox(ctx, auth.accountId, params.id) }),
  );
  t.route(
    {
      method: 'patch',
      path: '/inboxes/:id',
      tag,
      summary:
        'Change an inbox: name, config and settings as a merge patch (null clears a key; secrets left masked keep their value), team',
      roles: admin,
      body: updateInboxBody,
      response: z.object({ data: inboxJson }),
    },
    async ({ auth, params, body }) => ({ data: await updateInbox(ctx, auth.accountId, params.id, body) }),
  );
  t.route(
    {
      method: 'get',
      path: '/inboxes/:id/usage',
      tag,
      summary:
        "A paying channel's spend this month against the inbox's budget, and whether reads are slowed or stopped; null for channels that do not pay per read (admin)",
      roles: admin,
      response: z.object({ data: inboxUsageJson.nullable() }),
    },
    async ({ auth, params }) => ({ data: await inboxUsage(ctx, auth.accountId, params.id) }),
  );
}
