// The customer's files land in the sale's document slots straight from the conversation the documents
// were asked for in: images fill the CI's front, then its back, then the letter; a PDF is the letter. A
// slot whose file was rejected waits for a new one; a file arriving when every slot is taken replaces
// the one of its kind not yet accepted (a better photo). Runs inside ingest's transaction.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '#server/db/client.ts';
import { saleDocuments, sales } from '#server/db/sales-schema.ts';
import { attachments, type Conversation, conversations, type Message } from '#server/db/schema.ts';
import { type DocumentSlot, documentSlots } from './documents-complete.ts';
import { recordSaleEvent } from './sale-events.ts';

const collecting = ['awaiting_documents', 'returned'] as const;

/** The sale a customer's message on this conversation belongs to, if one waits for documents. */
async function saleOf(tx: Tx, conversation: Conversation, created: boolean) {
  const tied = conversation.meta.saleId;
  if (typeof tied === 'string') {
    const [sale] = await tx
      .select()
      .from(sales)
      .where(and(eq(sales.id, Number(tied)), inArray(sales.status, collecting)));
    return sale;
  }
  // A new conversation of a customer whose sale waits (the old thread was closed): it joins the sale.
  if (!created) return undefined;
  const [sale] = await tx
    .select()
    .from(sales)
    .where(and(eq(sales.contactId, conversation.contactId), inArray(sales.status, collecting)))
    .orderBy(desc(sales.id))
    .limit(1);
  if (sale) {
    await tx
      .update(conversations)
      .set({ meta: sql`${conversations.meta} || ${JSON.stringify({ saleId: String(sale.id) })}::jsonb` })
      .where(eq(conversations.id, conversation.id));
    await tx.update(sales).set({ conversationId: conversation.id }).where(eq(sales.id, sale.id));
  }
  return sale;
}

function slotFor(mime: string, taken: Map<DocumentSlot, string>): DocumentSlot | null {
  const free = documentSlots.filter((s) => !taken.has(s));
  const pdf = mime === 'application/pdf';
  if (pdf)
    return !taken.has('letter')
      ? 'letter'
      : taken.get('letter') === 'accepted'
        ? (free[0] ?? null)
        : 'letter';
  if (free.length) return free[0];
  return documentSlots.find((s) => taken.get(s) !== 'accepted') ?? null;
}

export async function collectDocuments(
  tx: Tx,
  conversation: Conversation,
  message: Message,
  created: boolean,
): Promise<void> {
  const files = await tx
    .select({ id: attachments.id, mime: attachments.mime, name: attachments.originalName })
    .from(attachments)
    .where(eq(attachments.messageId, message.id))
    .orderBy(attachments.id);
  const usable = files.filter((f) => f.mime.startsWith('image/') || f.mime === 'application/pdf');
  if (!usable.length) return;
  const sale = await saleOf(tx, conversation, created);
  if (!sale) return;
  const rows = await tx
    .select({ slot: saleDocuments.slot, status: saleDocuments.status })
    .from(saleDocuments)
    .where(eq(saleDocuments.saleId, sale.id))
    .orderBy(desc(saleDocuments.id));
  // Each slot's latest file, unless it was rejected (the slot waits for a new one then).
  const taken = new Map<DocumentSlot, string>();
  const seen = new Set<DocumentSlot>();
  for (const r of rows) {
    if (seen.has(r.slot)) continue;
    seen.add(r.slot);
    if (r.status !== 'rejected') taken.set(r.slot, r.status);
  }
  for (const f of usable) {
    const slot = slotFor(f.mime, taken);
    if (!slot) break;
    taken.set(slot, 'received');
    await tx
      .insert(saleDocuments)
      .values({ accountId: sale.accountId, saleId: sale.id, slot, attachmentId: f.id, messageId: message.id })
      .onConflictDoNothing();
    await recordSaleEvent(
      tx,
      { accountId: sale.accountId, campaignId: sale.campaignId, entryId: sale.entryId, saleId: sale.id },
      'sale.document_received',
      null,
      { slot, attachmentId: String(f.id), name: f.name, messageId: String(message.id) },
    );
  }
}
