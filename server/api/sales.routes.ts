// The sales desk (issue 17): campaigns and their portfolio imports (supervisors), the advisor's "next
// customer" with the two checks and the call's outcome, and the sales that accepted calls open. Every
// route checks the role; an advisor reads only their own entries and sales.

import type { Request, Response } from 'express';
import multer from 'multer';
import { z } from 'zod';
import type { HubContext } from '#server/context.ts';
import { AppError } from '#server/errors.ts';
import { askDocumentsAgain } from '#server/sales/ask-documents-again.ts';
import {
  advisorRoles,
  campaignKeepers,
  campaignReaders,
  loadCampaign,
} from '#server/sales/campaign-access.ts';
import { entryCounts, listCampaigns } from '#server/sales/list-campaigns.ts';
import { listEntries, loadEntryDetail } from '#server/sales/list-entries.ts';
import { listImports, loadImport } from '#server/sales/list-imports.ts';
import { listSales, loadSaleDetail, saleJsonOf } from '#server/sales/list-sales.ts';
import { takeNextEntry } from '#server/sales/next-entry.ts';
import { recordChecks } from '#server/sales/record-checks.ts';
import { recordOutcome } from '#server/sales/record-outcome.ts';
import { registrationToJson } from '#server/sales/registration-data.ts';
import { releaseEntry } from '#server/sales/release-entry.ts';
import type { DocumentsRequest } from '#server/sales/request-documents.ts';
import { reviewDocuments } from '#server/sales/review-documents.ts';
import { listSaleDocuments, loadSaleDocumentFile, moveSaleDocument } from '#server/sales/sale-documents.ts';
import { campaignToJson, entryToJson } from '#server/sales/sales-json.ts';
import { createCampaign, updateCampaign } from '#server/sales/save-campaign.ts';
import { startImport } from '#server/sales/start-import.ts';
import {
  callOutcomeBody,
  campaignBody,
  campaignJson,
  campaignPatch,
  documentReviewBody,
  documentSlotBody,
  entriesQuery,
  entryChecksBody,
  entryJson,
  portfolioImportJson,
  saleDocumentJson,
  saleEventJson,
  saleJson,
  salesQuery,
} from '#shared/sales.schema.ts';
import { registrationJson } from '#shared/sales-settings.schema.ts';
import { sendStoredFile } from './attachments.routes.ts';
import type { RouteTable } from './route.ts';

const tag = 'Sales desk';
const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
const oneCampaign = z.object({ data: campaignJson });
const oneEntry = z.object({ data: entryJson });
const documentsRequestJson = z.object({
  sent: z.boolean(),
  /** The channel kind the request went out on. */
  via: z.string().optional(),
  conversationId: z.string().optional(),
  /** Why the request could not be sent (no phone, no inbox): the advisor fixes it and asks again. */
  code: z.enum(['no_documents_inbox', 'no_phone_or_email', 'no_phone', 'no_email']).optional(),
  reason: z.string().optional(),
});
const documentsRequestOf = (d: DocumentsRequest) =>
  d.sent
    ? { sent: true, via: d.via, conversationId: String(d.conversationId) }
    : { sent: false, code: d.code, reason: d.reason };

function importReceiver() {
  const upload = multer({
    storage: multer.memoryStorage(),
    defParamCharset: 'utf8',
    limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 5 },
  }).single('file');
  return async (req: Request, res: Response) => {
    await new Promise<void>((resolve, reject) =>
      upload(req, res, (err: unknown) => {
        if (!err) return resolve();
        if (err instanceof multer.MulterError && err.code === 'LIMIT_FILE_SIZE') {
          return reject(
            new AppError('payload_too_large', `a portfolio file is limited to ${MAX_IMPORT_BYTES} bytes`),
          );
        }
        reject(new AppError('bad_request', `unreadable upload: ${(err as Error).message}`, { cause: err }));
      }),
    );
    if (!req.file)
      throw new AppError('bad_request', 'send the file as multipart/form-data in the field "file"');
    return { bytes: req.file.buffer, name: req.file.originalname.slice(0, 200), mime: req.file.mimetype };
  };
}

export function salesRoutes(ctx: HubContext, t: RouteTable): void {
  const receive = importReceiver();
  t.route(
    {
      method: 'get',
      path: '/campaigns',
      tag,
      summary:
        'The campaigns the caller may work or read (an advisor: those of their teams), with entries by status',
      roles: campaignReaders,
      response: z.object({ data: z.array(campaignJson), nextCursor: z.null() }),
    },
    async ({ auth }) => ({ data: await listCampaigns(ctx, auth), nextCursor: null }),
  );
  t.route(
    {
      method: 'post',
      path: '/campaigns',
      tag,
      summary: 'Create a campaign: name (unique), products and promotions offered, team, dates',
      roles: campaignKeepers,
      body: campaignBody,
      response: oneCampaign,
      status: 201,
    },
    async ({ auth, body }) => ({ data: campaignToJson(await createCampaign(ctx, auth, body)) }),
  );
  t.route(
    {
      method: 'get',
      path: '/campaigns/:id',
      tag,
      summary: 'One campaign',
      roles: campaignReaders,
      response: oneCampaign,
    },
    async ({ auth, params }) => {
      const c = await loadCampaign(ctx, auth, params.id);
      return { data: campaignToJson(c, (await entryCounts(ctx, [c.id])).get(c.id)) };
    },
  );
  t.route(
    {
      method: 'patch',
      path: '/campaigns/:id',
      tag,
      summary: 'Change a campaign, or pause / close it (no "next customer" then)',
      roles: campaignKeepers,
      body: campaignPatch,
      response: oneCampaign,
    },
    async ({ auth, params, body }) => {
      const c = await updateCampaign(ctx, auth, params.id, body);
      return { data: campaignToJson(c, (await entryCounts(ctx, [c.id])).get(c.id)) };
    },
  );
  t.route(
    {
      method: 'post',
      path: '/campaigns/:id/imports',
      tag,
      summary:
        'Import a portfolio file (multipart field "file": CSV or Excel) into the campaign: 202 with the import; its progress arrives as socket "portfolio:import" and at GET /portfolio-imports/:id',
      roles: campaignKeepers,
      multipart: true,
      response: z.object({ data: portfolioImportJson }),
      status: 202,
    },
    async ({ auth, params, req, res }) => ({
      data: await startImport(ctx, auth, params.id, await receive(req, res)),
    }),
  );
  t.route(
    {
      method: 'get',
      path: '/campaigns/:id/imports',
      tag,
      summary: "A campaign's imports, newest first, with their refused lines",
      roles: campaignKeepers,
      response: z.object({ data: z.array(portfolioImportJson), nextCursor: z.null() }),
    },
    async ({ auth, params }) => ({ data: await listImports(ctx, auth, params.id), nextCursor: null }),
  );
  t.route(
    {
      method: 'get',
      path: '/portfolio-imports/:id',
      tag,
      summary: 'One import: progress, counts and every refused line with its reason',
      roles: campaignKeepers,
      response: z.object({ data: portfolioImportJson }),
    },
    async ({ auth, params }) => ({ data: await loadImport(ctx, auth, params.id) }),
  );
  t.route(
    {
      method: 'get',
      path: '/campaigns/:id/entries',
      tag,
      summary: "The campaign's portfolio (an advisor: the entries they hold or worked)",
      roles: advisorRoles,
      query: entriesQuery,
      response: z.object({ data: z.array(entryJson), nextCursor: z.string().nullable() }),
    },
    async ({ auth, params, query }) => listEntries(ctx, auth, params.id, query),
  );
  t.route(
    {
      method: 'post',
      path: '/campaigns/:id/next',
      tag,
      summary:
        'Next customer: the entry the advisor holds, else their due callback, else the next waiting entry; data is null when none waits',
      roles: advisorRoles,
      response: z.object({ data: entryJson.nullable() }),
    },
    async ({ auth, params }) => {
      const e = await takeNextEntry(ctx, auth, params.id);
      return { data: e ? entryToJson(e) : null };
    },
  );
  t.route(
    {
      method: 'get',
      path: '/portfolio-entries/:id',
      tag,
      summary: 'One entry with its history (who did what, when)',
      roles: advisorRoles,
      response: z.object({ data: entryJson, events: z.array(saleEventJson) }),
    },
    async ({ auth, params }) => {
      const d = await loadEntryDetail(ctx, auth, params.id);
      return { data: d.entry, events: d.events };
    },
  );
  t.route(
    {
      method: 'post',
      path: '/portfolio-entries/:id/checks',
      tag,
      summary:
        'Record the two checks (impediment, technical capacity by technology); a failed one skips the entry',
      roles: advisorRoles,
      body: entryChecksBody,
      response: oneEntry,
    },
    async ({ auth, params, body }) => ({ data: entryToJson(await recordChecks(ctx, auth, params.id, body)) }),
  );
  t.route(
    {
      method: 'post',
      path: '/portfolio-entries/:id/outcome',
      tag,
      summary:
        "Record the call's outcome: no_answer, callback (callbackAt), declined (reason) or accepted (product: opens the sale)",
      roles: advisorRoles,
      body: callOutcomeBody,
      response: z.object({
        data: entryJson,
        sale: saleJson.nullable(),
        documents: documentsRequestJson.nullable(),
      }),
    },
    async ({ auth, params, body }) => {
      const r = await recordOutcome(ctx, auth, params.id, body);
      return {
        data: entryToJson(r.entry, r.sale?.id ?? null),
        sale: r.sale ? await saleJsonOf(ctx, r.sale) : null,
        documents: r.documents ? documentsRequestOf(r.documents) : null,
      };
    },
  );
  t.route(
    {
      method: 'post',
      path: '/portfolio-entries/:id/release',
      tag,
      summary: 'Hand an entry back untouched: it waits in the portfolio again',
      roles: advisorRoles,
      response: oneEntry,
    },
    async ({ auth, params }) => ({ data: entryToJson(await releaseEntry(ctx, auth, params.id)) }),
  );
  t.route(
    {
      method: 'get',
      path: '/sales',
      tag,
      summary: 'Sales: an advisor their own, the Virtual Channels officer those handed over, supervisors all',
      roles: [...advisorRoles, 'back_office'],
      query: salesQuery,
      response: z.object({ data: z.array(saleJson), nextCursor: z.string().nullable() }),
    },
    async ({ auth, query }) => listSales(ctx, auth, query),
  );
  t.route(
    {
      method: 'get',
      path: '/sales/:id',
      tag,
      summary: 'One sale with its whole history, from the import of its entry',
      roles: [...advisorRoles, 'back_office'],
      response: z.object({
        data: saleJson,
        documents: z.array(saleDocumentJson),
        registration: registrationJson,
        events: z.array(saleEventJson),
      }),
    },
    async ({ auth, params }) => {
      const d = await loadSaleDetail(ctx, auth, params.id);
      return {
        data: d.sale,
        documents: await listSaleDocuments(ctx, auth, params.id),
        registration: registrationToJson(d.row),
        events: d.events,
      };
    },
  );
  t.route(
    {
      method: 'post',
      path: '/sales/:id/request-documents',
      tag,
      summary: 'Ask the customer again for the CI photo and the signed letter (WhatsApp, else e-mail)',
      roles: advisorRoles,
      response: z.object({ data: documentsRequestJson }),
    },
    async ({ auth, params }) => ({ data: documentsRequestOf(await askDocumentsAgain(ctx, auth, params.id)) }),
  );
  t.route(
    {
      method: 'get',
      path: '/sales/:id/documents/:documentId/file',
      tag,
      summary: "A document's file (image or PDF), to whoever may see the sale",
      roles: [...advisorRoles, 'back_office'],
    },
    async ({ auth, params, res }) => {
      await sendStoredFile(ctx, await loadSaleDocumentFile(ctx, auth, params.id, params.documentId), res);
    },
  );
  t.route(
    {
      method: 'post',
      path: '/sales/:id/documents/:documentId/slot',
      tag,
      summary: 'Put a document in another slot (ci_front, ci_back, letter); it is to be reviewed again',
      roles: advisorRoles,
      body: documentSlotBody,
      response: z.object({ data: z.array(saleDocumentJson) }),
    },
    async ({ auth, params, body }) => {
      await moveSaleDocument(ctx, auth, params.id, params.documentId, body.slot);
      return { data: await listSaleDocuments(ctx, auth, params.id) };
    },
  );
  t.route(
    {
      method: 'post',
      path: '/sales/:id/documents/review',
      tag,
      summary:
        'Review the CI or the letter item by item; all ticked accepts the files, anything else rejects them and tells the customer what is missing',
      roles: advisorRoles,
      body: documentReviewBody,
      response: z.object({ data: saleJson, documents: z.array(saleDocumentJson) }),
    },
    async ({ auth, params, body }) => {
      const sale = await reviewDocuments(ctx, auth, params.id, body);
      return { data: await saleJsonOf(ctx, sale), documents: await listSaleDocuments(ctx, auth, params.id) };
    },
  );
}
