// Protocol templates (admin edits, supervisors read) and a conversation's protocol checklist (any agent
// who may see the conversation). The survey page the e-mail link opens is mounted here too, outside /api.

import type express from 'express';
import { z } from 'zod';
import type { HubContext } from '#server/context.ts';
import { AppError } from '#server/errors.ts';
import { surveyPage } from '#server/pages/survey-page.ts';
import { setClosureHold } from '#server/protocol/closure-hold.ts';
import { loadChecklist } from '#server/protocol/load-checklist.ts';
import { listTemplates, readTemplate } from '#server/protocol/read-templates.ts';
import { requestResolve } from '#server/protocol/request-resolve.ts';
import { resetTemplate, saveTemplate, templateToJson } from '#server/protocol/save-template.ts';
import { tickStep } from '#server/protocol/tick-step.ts';
import { conversationJson } from '#shared/api.schema.ts';
import { closureHoldBody } from '#shared/closure-hold.schema.ts';
import { protocolName, protocolTemplateBody, stepStatusBody } from '#shared/protocol.schema.ts';
import type { RouteTable } from './route.ts';

const admin = ['admin'] as const;
const readers = ['admin', 'supervisor'] as const;
const one = (s: z.ZodType) => z.object({ data: s });

export function protocolRoutes(ctx: HubContext, t: RouteTable, app: express.Express): void {
  t.route(
    {
      method: 'get',
      path: '/protocols',
      tag: 'Protocols',
      summary: 'Every protocol template of the account',
      roles: readers,
    },
    async ({ auth }) => {
      const all = await listTemplates(ctx, auth.accountId);
      return { data: all.map(templateToJson), nextCursor: null };
    },
  );
  // A protocol is a name, not an id: the route table checks it against the known ones.
  const byName = (names: Record<string, string>) => {
    const parsed = protocolName.safeParse(names.protocol);
    if (!parsed.success) throw new AppError('not_found', `no protocol ${names.protocol}`);
    return parsed.data;
  };
  t.route(
    {
      method: 'get',
      path: '/protocols/:protocol',
      tag: 'Protocols',
      summary: 'One protocol template (the seeded default until edited)',
      roles: readers,
      names: ['protocol'],
    },
    async ({ auth, names }) => ({
      data: templateToJson(await readTemplate(ctx, auth.accountId, byName(names))),
    }),
  );
  t.route(
    {
      method: 'put',
      path: '/protocols/:protocol',
      tag: 'Protocols',
      summary: 'Replace a protocol template: name, steps, settings',
      roles: admin,
      names: ['protocol'],
      body: protocolTemplateBody,
    },
    async ({ auth, names, body }) => ({
      data: templateToJson(await saveTemplate(ctx, auth.accountId, byName(names), body)),
    }),
  );
  t.route(
    {
      method: 'delete',
      path: '/protocols/:protocol',
      tag: 'Protocols',
      summary: 'Back to the seeded default template',
      roles: admin,
      names: ['protocol'],
    },
    async ({ auth, names }) => ({
      data: templateToJson(await resetTemplate(ctx, auth.accountId, byName(names))),
    }),
  );
  t.route(
    {
      method: 'get',
      path: '/conversations/:id/protocol',
      tag: 'Protocols',
      summary: "The conversation's protocol checklist and compliance",
    },
    async ({ auth, params }) => ({
      data: await loadChecklist(ctx, auth, params.id),
    }),
  );
  t.route(
    {
      method: 'post',
      path: '/conversations/:id/protocol/steps/:key',
      tag: 'Protocols',
      summary: 'Tick, skip or reopen an agent step of the checklist',
      names: ['key'],
      body: stepStatusBody,
      response: one(z.unknown()),
    },
    async ({ auth, params, names, body }) => ({
      data: await tickStep(ctx, auth, params.id, names.key, body.status),
    }),
  );
  t.route(
    {
      method: 'post',
      path: '/conversations/:id/resolve-request',
      tag: 'Protocols',
      summary:
        'Ask to resolve: the conversation waits for the customer (pending), the closure steps run, and silence resolves it',
      response: one(z.unknown()),
    },
    async ({ auth, params }) => ({ data: await requestResolve(ctx, auth, params.id) }),
  );
  t.route(
    {
      method: 'post',
      path: '/conversations/:id/closure-check',
      tag: 'Protocols',
      summary:
        'Hold the closure check: until an instant, or while the customer waits on us (until the next public reply); null releases it',
      body: closureHoldBody,
      response: one(conversationJson),
    },
    async ({ auth, params, body }) => ({ data: await setClosureHold(ctx, auth, params.id, body) }),
  );
  surveyPage(app, ctx);
}
