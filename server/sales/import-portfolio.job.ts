// The sales worker's import run: stores an import's accepted rows in chunks, each chunk and the import's
// counters in one transaction, and tells the user who started it after every chunk. A run that dies
// half-way is retried by the queue and resumes after the last chunk that committed (`processed`).
import { eq } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { type PortfolioImport, portfolioImports } from '#server/db/sales-schema.ts';
import type { PortfolioImportProgress } from '#shared/sales.schema.ts';
import type { PortfolioRow } from './parse-portfolio.ts';
import { importToJson } from './sales-json.ts';
import { storePortfolioRows } from './store-portfolio-rows.ts';

const CHUNK = 250;

export function progressOf(i: PortfolioImport): PortfolioImportProgress {
  const { refused: _r, columns: _c, ...rest } = importToJson(i);
  return { ...rest, refusedCount: i.refused.length };
}

export async function runPortfolioImport(ctx: HubContext, importId: number): Promise<void> {
  const [first] = await ctx.db.select().from(portfolioImports).where(eq(portfolioImports.id, importId));
  if (first?.status !== 'running') return;
  const rows = (first.pending ?? []) as PortfolioRow[];
  let at = first.processed;
  try {
    while (at < rows.length) {
      const chunk = rows.slice(at, at + CHUNK);
      const updated = await ctx.db.transaction(async (tx) => {
        // The row lock keeps two runs of the same import (a retry racing a slow first run) apart.
        const [imp] = await tx
          .select()
          .from(portfolioImports)
          .where(eq(portfolioImports.id, importId))
          .for('update');
        if (imp.status !== 'running' || imp.processed !== at) return null;
        const done = await storePortfolioRows(tx, imp, chunk);
        const last = at + chunk.length >= rows.length;
        const [next] = await tx
          .update(portfolioImports)
          .set({
            processed: at + chunk.length,
            added: imp.added + done.added,
            alreadyThere: imp.alreadyThere + done.alreadyThere,
            matchedContacts: imp.matchedContacts + done.matchedContacts,
            ...(last ? { status: 'done' as const, pending: null, finishedAt: ctx.clock.now() } : {}),
          })
          .where(eq(portfolioImports.id, importId))
          .returning();
        return next;
      });
      if (!updated) return;
      at = updated.processed;
      if (updated.createdById) ctx.publisher.importProgress(updated.createdById, progressOf(updated));
    }
  } catch (err) {
    ctx.log.error({ err, importId }, 'portfolio import failed');
    throw err;
  }
}

/** Gives an import up after its last retry: the rows stored so far stay, the rest is reported. */
export async function failPortfolioImport(ctx: HubContext, importId: number, reason: string): Promise<void> {
  const [row] = await ctx.db
    .update(portfolioImports)
    .set({ status: 'failed', error: reason, pending: null, finishedAt: ctx.clock.now() })
    .where(eq(portfolioImports.id, importId))
    .returning();
  if (row?.createdById) ctx.publisher.importProgress(row.createdById, progressOf(row));
}
