// The advisor asks for the documents again: the first request could not be sent (no number, no inbox
// set up yet) or the customer lost it. Same request, same channel rules as on acceptance.
import { eq } from 'drizzle-orm';
import type { Auth } from '#server/auth/auth.ts';
import type { HubContext } from '#server/context.ts';
import { afterOutboundCommit } from '#server/conversations/create-outbound.ts';
import { campaigns, portfolioEntries, sales } from '#server/db/sales-schema.ts';
import { AppError } from '#server/errors.ts';
import { loadSale } from './list-sales.ts';
import { type DocumentsRequest, requestDocuments } from './request-documents.ts';

export async function askDocumentsAgain(
  ctx: HubContext,
  auth: Auth,
  saleId: number,
): Promise<DocumentsRequest> {
  await loadSale(ctx, auth, saleId);
  if (auth.user.role === 'back_office') throw new AppError('forbidden', 'the advisor asks the customer');
  const done = await ctx.db.transaction(async (tx) => {
    const [sale] = await tx.select().from(sales).where(eq(sales.id, saleId)).for('update');
    if (sale.status !== 'awaiting_documents' && sale.status !== 'returned') {
      throw new AppError('invalid_state', `the sale is ${sale.status}: its documents are not awaited`);
    }
    const [campaign] = await tx.select().from(campaigns).where(eq(campaigns.id, sale.campaignId));
    const [entry] = await tx.select().from(portfolioEntries).where(eq(portfolioEntries.id, sale.entryId));
    return requestDocuments(ctx, tx, { sale, campaign, entry, actorId: auth.user.id });
  });
  if (done.sent) afterOutboundCommit(ctx, done.outbound);
  return done;
}
