// The widget's REST side (widget/PROTOCOL.md): public config, the visitor's uploads and downloads
// (X-Inbox-Token + X-Visitor-Token), and the offline form (X-Inbox-Token only). Uploads and offline forms
// count against the client's rate limits (server/widget/rate-limits.ts): 429 with Retry-After.
import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import type { HubContext } from '#server/context.ts';
import type { Ingestor } from '#server/conversations/ingestor.ts';
import { attachmentToJson } from '#server/conversations/serialize.ts';
import { AppError, notFound } from '#server/errors.ts';
import { addressKey } from '#server/widget/client-address.ts';
import { loadVisitorFile } from '#server/widget/load-visitor-file.ts';
import { submitOfflineForm } from '#server/widget/offline-form.ts';
import { listRatings } from '#server/widget/ratings.ts';
import { recordVisitorUpload } from '#server/widget/record-visitor-upload.ts';
import { type VisitorScope, visitorScopeOf, webchatInboxByToken } from '#server/widget/visitor.ts';
import { widgetConfig } from '#server/widget/widget-config.ts';
import { readWidgetSettings } from '#server/widget/widget-settings.ts';
import { attachmentJson, idParam } from '#shared/api.schema.ts';
import {
  offlineBody,
  type WidgetRateLimits,
  widgetConfigJson,
  widgetConfigQuery,
} from '#shared/widget.schema.ts';
import { sendStoredFile, uploadReceiver } from './attachments.routes.ts';
import type { RouteTable } from './route.ts';

const tag = 'Widget';
const visitorHeaders = {
  'X-Inbox-Token': "the web-chat inbox's token",
  'X-Visitor-Token': 'the visitorToken of the widget session',
};

/** The visitor the headers name, and the rate limits their web-chat inbox sets. */
async function visitorOf(
  ctx: HubContext,
  req: Request,
): Promise<{ v: VisitorScope; rates: WidgetRateLimits | undefined }> {
  const inbox = await webchatInboxByToken(ctx, req.header('x-inbox-token') ?? '').catch(() => null);
  const visitor = inbox ? ctx.visitorTokens.open(inbox.id, req.header('x-visitor-token') ?? '') : null;
  if (!inbox || !visitor)
    throw new AppError('unauthenticated', 'missing or wrong X-Inbox-Token / X-Visitor-Token');
  return {
    v: visitorScopeOf(inbox, visitor.externalId),
    rates: readWidgetSettings(inbox.settings).rateLimits,
  };
}

/** The client's address as the rate limits key it: req.ip, which follows the app's `trust proxy`. */
const addressOf = (req: Request) => addressKey(req.ip ?? req.socket.remoteAddress ?? '');

export function widgetRoutes(ctx: HubContext, t: RouteTable, ingestor: Ingestor): void {
  const receive = uploadReceiver(ctx);

  t.route(
    {
      method: 'get',
      path: '/widget/config',
      tag,
      summary: "A web-chat inbox's widget settings, and whether anyone can answer now (public)",
      auth: 'none',
      query: widgetConfigQuery,
      response: z.object({ data: widgetConfigJson }),
    },
    async ({ query, res }) => {
      const inbox = await webchatInboxByToken(ctx, query.inbox).catch(() => {
        throw notFound('inbox');
      });
      res.setHeader('cache-control', 'no-store');
      return { data: await widgetConfig(ctx, inbox) };
    },
  );

  t.route(
    {
      method: 'post',
      path: '/widget/attachments',
      tag,
      summary: 'A visitor\'s upload (multipart field "file"); its id goes in message:send.attachmentIds',
      auth: 'none',
      headers: visitorHeaders,
      multipart: true,
      response: z.object({ data: attachmentJson }),
      status: 201,
    },
    async ({ req, res }) => {
      const { v, rates } = await visitorOf(ctx, req);
      // Counted before the file is read: a refused upload costs neither the disk nor the time.
      const who = { inboxId: v.inboxId, address: addressOf(req), visitor: v.externalId };
      await ctx.limits.take('upload', who, rates);
      const row = await recordVisitorUpload(ctx, v, await receive(req, res));
      return { data: { ...attachmentToJson(row), url: `/api/v1/widget/attachments/${row.id}` } };
    },
  );

  t.route(
    {
      method: 'get',
      path: '/widget/attachments/:id',
      tag,
      summary: "Download a file of the visitor's own conversation (or their own upload)",
      auth: 'none',
      headers: visitorHeaders,
    },
    async ({ req, res, params }) => {
      const { v } = await visitorOf(ctx, req);
      await sendStoredFile(ctx, await loadVisitorFile(ctx, v, params.id), res);
    },
  );

  t.route(
    {
      method: 'get',
      path: '/ratings',
      tag: 'Reports',
      summary: "Web-chat visitors' satisfaction ratings, newest first (admin, supervisor, QA)",
      roles: ['admin', 'supervisor', 'qa'],
      query: z.object({
        agentId: idParam.optional(),
        inboxId: idParam.optional(),
        cursor: idParam.optional(),
      }),
    },
    async ({ auth, query }) => listRatings(ctx, auth.accountId, query),
  );

  t.route(
    {
      method: 'post',
      path: '/widget/offline',
      tag,
      summary: "The offline form: becomes a conversation in the web-chat inbox's e-mail inbox",
      auth: 'none',
      headers: { 'X-Inbox-Token': "the web-chat inbox's token" },
      body: offlineBody,
      response: z.object({ data: z.object({ received: z.literal(true) }) }),
      status: 201,
    },
    async ({ req, body }) => {
      const inbox = await webchatInboxByToken(ctx, req.header('x-inbox-token') ?? '').catch(() => {
        throw new AppError('unauthenticated', 'missing or wrong X-Inbox-Token');
      });
      // An offline form is a new conversation from someone anonymous, like a new chat session.
      const rates = readWidgetSettings(inbox.settings).rateLimits;
      await ctx.limits.take('session', { inboxId: inbox.id, address: addressOf(req) }, rates);
      await submitOfflineForm(ctx, ingestor, inbox, body);
      return { data: { received: true as const } };
    },
  );
}

/** The widget runs on customers' sites: its routes answer any origin (its tokens, not cookies, are its auth). */
export function widgetCors(req: Request, res: Response, next: NextFunction): void {
  res.setHeader('access-control-allow-origin', '*');
  res.setHeader('access-control-allow-headers', 'content-type, x-inbox-token, x-visitor-token');
  res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
  res.setHeader('access-control-max-age', '600');
  if (req.method === 'OPTIONS') return void res.status(204).end();
  next();
}
