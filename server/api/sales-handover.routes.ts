// The sales desk after registration: the Virtual Channels officer's approve / return / installed (the
// hand-over queue is GET /sales, which shows the officer the registered sales and after), the account's
// signed sales webhook, and the CSV export for the CRM.
import { z } from 'zod';
import type { HubContext } from '#server/context.ts';
import { exportSalesCsv } from '#server/sales/export-sales.ts';
import { approveSale, officerRoles, returnSale } from '#server/sales/hand-over.ts';
import { saleJsonOf } from '#server/sales/list-sales.ts';
import { markInstalled } from '#server/sales/mark-installed.ts';
import { salePack } from '#server/sales/sale-pack.ts';
import { readSalesWebhook, saveSalesWebhook } from '#server/sales/sales-webhook-settings.ts';
import { saleJson, salesQuery } from '#shared/sales.schema.ts';
import type { RouteTable } from './route.ts';

const tag = 'Sales desk';
const one = z.object({ data: saleJson });
const webhookJson = z.object({
  url: z.string().nullable(),
  /** Shown once, when a URL is set: the key of X-Hub-Signature-256. */
  secret: z.string().optional(),
});

export function salesHandoverRoutes(ctx: HubContext, t: RouteTable): void {
  t.route(
    {
      method: 'post',
      path: '/sales/:id/approve',
      tag,
      summary: "The officer approves a registered sale's file (in time or not against its 24-hour deadline)",
      roles: officerRoles,
      body: z.object({ note: z.string().trim().max(1000).optional() }),
      response: one,
    },
    async ({ auth, params, body }) => ({
      data: await saleJsonOf(ctx, await approveSale(ctx, auth, params.id, body.note)),
    }),
  );
  t.route(
    {
      method: 'post',
      path: '/sales/:id/return',
      tag,
      summary:
        'The officer returns a registered sale to its advisor with the reasons; it is registered again',
      roles: officerRoles,
      body: z.object({ reasons: z.array(z.string().trim().min(1).max(500)).min(1).max(20) }),
      response: one,
    },
    async ({ auth, params, body }) => ({
      data: await saleJsonOf(ctx, await returnSale(ctx, auth, params.id, body.reasons)),
    }),
  );
  t.route(
    {
      method: 'post',
      path: '/sales/:id/installed',
      tag,
      summary:
        'The service is installed: the customer is e-mailed the terms and conditions (PDF) as the proof of acceptance, and the sale closes',
      roles: officerRoles,
      response: one,
    },
    async ({ auth, params }) => ({ data: await saleJsonOf(ctx, await markInstalled(ctx, auth, params.id)) }),
  );
  t.route(
    {
      method: 'get',
      path: '/sales/:id/pack',
      tag,
      summary:
        'The printed file (PDF): service request, service contract and comodato contract filled from the registration, with the CI and the letter',
      roles: ['admin', 'supervisor', 'agent', 'back_office'],
    },
    async ({ auth, params, res }) => {
      const pdf = await salePack(ctx, auth, params.id);
      res.setHeader('content-type', 'application/pdf');
      res.setHeader('content-disposition', `inline; filename="venta-${params.id}.pdf"`);
      res.send(Buffer.from(pdf));
    },
  );
  t.route(
    {
      method: 'get',
      path: '/sales-export',
      tag,
      summary:
        'The sales the caller may see as CSV for the CRM (filters as GET /sales), with their registration',
      roles: ['admin', 'supervisor', 'agent', 'back_office'],
      query: salesQuery,
    },
    async ({ auth, query, res }) => {
      const csv = await exportSalesCsv(ctx, auth, query);
      res.setHeader('content-type', 'text/csv; charset=utf-8');
      res.setHeader('content-disposition', 'attachment; filename="ventas.csv"');
      res.send(`\ufeff${csv}`);
    },
  );
  t.route(
    {
      method: 'get',
      path: '/sales-webhook',
      tag,
      summary: "Where the account's signed sales webhook (sale.registered, sale.installed) goes",
      roles: ['admin'],
      response: z.object({ data: webhookJson }),
    },
    async ({ auth }) => ({ data: await readSalesWebhook(ctx, auth) }),
  );
  t.route(
    {
      method: 'put',
      path: '/sales-webhook',
      tag,
      summary: 'Set (a new signing secret, shown once) or clear (url null) the sales webhook',
      roles: ['admin'],
      body: z.object({
        url: z
          .url({ protocol: /^https?$/ })
          .max(2000)
          .nullable(),
      }),
      response: z.object({ data: webhookJson }),
    },
    async ({ auth, body }) => ({ data: await saveSalesWebhook(ctx, auth, body.url) }),
  );
}
