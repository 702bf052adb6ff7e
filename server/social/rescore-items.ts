// New influence settings (thresholds, weights) apply to the items already on the desk, not only to the
// next ones: the account's items of the last 30 days are scored again in the transaction that saves the
// settings, so the ranking and the tier filters never mix two scales. A tier changed this way is not news
// (no alert, no re-routing): the item did not change, the scale did.
import { and, eq, gte } from 'drizzle-orm';
import type { Tx } from '#server/db/client.ts';
import { messages, socialItems } from '#server/db/schema.ts';
import type { InfluenceSettings } from '#shared/influence.schema.ts';
import { scoreInfluence } from '#shared/influence.ts';
import { socialMetricsOf } from './influence-of.ts';

const WINDOW_MS = 30 * 86_400_000;

export async function rescoreItems(tx: Tx, accountId: number, settings: InfluenceSettings, now: Date) {
  const rows = await tx
    .select({ id: socialItems.id, score: socialItems.score, tier: socialItems.tier, meta: messages.meta })
    .from(socialItems)
    .innerJoin(messages, eq(messages.id, socialItems.messageId))
    .where(
      and(
        eq(socialItems.accountId, accountId),
        gte(socialItems.createdAt, new Date(now.getTime() - WINDOW_MS)),
      ),
    );
  for (const r of rows) {
    const metrics = socialMetricsOf(r);
    if (!metrics) continue;
    const { score, tier } = scoreInfluence(metrics, settings);
    if (score === r.score && tier === r.tier) continue;
    await tx.update(socialItems).set({ score, tier }).where(eq(socialItems.id, r.id));
  }
}
