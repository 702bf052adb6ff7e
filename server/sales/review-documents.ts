// Step 6.3: the advisor reviews what the customer sent, item by item — the CI (both sides: legible, not
// expired with its expiry date typed, name and number match) or the letter (the declaration, the
// service, the address, the phones, the signature). All ticked: the files are accepted, and once the CI
// and the letter are both accepted the sale's documents are complete. Anything not ticked: the files are
// rejected, their slots wait for new ones, and the customer is told exactly what is missing on the
// conversation the documents came in.
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Auth } from '#server/auth/auth.ts';
import type { HubContext } from '#server/context.ts';
import { afterOutboundCommit, createOutboundInTx } from '#server/conversations/create-outbound.ts';
import { type Sale, saleDocuments, sales } from '#server/db/sales-schema.ts';
import { AppError } from '#server/errors.ts';
import { type ReviewItem, reviewOutcome } from '#shared/sales/document-review.ts';
import type { DocumentReviewBody } from '#shared/sales.schema.ts';
import { type DocumentSlot, documentsComplete } from './documents-complete.ts';
import { loadSale } from './list-sales.ts';
import { recordSaleEvent } from './sale-events.ts';
import { loadSalesSettings } from './sales-settings.ts';

const reviewable = ['awaiting_documents', 'documents_complete', 'returned'] as const;
const partSlots: Record<DocumentReviewBody['part'], DocumentSlot[]> = {
  ci: ['ci_front', 'ci_back'],
  letter: ['letter'],
};

/** What the customer reads: the items not met, in the seed's Spanish wording where it has one. */
export function missingMessage(part: DocumentReviewBody['part'], items: ReviewItem[], note?: string): string {
  const what =
    part === 'ci' ? 'la fotografía de su C.I. (anverso y reverso)' : 'la carta de solicitud firmada';
  return [
    'Revisamos los documentos que nos envió y falta lo siguiente:',
    ...items.map((i) => `- ${i.text ?? i.label}`),
    ...(note ? [note] : []),
    `Por favor, envíenos nuevamente ${what} por este medio.`,
  ].join('\n');
}

export async function reviewDocuments(
  ctx: HubContext,
  auth: Auth,
  saleId: number,
  body: DocumentReviewBody,
): Promise<Sale> {
  await loadSale(ctx, auth, saleId);
  if (auth.user.role === 'back_office') throw new AppError('forbidden', 'the advisor reviews the documents');
  // The account's checklists (seeded from the procedure; an admin edits them in the sales settings).
  const settings = await loadSalesSettings(ctx.db, auth.accountId);
  const checklists = { ci: settings.ciChecklist, letter: settings.letterClauses };
  const checklist = checklists[body.part];
  const answers = { ...body.answers };
  const today = ctx.clock.now().toISOString().slice(0, 10);
  for (const item of checklist.filter((i) => i.needsValue === 'date' && answers[i.key])) {
    if (!body.expiresOn) {
      throw new AppError('validation_failed', `type the date to tick "${item.label}"`, {
        details: { field: 'expiresOn' },
      });
    }
    // An expiry date already past cannot be ticked as "not expired", whatever was clicked.
    if (body.expiresOn < today) answers[item.key] = false;
  }
  const outcome = reviewOutcome(checklist, answers);
  const done = await ctx.db.transaction(async (tx) => {
    const [sale] = await tx.select().from(sales).where(eq(sales.id, saleId)).for('update');
    if (!(reviewable as readonly string[]).includes(sale.status)) {
      throw new AppError('invalid_state', `the sale is ${sale.status}: its documents are no longer reviewed`);
    }
    const slots = partSlots[body.part];
    const docs = await tx
      .select()
      .from(saleDocuments)
      .where(and(eq(saleDocuments.saleId, saleId), inArray(saleDocuments.slot, slots)))
      .orderBy(desc(saleDocuments.id));
    const latest = slots.map((s) => docs.find((d) => d.slot === s && d.status !== 'rejected'));
    const missing = slots.filter((_, i) => !latest[i]);
    if (missing.length) {
      throw new AppError('invalid_state', `nothing to review yet in ${missing.join(', ')}`, {
        details: { missing },
      });
    }
    const now = ctx.clock.now();
    const review = {
      answers,
      failed: outcome.failed,
      ...(body.expiresOn ? { expiresOn: body.expiresOn } : {}),
      ...(body.note ? { note: body.note } : {}),
    };
    await tx
      .update(saleDocuments)
      .set({
        status: outcome.complete ? 'accepted' : 'rejected',
        review,
        reviewedById: auth.user.id,
        reviewedAt: now,
      })
      .where(
        inArray(
          saleDocuments.id,
          latest.map((d) => d!.id),
        ),
      );
    const at = { accountId: sale.accountId, campaignId: sale.campaignId, entryId: sale.entryId, saleId };
    await recordSaleEvent(tx, at, 'sale.documents_reviewed', auth.user.id, { part: body.part, ...review });
    let outbound: Awaited<ReturnType<typeof createOutboundInTx>> | null = null;
    if (!outcome.complete && sale.conversationId) {
      const failedItems = checklist.filter((i) => outcome.failed.includes(i.key));
      outbound = await createOutboundInTx(ctx, tx, {
        accountId: sale.accountId,
        conversationId: sale.conversationId,
        sender: { type: 'agent', id: auth.user.id },
        text: missingMessage(body.part, failedItems, body.note),
      });
    }
    const complete = await documentsComplete(tx, saleId);
    const status = complete.complete
      ? 'documents_complete'
      : sale.status === 'documents_complete'
        ? 'awaiting_documents'
        : sale.status;
    const [updated] = await tx
      .update(sales)
      .set({ status, updatedAt: now })
      .where(eq(sales.id, saleId))
      .returning();
    if (status === 'documents_complete' && sale.status !== 'documents_complete') {
      await recordSaleEvent(tx, at, 'sale.documents_complete', auth.user.id);
    }
    return { updated, outbound };
  });
  if (done.outbound) afterOutboundCommit(ctx, done.outbound);
  return done.updated;
}
