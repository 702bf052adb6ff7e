// Steps 7–9 as the advisor types them into the operator's CRM: a draft of the registration, saved as often
// as they like once the customer has accepted. What is given is checked at once against the account's
// settings (the address format, the glosses, the plans), so the draft never holds an address the installer
// could not find; what is left out stays as saved, null clears. Each save is one event naming the fields
// that changed. POST /sales/:id/register then turns the draft into the registered request.
import { eq } from 'drizzle-orm';
import type { Auth } from '#server/auth/auth.ts';
import type { HubContext } from '#server/context.ts';
import { type Sale, sales } from '#server/db/sales-schema.ts';
import { AppError } from '#server/errors.ts';
import {
  type RegistrationDraftBody,
  type RegistrationField,
  registrationFields,
} from '#shared/sales-settings.schema.ts';
import { loadSale } from './list-sales.ts';
import {
  commercialPlan,
  installationAddress,
  observations,
  registrationOf,
  type StoredRegistration,
} from './registration-data.ts';
import { recordSaleEvent } from './sale-events.ts';
import { loadSalesSettings } from './sales-settings.ts';

/** After installation the request is history; a cancelled sale has none to make. */
const closed: readonly Sale['status'][] = ['installed', 'cancelled'];

export async function saveRegistration(
  ctx: HubContext,
  auth: Auth,
  saleId: number,
  body: RegistrationDraftBody,
): Promise<Sale> {
  await loadSale(ctx, auth, saleId);
  const settings = await loadSalesSettings(ctx.db, auth.accountId);
  // Checked before the transaction: a refusal names the field and changes nothing.
  const given: Partial<StoredRegistration> = {};
  for (const key of ['requestType', 'billingAddress', 'billingCycle', 'category', 'subcategory'] as const) {
    if (body[key] !== undefined) Object.assign(given, { [key]: body[key] });
  }
  if (body.plan !== undefined) given.plan = body.plan && commercialPlan(body.plan, settings.plans);
  if (body.components !== undefined) given.components = body.components;
  if (body.installationAddress !== undefined) {
    given.installationAddress =
      body.installationAddress && installationAddress(body.installationAddress, settings.addressFormat);
  }
  if (body.gloss !== undefined) {
    given.gloss = body.gloss;
    given.observations = body.gloss && observations(body.gloss, settings.glosses);
  }

  return ctx.db.transaction(async (tx) => {
    const [sale] = await tx.select().from(sales).where(eq(sales.id, saleId)).for('update');
    if (closed.includes(sale.status)) {
      throw new AppError('invalid_state', `the sale is ${sale.status}: its registration is closed`);
    }
    const before = registrationOf(sale);
    const next: StoredRegistration = { ...before, ...given };
    const crmOrder = body.crmOrder === undefined ? sale.crmOrder : body.crmOrder;
    const changed: RegistrationField[] = registrationFields.filter((f) =>
      f === 'crmOrder' ? crmOrder !== sale.crmOrder : JSON.stringify(next[f]) !== JSON.stringify(before[f]),
    );
    const [row] = await tx
      .update(sales)
      .set({ registration: next, crmOrder, updatedAt: ctx.clock.now() })
      .where(eq(sales.id, sale.id))
      .returning();
    await recordSaleEvent(
      tx,
      { accountId: sale.accountId, campaignId: sale.campaignId, entryId: sale.entryId, saleId: sale.id },
      'sale.registration_saved',
      auth.user.id,
      { fields: changed },
    );
    return row;
  });
}
