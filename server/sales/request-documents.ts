// Step 6 of the procedure: the accepted customer is asked for the photo of their CI and the signed letter,
// on the campaign's WhatsApp inbox (an approved template on the Cloud API, text on Baileys), else by e-mail
// through the fallback inbox. The request opens (or joins) a conversation on that channel, assigned to the
// advisor and tied to the sale, so the customer's files land in the sale's slots (collect-documents.ts).
// All in the caller's transaction: the message and its delivery job commit with the sale. With no way to
// reach the customer, the sale records why, and the advisor can ask again once the contact has a number.
import { and, eq, ne, sql } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { createOutboundInTx } from '#server/conversations/create-outbound.ts';
import type { Tx } from '#server/db/client.ts';
import { type Campaign, type PortfolioEntry, type Sale, sales } from '#server/db/sales-schema.ts';
import { contacts, conversations, inboxes } from '#server/db/schema.ts';
import { recordEvent } from '#server/events/record-event.ts';
import { capabilitiesOf, definitionOf } from '#server/inboxes/channel-facts.ts';
import { defaultDocumentsText, fillDocumentsText } from '#shared/sales/documents-request.ts';
import { customerIdentity } from './customer-identity.ts';
import { recordSaleEvent } from './sale-events.ts';

export type DocumentsRequest =
  | {
      sent: true;
      /** The channel kind the request went out on. */
      via: string;
      conversationId: number;
      outbound: Awaited<ReturnType<typeof createOutboundInTx>>;
    }
  | { sent: false; code: NotRequestedCode; reason: string };

/** Why the documents could not be asked for; the console says it in the advisor's language. */
export type NotRequestedCode = 'no_documents_inbox' | 'no_phone_or_email' | 'no_phone' | 'no_email';
type NotRequested = { code: NotRequestedCode; reason: string };

type Target = { inboxId: number; channel: string; threadKey: string; externalId: string; subject?: string };

/** The campaign's phone inbox when the customer has a number, else its mail inbox when they have an address. */
async function chooseTarget(
  tx: Tx,
  campaign: Campaign,
  entry: PortfolioEntry,
  contactId: number,
): Promise<Target | NotRequested> {
  const [contact] = await tx.select().from(contacts).where(eq(contacts.id, contactId));
  const phone = entry.phones[0] ?? contact?.phone ?? null;
  if (campaign.documentsInboxId && phone) {
    const [inbox] = await tx.select().from(inboxes).where(eq(inboxes.id, campaign.documentsInboxId));
    const address = inbox && definitionOf(inbox.channel)?.phoneAddress?.(phone);
    if (address) return { inboxId: inbox.id, channel: inbox.channel, ...address };
  }
  if (campaign.fallbackInboxId && contact?.email) {
    const [inbox] = await tx.select().from(inboxes).where(eq(inboxes.id, campaign.fallbackInboxId));
    const address = inbox && definitionOf(inbox.channel)?.mailAddress?.(contact.email);
    if (address)
      return {
        inboxId: inbox.id,
        channel: inbox.channel,
        ...address,
        subject: 'Documentos para su solicitud',
      };
  }
  if (!campaign.documentsInboxId && !campaign.fallbackInboxId)
    return {
      code: 'no_documents_inbox',
      reason: 'the campaign has no WhatsApp or e-mail inbox for documents',
    };
  if (!phone && !contact?.email)
    return { code: 'no_phone_or_email', reason: 'the customer has no phone number or e-mail address' };
  return campaign.documentsInboxId
    ? { code: 'no_phone', reason: 'the customer has no phone number' }
    : { code: 'no_email', reason: 'the customer has no e-mail address' };
}

/** The identity and the live conversation of that thread, made if missing, tied to the sale. */
async function saleConversation(ctx: HubContext, tx: Tx, sale: Sale, campaign: Campaign, to: Target) {
  const identity = await customerIdentity(tx, {
    accountId: sale.accountId,
    contactId: sale.contactId,
    channel: to.channel,
    externalId: to.externalId,
  });
  const now = ctx.clock.now();
  const [live] = await tx
    .select()
    .from(conversations)
    .where(
      and(
        eq(conversations.inboxId, to.inboxId),
        eq(conversations.threadKey, to.threadKey),
        ne(conversations.status, 'resolved'),
      ),
    )
    .limit(1);
  if (live) {
    const [tied] = await tx
      .update(conversations)
      .set({
        meta: sql`${conversations.meta} || ${JSON.stringify({ saleId: String(sale.id) })}::jsonb`,
        updatedAt: now,
      })
      .where(eq(conversations.id, live.id))
      .returning();
    return tied;
  }
  const [created] = await tx
    .insert(conversations)
    .values({
      accountId: sale.accountId,
      inboxId: to.inboxId,
      contactId: identity.contactId,
      contactIdentityId: identity.id,
      threadKey: to.threadKey,
      subject: to.subject ?? null,
      status: 'open',
      assigneeId: sale.advisorId,
      assignedAt: now,
      teamId: campaign.teamId,
      meta: { saleId: String(sale.id) },
      lastActivityAt: now,
    })
    .returning();
  await recordEvent(tx, created, 'conversation.created', { channel: to.channel, saleId: String(sale.id) });
  return created;
}

export async function requestDocuments(
  ctx: HubContext,
  tx: Tx,
  input: { sale: Sale; campaign: Campaign; entry: PortfolioEntry; actorId: number },
): Promise<DocumentsRequest> {
  const { sale, campaign, entry } = input;
  const at = { accountId: sale.accountId, campaignId: sale.campaignId, entryId: entry.id, saleId: sale.id };
  const to = await chooseTarget(tx, campaign, entry, sale.contactId);
  if ('code' in to) {
    await recordSaleEvent(tx, at, 'sale.documents_not_requested', input.actorId, { ...to });
    return { sent: false, ...to };
  }
  const conversation = await saleConversation(ctx, tx, sale, campaign, to);
  await tx
    .update(sales)
    .set({ conversationId: conversation.id, updatedAt: ctx.clock.now() })
    .where(eq(sales.id, sale.id));
  const text = fillDocumentsText(campaign.documentsText ?? defaultDocumentsText, {
    name: entry.name,
    product: sale.product,
  });
  const template =
    capabilitiesOf(to.channel).templates && campaign.documentsTemplate
      ? {
          ...campaign.documentsTemplate,
          components: [
            {
              type: 'body',
              parameters: [
                { type: 'text', text: entry.name },
                { type: 'text', text: sale.product },
              ],
            },
          ],
        }
      : undefined;
  const outbound = await createOutboundInTx(ctx, tx, {
    accountId: sale.accountId,
    conversationId: conversation.id,
    sender: { type: 'agent', id: input.actorId },
    text,
    ...(template ? { template } : {}),
    ...(capabilitiesOf(to.channel).richEmail ? { email: { subject: to.subject, cc: [], bcc: [] } } : {}),
  });
  await recordSaleEvent(tx, at, 'sale.documents_requested', input.actorId, {
    via: to.channel,
    conversationId: String(conversation.id),
    messageId: String(outbound.message.id),
  });
  return { sent: true, via: to.channel, conversationId: conversation.id, outbound };
}
