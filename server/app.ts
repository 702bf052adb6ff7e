// Express wiring: health, the REST API under /api/v1, its OpenAPI document, and one error handler that
// turns every failure into {"error":{"code","message"}} — a 4xx for anything a client can send.
import express, { type NextFunction, type Request, type Response } from 'express';
import { attachmentRoutes } from '#server/api/attachments.routes.ts';
import { authRoutes } from '#server/api/auth.routes.ts';
import { cannedRoutes } from '#server/api/canned.routes.ts';
import { channelRoutes } from '#server/api/channels.routes.ts';
import { contactRoutes } from '#server/api/contacts.routes.ts';
import { conversationRoutes } from '#server/api/conversations.routes.ts';
import { directoryRoutes } from '#server/api/directory.routes.ts';
import { floorRoutes } from '#server/api/floor.routes.ts';
import { followUpRoutes } from '#server/api/followups.routes.ts';
import { formRoutes } from '#server/api/forms.routes.ts';
import { inboxRoutes } from '#server/api/inboxes.routes.ts';
import { incomingRoutes } from '#server/api/incoming.routes.ts';
import { influenceRoutes } from '#server/api/influence.routes.ts';
import { labelRoutes } from '#server/api/labels.routes.ts';
import { mentionsRoutes } from '#server/api/mentions.routes.ts';
import { buildOpenApi } from '#server/api/openapi.ts';
import { peopleRoutes } from '#server/api/people.routes.ts';
import { protocolRoutes } from '#server/api/protocol.routes.ts';
import { qualityRoutes } from '#server/api/quality.routes.ts';
import { reportsRoutes } from '#server/api/reports.routes.ts';
import { createRouteTable } from '#server/api/route.ts';
import { routingRoutes } from '#server/api/routing.routes.ts';
import { salesRoutes } from '#server/api/sales.routes.ts';
import { salesHandoverRoutes } from '#server/api/sales-handover.routes.ts';
import { salesSettingsRoutes } from '#server/api/sales-settings.routes.ts';
import { searchRoutes } from '#server/api/search.routes.ts';
import { webhookRoutes } from '#server/api/webhooks.routes.ts';
import { widgetCors, widgetRoutes } from '#server/api/widget.routes.ts';
import type { HubContext } from '#server/context.ts';
import type { Ingestor } from '#server/conversations/ingestor.ts';
import { AppError, errorStatus } from '#server/errors.ts';
import { apiDocsPage } from '#server/pages/api-docs-page.ts';
import { demoPage } from '#server/pages/demo-page.ts';
import { faviconRoutes, placeholderPages, unknownPages } from '#server/pages/placeholder-pages.ts';
import { widgetAssets } from '#server/pages/widget-assets.ts';
import { securityHeaders } from '#server/security-headers.ts';

export function buildApp(ctx: HubContext, ingestor: Ingestor, version: string): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', ctx.config.TRUST_PROXY);
  // First, so that every answer carries them, errors and 404s included.
  app.use(securityHeaders());

  app.get('/health', async (_req, res) => {
    try {
      await ctx.db.execute('select 1');
      res.json({ status: 'ok', db: ctx.database.kind, version });
    } catch {
      res.status(503).json({ status: 'unavailable', db: ctx.database.kind });
    }
  });

  const api = express.Router();
  api.use(
    // Webhooks read their exact bytes themselves (webhooks.routes.ts), for the signature.
    express.json({ limit: '2mb' }),
  );
  const table = createRouteTable(ctx, api);
  authRoutes(ctx, table);
  conversationRoutes(ctx, table);
  contactRoutes(ctx, table);
  inboxRoutes(ctx, table);
  channelRoutes(table);
  incomingRoutes(ctx, table, ingestor);
  peopleRoutes(ctx, table);
  directoryRoutes(ctx, table);
  protocolRoutes(ctx, table, app);
  routingRoutes(ctx, table);
  influenceRoutes(ctx, table);
  mentionsRoutes(ctx, table);
  reportsRoutes(ctx, table);
  attachmentRoutes(ctx, table);
  searchRoutes(ctx, table);
  cannedRoutes(ctx, table);
  labelRoutes(ctx, table);
  floorRoutes(ctx, table);
  salesRoutes(ctx, table);
  salesSettingsRoutes(ctx, table);
  salesHandoverRoutes(ctx, table);
  formRoutes(ctx, table);
  qualityRoutes(ctx, table);
  followUpRoutes(ctx, table);
  widgetRoutes(ctx, table, ingestor);
  const openapi = buildOpenApi(table.docs, version);
  apiDocsPage(app, openapi, version);
  app.use('/api/v1/widget', widgetCors);
  app.use('/api/v1', api);
  app.use('/api', (_req, _res, next) => next(new AppError('not_found', 'no such API route')));
  // Push channels (WhatsApp Cloud API, Facebook ...): outside /api/v1, their signature is their auth.
  app.use('/webhooks', webhookRoutes(ctx));
  // A provider (or a prober) at a webhook path that names no channel and inbox gets the JSON error too.
  app.use('/webhooks', (_req, _res, next) => next(new AppError('not_found', 'no such webhook')));

  placeholderPages(app, ctx);
  faviconRoutes(app);
  widgetAssets(app, ctx);
  demoPage(app, ctx);
  unknownPages(app);

  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const e = toAppError(err);
    if (e.status >= 500) ctx.log.error({ err, method: req.method, url: req.originalUrl }, 'request failed');
    if (res.headersSent) return void res.end();
    // A 429 that knows when to come back says so in the standard header too.
    const retryAfterMs = (e.details as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
    if (e.status === 429 && typeof retryAfterMs === 'number')
      res.set('Retry-After', String(Math.ceil(retryAfterMs / 1000)));
    res.status(e.status).json({
      error: { code: e.code, message: e.message, ...(e.details !== undefined ? { details: e.details } : {}) },
    });
  });
  return app;
}

/** Errors from the framework and the database that a client's input can cause get their 4xx here. */
function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as {
    type?: string;
    status?: number;
    code?: string;
    cause?: { code?: string };
    message?: string;
  };
  if (e.type === 'entity.parse.failed') return new AppError('invalid_json', 'the body is not valid JSON');
  if (e.type === 'entity.too.large') return new AppError('payload_too_large', 'the body is too large');
  if (e.type === 'charset.unsupported' || e.type === 'encoding.unsupported') {
    return new AppError('unsupported_media_type', e.message ?? 'unsupported encoding');
  }
  const pgCode = e.code ?? e.cause?.code;
  if (pgCode === '23505')
    return new AppError('conflict', 'this conflicts with an existing record', { cause: err });
  // Text PostgreSQL cannot store (a NUL, an untranslatable character) that got past the edge's check
  // (shared/input-guard.ts) by a way in it does not see: still the sender's text, not our failure.
  if (pgCode === '22021' || pgCode === '22P05')
    return new AppError('invalid_text', 'the text contains characters that cannot be stored', { cause: err });
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    const code = (Object.keys(errorStatus) as (keyof typeof errorStatus)[]).find(
      (k) => errorStatus[k] === e.status,
    );
    return new AppError(code ?? 'bad_request', e.message ?? 'bad request', { cause: err });
  }
  return new AppError('internal', 'something went wrong on our side', { cause: err });
}
