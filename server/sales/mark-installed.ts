// Step 11.2: once the service is installed, the officer marks the sale installed and the hub e-mails the
// customer the terms and conditions (a PDF) through the campaign's e-mail inbox — or the account's first
// one — recorded on the sale as the proof of acceptance. The sale is closed. With no address or no e-mail
// inbox the sale still closes, and records why the terms could not be mailed.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Auth } from '#server/auth/auth.ts';
import type { HubContext } from '#server/context.ts';
import { afterOutboundCommit, createOutboundInTx } from '#server/conversations/create-outbound.ts';
import type { Tx } from '#server/db/client.ts';
import { campaigns, portfolioEntries, type Sale, sales } from '#server/db/sales-schema.ts';
import { attachments, contacts, conversations, inboxes } from '#server/db/schema.ts';
import { recordEvent } from '#server/events/record-event.ts';
import { definitionOf, kindsWhere } from '#server/inboxes/channel-facts.ts';
import { loadRoutingSettings } from '#server/routing/settings.ts';
import { customerIdentity } from './customer-identity.ts';
import { saleStep } from './hand-over.ts';
import { registrationOf } from './registration-data.ts';
import { recordSaleEvent } from './sale-events.ts';
import { queueSaleWebhook } from './sale-webhook.ts';
import { termsPdf } from './terms-pdf.ts';

type Outbound = Awaited<ReturnType<typeof createOutboundInTx>>;

async function mailInbox(tx: Tx, sale: Sale) {
  const [campaign] = await tx.select().from(campaigns).where(eq(campaigns.id, sale.campaignId));
  const mailKinds = kindsWhere((d) => Boolean(d.mailAddress));
  const [inbox] = await tx
    .select()
    .from(inboxes)
    .where(
      and(
        eq(inboxes.accountId, sale.accountId),
        campaign.fallbackInboxId
          ? eq(inboxes.id, campaign.fallbackInboxId)
          : inArray(inboxes.channel, mailKinds),
      ),
    )
    .orderBy(asc(inboxes.id))
    .limit(1);
  return inbox;
}

async function mailTerms(
  ctx: HubContext,
  tx: Tx,
  auth: Auth,
  sale: Sale,
  now: Date,
): Promise<Outbound | string> {
  const [contact] = await tx.select().from(contacts).where(eq(contacts.id, sale.contactId));
  if (!contact?.email) return 'the customer has no e-mail address';
  const inbox = await mailInbox(tx, sale);
  const address = inbox && definitionOf(inbox.channel)?.mailAddress?.(contact.email);
  if (!inbox || !address) return 'the account has no e-mail inbox';
  const [entry] = await tx.select().from(portfolioEntries).where(eq(portfolioEntries.id, sale.entryId));
  const settings = await loadRoutingSettings(tx, sale.accountId);
  const pdf = await termsPdf({
    customer: entry.name,
    nationalId: entry.nationalId,
    product: sale.product,
    installationAddress: registrationOf(sale).installationAddress,
    crmOrder: sale.crmOrder,
    installedAt: now,
    timeZone: settings.businessHours?.timezone ?? 'UTC',
  });
  const stored = await ctx.attachments.put(pdf, 'application/pdf');
  const [file] = await tx
    .insert(attachments)
    .values({
      accountId: sale.accountId,
      ...stored,
      originalName: 'terminos-y-condiciones.pdf',
      uploadedByType: 'user',
      uploadedById: auth.user.id,
    })
    .returning();
  const identity = await customerIdentity(tx, {
    accountId: sale.accountId,
    contactId: contact.id,
    channel: inbox.channel,
    externalId: address.externalId,
  });
  const subject = 'Términos y condiciones de su servicio';
  // Sent and done: it waits in no one's inbox unless the customer answers.
  const [mail] = await tx
    .insert(conversations)
    .values({
      accountId: sale.accountId,
      inboxId: inbox.id,
      contactId: identity.contactId,
      contactIdentityId: identity.id,
      threadKey: address.threadKey,
      subject,
      status: 'resolved',
      resolvedAt: now,
      meta: { saleId: String(sale.id) },
    })
    .returning();
  await recordEvent(tx, mail, 'conversation.created', { channel: inbox.channel, saleId: String(sale.id) });
  return createOutboundInTx(ctx, tx, {
    accountId: sale.accountId,
    conversationId: mail.id,
    sender: { type: 'agent', id: auth.user.id },
    text: `Estimado(a) ${entry.name}:\n\nSu servicio ${sale.product} fue instalado. Le enviamos adjuntos los términos y condiciones del servicio, como constancia de su aceptación.\n\nGracias por su preferencia.`,
    attachmentIds: [file.id],
    email: { subject, cc: [], bcc: [] },
  });
}

export async function markInstalled(ctx: HubContext, auth: Auth, saleId: number): Promise<Sale> {
  let outbound: Outbound | null = null;
  const sale = await saleStep(ctx, auth, saleId, 'approved', async (tx, s, now) => {
    const mailed = await mailTerms(ctx, tx, auth, s, now);
    const where = { accountId: s.accountId, campaignId: s.campaignId, entryId: s.entryId, saleId: s.id };
    await recordSaleEvent(tx, where, 'sale.installed', auth.user.id);
    if (typeof mailed === 'string') {
      await recordSaleEvent(tx, where, 'sale.terms_not_mailed', auth.user.id, { reason: mailed });
    } else {
      outbound = mailed;
      await recordSaleEvent(tx, where, 'sale.terms_mailed', auth.user.id, {
        conversationId: String(mailed.conversation.id),
        messageId: String(mailed.message.id),
        attachmentId: String(mailed.attachments[0]?.id),
      });
    }
    const [row] = await tx
      .update(sales)
      .set({
        status: 'installed',
        installedAt: now,
        termsMailedAt: typeof mailed === 'string' ? null : now,
        updatedAt: now,
      })
      .where(eq(sales.id, s.id))
      .returning();
    await queueSaleWebhook(ctx, tx, row, 'sale.installed');
    return row;
  });
  if (outbound) afterOutboundCommit(ctx, outbound);
  return sale;
}
