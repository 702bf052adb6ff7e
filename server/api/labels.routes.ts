// Conversation labels: every staff role reads the account's labels; admins and supervisors keep the set
// (create, rename, recolour, delete); any agent who may see a conversation sets its labels.
import { z } from 'zod';
import type { HubContext } from '#server/context.ts';
import { createLabel, deleteLabel, listLabels, updateLabel } from '#server/labels/save-label.ts';
import { setConversationLabels } from '#server/labels/set-conversation-labels.ts';
import { conversationJson } from '#shared/api.schema.ts';
import { conversationLabelsBody, labelBody, labelJson, labelPatch } from '#shared/labels.schema.ts';
import type { RouteTable } from './route.ts';

const keepers = ['admin', 'supervisor'] as const;
const labellers = ['admin', 'supervisor', 'agent'] as const;
const tag = 'Labels';
const one = z.object({ data: labelJson });

export function labelRoutes(ctx: HubContext, t: RouteTable): void {
  t.route(
    {
      method: 'get',
      path: '/labels',
      tag,
      summary: "The account's labels, by name",
      response: z.object({ data: z.array(labelJson), nextCursor: z.null() }),
    },
    async ({ auth }) => ({ data: await listLabels(ctx, auth.accountId), nextCursor: null }),
  );
  t.route(
    {
      method: 'post',
      path: '/labels',
      tag,
      summary: 'Add a label (name unique in the account, any case; colour "#rrggbb")',
      roles: keepers,
      body: labelBody,
      response: one,
      status: 201,
    },
    async ({ auth, body }) => ({ data: await createLabel(ctx, auth.accountId, body) }),
  );
  t.route(
    {
      method: 'patch',
      path: '/labels/:id',
      tag,
      summary: 'Rename, recolour or describe a label',
      roles: keepers,
      body: labelPatch,
      response: one,
    },
    async ({ auth, params, body }) => ({ data: await updateLabel(ctx, auth.accountId, params.id, body) }),
  );
  t.route(
    {
      method: 'delete',
      path: '/labels/:id',
      tag,
      summary: 'Delete a label; it is taken off every conversation (each records the change)',
      roles: keepers,
      response: one,
    },
    async ({ auth, params }) => ({ data: await deleteLabel(ctx, auth, params.id) }),
  );
  t.route(
    {
      method: 'put',
      path: '/conversations/:id/labels',
      tag,
      summary:
        "Replace a conversation's labels with labelIds (an empty list clears them); unknown ids are a 422 unknown_label",
      roles: labellers,
      body: conversationLabelsBody,
      response: z.object({ data: conversationJson }),
    },
    async ({ auth, params, body }) => ({
      data: await setConversationLabels(ctx, auth, params.id, body.labelIds),
    }),
  );
}
