// Stores one chunk of an import's accepted rows as portfolio entries, in the caller's transaction. Each
// row finds its customer among the account's contacts — by CI, then service number, then phone — and
// only a customer found by none of them becomes a new contact. A row whose customer is already in the
// campaign (same entry key) is left as it is: re-running an import adds nothing.
import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Tx } from '#server/db/client.ts';
import { type PortfolioImport, portfolioEntries, saleEvents } from '#server/db/sales-schema.ts';
import { contacts } from '#server/db/schema.ts';
import type { PortfolioRow } from './parse-portfolio.ts';

export type ChunkResult = { added: number; alreadyThere: number; matchedContacts: number };

/** What makes two rows the same customer within a campaign. */
export function entryKeyOf(r: Pick<PortfolioRow, 'nationalId' | 'serviceNumber' | 'phones'>): string {
  if (r.nationalId) return `ci:${r.nationalId}`;
  if (r.serviceNumber) return `sn:${r.serviceNumber}`;
  return `ph:${r.phones[0]}`;
}

type Found = { id: number; phone: string | null; email: string | null; attributes: Record<string, unknown> };

async function findContacts(tx: Tx, accountId: number, rows: PortfolioRow[]) {
  const cis = [...new Set(rows.flatMap((r) => (r.nationalId ? [r.nationalId] : [])))];
  const sns = [...new Set(rows.flatMap((r) => (r.serviceNumber ? [r.serviceNumber] : [])))];
  const phones = [...new Set(rows.flatMap((r) => r.phones))];
  const byCi = new Map<string, Found>();
  const bySn = new Map<string, Found>();
  const byPhone = new Map<string, Found>();
  if (!cis.length && !sns.length && !phones.length) return { byCi, bySn, byPhone };
  const ci = sql<string | null>`${contacts.attributes} ->> 'nationalId'`;
  const sn = sql<string | null>`${contacts.attributes} ->> 'serviceNumber'`;
  const found = await tx
    .select({
      id: contacts.id,
      phone: contacts.phone,
      email: contacts.email,
      attributes: contacts.attributes,
      ci,
      sn,
    })
    .from(contacts)
    .where(
      and(
        eq(contacts.accountId, accountId),
        isNull(contacts.mergedIntoId),
        or(
          cis.length ? inArray(ci, cis) : undefined,
          sns.length ? inArray(sn, sns) : undefined,
          phones.length ? inArray(contacts.phone, phones) : undefined,
        ),
      ),
    )
    .orderBy(contacts.id);
  // The oldest contact wins where several carry the same identifier.
  for (const c of found) {
    if (c.ci && !byCi.has(c.ci)) byCi.set(c.ci, c);
    if (c.sn && !bySn.has(c.sn)) bySn.set(c.sn, c);
    if (c.phone && !byPhone.has(c.phone)) byPhone.set(c.phone, c);
  }
  return { byCi, bySn, byPhone };
}

export async function storePortfolioRows(
  tx: Tx,
  imp: PortfolioImport,
  rows: PortfolioRow[],
): Promise<ChunkResult> {
  const keyed = rows.map((r) => ({ row: r, key: entryKeyOf(r) }));
  const there = new Set(
    (
      await tx
        .select({ key: portfolioEntries.entryKey })
        .from(portfolioEntries)
        .where(
          and(
            eq(portfolioEntries.campaignId, imp.campaignId),
            inArray(
              portfolioEntries.entryKey,
              keyed.map((k) => k.key),
            ),
          ),
        )
    ).map((r) => r.key),
  );
  const fresh = keyed.filter((k) => !there.has(k.key));
  const { byCi, bySn, byPhone } = await findContacts(
    tx,
    imp.accountId,
    fresh.map((k) => k.row),
  );
  let matchedContacts = 0;
  // New customers are inserted in one statement per chunk; rows are tied to them by position.
  const newContacts: (typeof contacts.$inferInsert)[] = [];
  const owner: (Found | number)[] = [];
  for (const { row } of fresh) {
    const contact =
      (row.nationalId && byCi.get(row.nationalId)) ||
      (row.serviceNumber && bySn.get(row.serviceNumber)) ||
      row.phones.map((p) => byPhone.get(p)).find(Boolean);
    if (contact && contact.id >= 0) {
      matchedContacts++;
      owner.push(contact);
      // Fill what the contact lacks; never overwrite what an agent or the customer gave.
      const attrs: Record<string, unknown> = {};
      if (row.nationalId && !contact.attributes.nationalId) attrs.nationalId = row.nationalId;
      if (row.serviceNumber && !contact.attributes.serviceNumber) attrs.serviceNumber = row.serviceNumber;
      const email = !contact.email && row.email ? row.email : null;
      if (Object.keys(attrs).length || (!contact.phone && row.phones[0]) || email) {
        await tx
          .update(contacts)
          .set({
            attributes: sql`${contacts.attributes} || ${JSON.stringify(attrs)}::jsonb`,
            ...(!contact.phone && row.phones[0] ? { phone: row.phones[0] } : {}),
            ...(email ? { email } : {}),
            updatedAt: new Date(),
          })
          .where(eq(contacts.id, contact.id));
      }
      continue;
    }
    if (contact) {
      // A customer this chunk is already creating (same phone on two lines): one contact for both.
      owner.push(-contact.id - 1);
      continue;
    }
    const index = newContacts.length;
    newContacts.push({
      accountId: imp.accountId,
      name: row.name,
      phone: row.phones[0] ?? null,
      email: row.email,
      attributes: {
        ...(row.nationalId ? { nationalId: row.nationalId } : {}),
        ...(row.serviceNumber ? { serviceNumber: row.serviceNumber } : {}),
        ...(row.address ? { address: row.address } : {}),
      },
    });
    owner.push(index);
    // Later rows of the same chunk find this customer too (a negative id marks "being created").
    const pending: Found = { id: -index - 1, phone: null, email: null, attributes: {} };
    if (row.nationalId) byCi.set(row.nationalId, pending);
    if (row.serviceNumber) bySn.set(row.serviceNumber, pending);
    for (const p of row.phones) byPhone.set(p, pending);
  }
  // INSERT … RETURNING gives the rows back in the order of the VALUES list.
  const created = newContacts.length
    ? await tx.insert(contacts).values(newContacts).returning({ id: contacts.id })
    : [];
  const values: (typeof portfolioEntries.$inferInsert)[] = fresh.map(({ row, key }, i) => {
    const o = owner[i];
    return {
      accountId: imp.accountId,
      campaignId: imp.campaignId,
      contactId: typeof o === 'number' ? created[o].id : o.id,
      entryKey: key,
      name: row.name,
      nationalId: row.nationalId,
      phones: row.phones,
      serviceNumber: row.serviceNumber,
      address: row.address,
      attributes: row.attributes,
      importId: imp.id,
      sourceLine: row.line,
    };
  });
  const inserted = values.length
    ? await tx
        .insert(portfolioEntries)
        .values(values)
        .onConflictDoNothing({ target: [portfolioEntries.campaignId, portfolioEntries.entryKey] })
        .returning({ id: portfolioEntries.id, line: portfolioEntries.sourceLine })
    : [];
  if (inserted.length) {
    await tx.insert(saleEvents).values(
      inserted.map((e) => ({
        accountId: imp.accountId,
        campaignId: imp.campaignId,
        entryId: e.id,
        type: 'entry.imported',
        actorId: imp.createdById,
        data: { importId: String(imp.id), line: e.line },
      })),
    );
  }
  return { added: inserted.length, alreadyThere: rows.length - inserted.length, matchedContacts };
}
