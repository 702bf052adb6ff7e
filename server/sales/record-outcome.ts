// Step 4: the advisor called (outside the hub) and records how it went. No answer sends the entry back to
// the portfolio for a later try (closed as unreached after the campaign's attempts); a callback keeps it
// for the same advisor at the time the customer gave; declined closes it with the reason; accepted closes
// it and opens the sale, which then waits for the customer's documents. Calls that reached the customer
// (callback, declined, accepted) are the indicator's "effective calls".
import { eq } from 'drizzle-orm';
import type { Auth } from '#server/auth/auth.ts';
import type { HubContext } from '#server/context.ts';
import { afterOutboundCommit } from '#server/conversations/create-outbound.ts';
import { type PortfolioEntry, portfolioEntries, type Sale, sales } from '#server/db/sales-schema.ts';
import { AppError } from '#server/errors.ts';
import type { CallOutcomeBody } from '#shared/sales.schema.ts';
import { scheduleCallback } from './callback-due.ts';
import { loadWorkedEntry } from './entry-access.ts';
import { type DocumentsRequest, requestDocuments } from './request-documents.ts';
import { recordSaleEvent } from './sale-events.ts';

/** How long an unanswered entry rests before it is offered again. */
const RETRY_MINUTES = 60;

export async function recordOutcome(
  ctx: HubContext,
  auth: Auth,
  entryId: number,
  body: CallOutcomeBody,
): Promise<{ entry: PortfolioEntry; sale: Sale | null; documents: DocumentsRequest | null }> {
  const done = await ctx.db.transaction(async (tx) => {
    const { entry, campaign } = await loadWorkedEntry(ctx, auth, entryId, tx);
    if (entry.impediment !== null || entry.capacityOk !== 'yes') {
      throw new AppError(
        'invalid_state',
        'record the two checks (impediments, technical capacity) before the call',
      );
    }
    const now = ctx.clock.now();
    const attempts = entry.attempts + 1;
    const where = { accountId: auth.accountId, campaignId: entry.campaignId, entryId: entry.id };
    let set: Partial<typeof portfolioEntries.$inferInsert>;
    switch (body.outcome) {
      case 'no_answer':
        set =
          attempts >= campaign.maxAttempts
            ? { status: 'unreached', closedAt: now }
            : { status: 'pending', availableAt: new Date(now.getTime() + RETRY_MINUTES * 60_000) };
        break;
      case 'callback': {
        const at = new Date(body.callbackAt);
        if (at <= now) {
          throw new AppError('validation_failed', 'the callback time has passed', {
            details: { field: 'callbackAt' },
          });
        }
        set = { status: 'callback', callbackAt: at, reachedAt: now };
        break;
      }
      case 'declined':
        set = { status: 'declined', outcomeReason: body.reason, reachedAt: now, closedAt: now };
        break;
      case 'accepted': {
        const offered = campaign.products;
        if (offered.length && !offered.some((p) => p.toLowerCase() === body.product.toLowerCase())) {
          throw new AppError('validation_failed', `the campaign does not offer "${body.product}"`, {
            details: { field: 'product', offered },
          });
        }
        set = { status: 'accepted', product: body.product, reachedAt: now, closedAt: now };
        break;
      }
    }
    const [row] = await tx
      .update(portfolioEntries)
      .set({ ...set, outcome: body.outcome, attempts, updatedAt: now })
      .where(eq(portfolioEntries.id, entry.id))
      .returning();
    await recordSaleEvent(tx, where, 'entry.called', auth.user.id, {
      outcome: body.outcome,
      attempt: attempts,
      ...('reason' in body ? { reason: body.reason } : {}),
      ...('note' in body && body.note ? { note: body.note } : {}),
      ...('callbackAt' in body ? { callbackAt: body.callbackAt } : {}),
      ...('product' in body ? { product: body.product } : {}),
    });
    if (body.outcome === 'callback') await scheduleCallback(ctx, tx, row);
    if (body.outcome !== 'accepted') return { entry: row, sale: null, documents: null };
    const [sale] = await tx
      .insert(sales)
      .values({
        accountId: auth.accountId,
        campaignId: entry.campaignId,
        entryId: entry.id,
        contactId: entry.contactId,
        advisorId: entry.advisorId ?? auth.user.id,
        product: body.product,
      })
      .returning();
    await recordSaleEvent(tx, { ...where, saleId: sale.id }, 'sale.opened', auth.user.id, {
      product: body.product,
    });
    const documents = await requestDocuments(ctx, tx, { sale, campaign, entry: row, actorId: auth.user.id });
    const [current] = await tx.select().from(sales).where(eq(sales.id, sale.id));
    return { entry: row, sale: current, documents };
  });
  if (done.documents?.sent) afterOutboundCommit(ctx, done.documents.outbound);
  return done;
}
