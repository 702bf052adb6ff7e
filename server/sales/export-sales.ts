// The CSV the CRM takes, since the hub cannot reach it: one line per sale the caller may see (filtered
// like GET /sales), with the registration as typed and the dates of each step.
import type { z } from 'zod';
import type { Auth } from '#server/auth/auth.ts';
import type { HubContext } from '#server/context.ts';
import type { salesQuery } from '#shared/sales.schema.ts';
import { listSaleRows } from './list-sales.ts';
import { registrationOf } from './registration-data.ts';
import { saleToJson } from './sales-json.ts';

const columns = [
  'sale',
  'status',
  'customer',
  'product',
  'advisor',
  'crm_order',
  'request_type',
  'plan',
  'access',
  'equipment',
  'installation_address',
  'billing_address',
  'billing_cycle',
  'category',
  'subcategory',
  'observations',
  'registered_at',
  'handover_due_at',
  'approved_at',
  'installed_at',
  'terms_mailed_at',
] as const;

/** RFC 4180 quoting; a cell that starts like a formula is prefixed so a spreadsheet shows it as text. */
const cell = (v: unknown) => {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

export async function exportSalesCsv(
  ctx: HubContext,
  auth: Auth,
  q: z.output<typeof salesQuery>,
): Promise<string> {
  const lines = [columns.join(',')];
  let cursor: string | undefined = q.cursor;
  for (;;) {
    const page = await listSaleRows(ctx, auth, { ...q, cursor, limit: 200 });
    for (const row of page.page) {
      const s = saleToJson(row.sale, row);
      const r = registrationOf(row.sale);
      lines.push(
        [
          s.id,
          s.status,
          s.customerName,
          s.product,
          s.advisorName,
          s.crmOrder,
          r.requestType,
          r.plan,
          r.components?.access,
          r.components?.equipment.join(' / '),
          r.installationAddress,
          r.billingAddress,
          r.billingCycle,
          r.category,
          r.subcategory,
          r.observations,
          s.registeredAt,
          s.handoverDueAt,
          s.approvedAt,
          s.installedAt,
          s.termsMailedAt,
        ]
          .map(cell)
          .join(','),
      );
    }
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return `${lines.join('\r\n')}\r\n`;
}
