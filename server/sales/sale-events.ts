// The sales desk's audit trail: one row per step of an entry or a sale, in the transaction that took the
// step, with who took it. "Who approved this, and when" is a read of these rows.
import type { Db, Tx } from '#server/db/client.ts';
import { saleEvents } from '#server/db/sales-schema.ts';

export type SaleEventType =
  | 'entry.imported'
  | 'entry.taken'
  | 'entry.released'
  | 'entry.checked'
  | 'entry.skipped'
  | 'entry.called'
  | 'entry.due'
  | 'entry.callback_due'
  | 'sale.opened'
  | 'sale.registration_saved'
  | 'sale.registered'
  | 'sale.documents_requested'
  | 'sale.documents_not_requested'
  | 'sale.document_received'
  | 'sale.document_moved'
  | 'sale.documents_reviewed'
  | 'sale.documents_complete'
  | 'sale.handover_warning'
  | 'sale.handover_breached'
  | 'sale.approved'
  | 'sale.returned'
  | 'sale.installed'
  | 'sale.terms_mailed'
  | 'sale.terms_not_mailed'
  | 'sale.webhook_failed';

export async function recordSaleEvent(
  tx: Tx | Db,
  at: { accountId: number; campaignId: number; entryId?: number | null; saleId?: number | null },
  type: SaleEventType,
  actorId: number | null,
  data: Record<string, unknown> = {},
): Promise<void> {
  await tx.insert(saleEvents).values({
    accountId: at.accountId,
    campaignId: at.campaignId,
    entryId: at.entryId ?? null,
    saleId: at.saleId ?? null,
    type,
    actorId,
    data,
  });
}
