// An entry as the caller may touch it: a supervisor or admin any entry of a campaign they see; an advisor
// the entries they hold or worked. Working one (checks, outcome) needs it held by the caller — or a
// supervisor stepping in — and in progress.
import { and, eq } from 'drizzle-orm';
import type { Auth } from '#server/auth/auth.ts';
import type { HubContext } from '#server/context.ts';
import type { Db, Tx } from '#server/db/client.ts';
import { type Campaign, campaigns, type PortfolioEntry, portfolioEntries } from '#server/db/sales-schema.ts';
import { AppError } from '#server/errors.ts';
import { keepsCampaigns, maySee } from './campaign-access.ts';

export async function loadEntry(
  ctx: HubContext,
  auth: Auth,
  id: number,
  opts: { tx?: Db | Tx; lock?: boolean } = {},
): Promise<{ entry: PortfolioEntry; campaign: Campaign }> {
  const db = opts.tx ?? ctx.db;
  const q = db
    .select()
    .from(portfolioEntries)
    .where(and(eq(portfolioEntries.id, id), eq(portfolioEntries.accountId, auth.accountId)));
  const [entry] = opts.lock ? await q.for('update') : await q;
  const missing = new AppError('not_found', `no portfolio entry ${id}`);
  if (!entry) throw missing;
  const [campaign] = await db.select().from(campaigns).where(eq(campaigns.id, entry.campaignId));
  if (!maySee(auth, campaign)) throw missing;
  if (!keepsCampaigns(auth) && entry.advisorId !== auth.user.id) throw missing;
  return { entry, campaign };
}

/** The entry, locked, for a step of the call: in progress and held by the caller (or a supervisor). */
export async function loadWorkedEntry(ctx: HubContext, auth: Auth, id: number, tx: Tx) {
  const found = await loadEntry(ctx, auth, id, { tx, lock: true });
  if (found.entry.status !== 'in_progress') {
    throw new AppError('invalid_state', `the entry is ${found.entry.status}, not being worked`, {
      details: { status: found.entry.status },
    });
  }
  if (found.entry.advisorId !== auth.user.id && !keepsCampaigns(auth)) {
    throw new AppError('invalid_state', 'another advisor holds this entry');
  }
  return found;
}
