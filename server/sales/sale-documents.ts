// A sale's documents as its people see them (advisor, supervisors, the Virtual Channels officer, who sees
// no conversations): the files are served through the sale, not through the conversation they came in.
// The advisor can also put a file in another slot than the hub guessed (a back sent before the front).
import { and, desc, eq } from 'drizzle-orm';
import type { Auth } from '#server/auth/auth.ts';
import type { HubContext } from '#server/context.ts';
import { saleDocuments, sales } from '#server/db/sales-schema.ts';
import { type Attachment, attachments } from '#server/db/schema.ts';
import { AppError } from '#server/errors.ts';
import type { SaleDocumentJson } from '#shared/sales.schema.ts';
import type { DocumentSlot } from './documents-complete.ts';
import { loadSale } from './list-sales.ts';
import { recordSaleEvent } from './sale-events.ts';

export async function listSaleDocuments(
  ctx: HubContext,
  auth: Auth,
  saleId: number,
): Promise<SaleDocumentJson[]> {
  await loadSale(ctx, auth, saleId);
  const rows = await ctx.db
    .select({ d: saleDocuments, a: attachments })
    .from(saleDocuments)
    .innerJoin(attachments, eq(attachments.id, saleDocuments.attachmentId))
    .where(eq(saleDocuments.saleId, saleId))
    .orderBy(desc(saleDocuments.id));
  return rows.map(({ d, a }) => ({
    id: String(d.id),
    slot: d.slot,
    status: d.status,
    attachment: {
      id: String(a.id),
      name: a.originalName,
      mime: a.mime,
      size: a.size,
      url: `/api/v1/sales/${saleId}/documents/${d.id}/file`,
    },
    messageId: d.messageId === null ? null : String(d.messageId),
    review: d.review,
    reviewedById: d.reviewedById === null ? null : String(d.reviewedById),
    reviewedAt: d.reviewedAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
  }));
}

export async function loadSaleDocumentFile(
  ctx: HubContext,
  auth: Auth,
  saleId: number,
  documentId: number,
): Promise<Attachment> {
  await loadSale(ctx, auth, saleId);
  const [row] = await ctx.db
    .select({ a: attachments })
    .from(saleDocuments)
    .innerJoin(attachments, eq(attachments.id, saleDocuments.attachmentId))
    .where(and(eq(saleDocuments.id, documentId), eq(saleDocuments.saleId, saleId)));
  if (!row) throw new AppError('not_found', `no document ${documentId}`);
  return row.a;
}

export async function moveSaleDocument(
  ctx: HubContext,
  auth: Auth,
  saleId: number,
  documentId: number,
  slot: DocumentSlot,
): Promise<void> {
  const sale = await loadSale(ctx, auth, saleId);
  if (auth.user.role === 'back_office') throw new AppError('forbidden', 'the advisor sorts the documents');
  if (!['awaiting_documents', 'documents_complete', 'returned'].includes(sale.status)) {
    throw new AppError('invalid_state', `the sale is ${sale.status}: its documents are settled`);
  }
  await ctx.db.transaction(async (tx) => {
    const [doc] = await tx
      .update(saleDocuments)
      .set({ slot, status: 'received', review: null, reviewedById: null, reviewedAt: null })
      .where(and(eq(saleDocuments.id, documentId), eq(saleDocuments.saleId, saleId)))
      .returning();
    if (!doc) throw new AppError('not_found', `no document ${documentId}`);
    // A moved file is not reviewed yet: the documents are no longer complete.
    if (sale.status === 'documents_complete') {
      await tx.update(sales).set({ status: 'awaiting_documents' }).where(eq(sales.id, saleId));
    }
    await recordSaleEvent(
      tx,
      { accountId: sale.accountId, campaignId: sale.campaignId, entryId: sale.entryId, saleId },
      'sale.document_moved',
      auth.user.id,
      { documentId: String(documentId), slot },
    );
  });
}
