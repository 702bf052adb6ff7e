// Whether a sale's documents are all in and accepted: the CI's two sides and the signed letter, each slot's
// latest file reviewed and accepted. Registration (step 5) waits for it.
import { desc, eq } from 'drizzle-orm';
import type { Db, Tx } from '#server/db/client.ts';
import { saleDocuments } from '#server/db/sales-schema.ts';

export const documentSlots = ['ci_front', 'ci_back', 'letter'] as const;
export type DocumentSlot = (typeof documentSlots)[number];

export async function documentsComplete(
  db: Db | Tx,
  saleId: number,
): Promise<{ complete: boolean; missing: DocumentSlot[] }> {
  const rows = await db
    .select({ slot: saleDocuments.slot, status: saleDocuments.status })
    .from(saleDocuments)
    .where(eq(saleDocuments.saleId, saleId))
    .orderBy(desc(saleDocuments.id));
  const latest = new Map<DocumentSlot, string>();
  for (const r of rows) if (!latest.has(r.slot)) latest.set(r.slot, r.status);
  const missing = documentSlots.filter((s) => latest.get(s) !== 'accepted');
  return { complete: missing.length === 0, missing };
}
