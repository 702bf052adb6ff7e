// The draft becomes the registered request (end of step 9): every field typed, the address and the gloss
// still valid against the account's settings as they are now (an admin may have changed them since the
// draft), the CRM order number given, and the customer's documents accepted. From then the advisor has
// 24 hours to hand the printed file to the Virtual Channels officer (step 10.1): the warning and breach
// timers are scheduled here, in the same transaction. A sale the officer sent back registers again.
import { eq } from 'drizzle-orm';
import type { Auth } from '#server/auth/auth.ts';
import type { HubContext } from '#server/context.ts';
import { type Sale, sales } from '#server/db/sales-schema.ts';
import { AppError } from '#server/errors.ts';
import { registrationFields } from '#shared/sales-settings.schema.ts';
import { documentsComplete } from './documents-complete.ts';
import { scheduleHandover } from './handover-timers.ts';
import { loadSale } from './list-sales.ts';
import { commercialPlan, installationAddress, observations, registrationOf } from './registration-data.ts';
import { recordSaleEvent } from './sale-events.ts';
import { queueSaleWebhook } from './sale-webhook.ts';
import { loadSalesSettings } from './sales-settings.ts';

const HANDOVER_MS = 24 * 60 * 60_000;
const registrable: readonly Sale['status'][] = ['documents_complete', 'returned'];
/** Already past registration, or never to be: asking for fields or documents would mislead. */
const past: readonly Sale['status'][] = ['registered', 'approved', 'installed', 'cancelled'];

export async function registerSale(ctx: HubContext, auth: Auth, saleId: number): Promise<Sale> {
  await loadSale(ctx, auth, saleId);
  const settings = await loadSalesSettings(ctx.db, auth.accountId);
  const registered = await ctx.db.transaction(async (tx) => {
    const [sale] = await tx.select().from(sales).where(eq(sales.id, saleId)).for('update');
    if (past.includes(sale.status)) {
      throw new AppError('invalid_state', `the sale is ${sale.status}: there is nothing to register`);
    }
    const draft = registrationOf(sale);
    const missing: string[] = registrationFields.filter((f) =>
      f === 'crmOrder' ? !sale.crmOrder : draft[f] === null,
    );
    // The CRM asks for the access and at least one piece of equipment (modem, ONT, decoder...).
    if (draft.components && draft.components.equipment.length === 0) missing.push('components.equipment');
    if (missing.length > 0) {
      throw new AppError('validation_failed', `fill the registration first: ${missing.join(', ')}`, {
        details: { missing },
      });
    }
    const address = installationAddress(draft.installationAddress ?? '', settings.addressFormat);
    const text = observations(draft.gloss ?? { key: '', values: {} }, settings.glosses);
    const plan = commercialPlan(draft.plan ?? '', settings.plans);
    const documents = await documentsComplete(tx, sale.id);
    if (!documents.complete) {
      throw new AppError('invalid_state', `documents not accepted yet: ${documents.missing.join(', ')}`, {
        details: { missingDocuments: documents.missing },
      });
    }
    if (!registrable.includes(sale.status)) {
      throw new AppError('invalid_state', `the sale is ${sale.status}: its documents are not reviewed yet`);
    }
    const now = ctx.clock.now();
    const handoverDueAt = new Date(now.getTime() + HANDOVER_MS);
    const [row] = await tx
      .update(sales)
      .set({
        status: 'registered',
        registration: { ...draft, installationAddress: address, observations: text, plan },
        registeredAt: now,
        handoverDueAt,
        updatedAt: now,
      })
      .where(eq(sales.id, sale.id))
      .returning();
    await recordSaleEvent(
      tx,
      { accountId: sale.accountId, campaignId: sale.campaignId, entryId: sale.entryId, saleId: sale.id },
      'sale.registered',
      auth.user.id,
      { crmOrder: sale.crmOrder, from: sale.status, handoverDueAt: handoverDueAt.toISOString() },
    );
    await scheduleHandover(ctx, tx, row);
    await queueSaleWebhook(ctx, tx, row, 'sale.registered');
    return row;
  });
  ctx.publisher.saleEvent(registered.accountId, registered.advisorId, {
    type: 'updated',
    saleId: String(registered.id),
    status: registered.status,
    handoverDueAt: registered.handoverDueAt?.toISOString() ?? null,
  });
  return registered;
}
