// Admin or marketing changes the account's influence settings (tier thresholds, weights). The patch is
// merged over the current settings and the whole validated again; the account row is locked so that two
// changes at once (or a routing-settings change) do not lose one another's keys. The desk's items are
// scored again under the new settings in the same transaction (rescore-items.ts).
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { HubContext } from '#server/context.ts';
import { accounts } from '#server/db/schema.ts';
import {
  defaultInfluenceWeights,
  type InfluenceSettings,
  type influenceSettingsPatch,
  influenceSettingsSchema,
} from '#shared/influence.schema.ts';
import { influenceSettingsOf } from './influence-settings.ts';
import { rescoreItems } from './rescore-items.ts';

/** The settings as the console shows them: the weights in force, the account's or the defaults. */
export const influenceSettingsView = (s: InfluenceSettings) => ({
  thresholds: s.thresholds,
  weights: s.weights ?? defaultInfluenceWeights,
  customWeights: s.weights !== undefined,
});

export async function updateInfluenceSettings(
  ctx: HubContext,
  accountId: number,
  body: z.infer<typeof influenceSettingsPatch>,
) {
  return ctx.db.transaction(async (tx) => {
    const [a] = await tx.select().from(accounts).where(eq(accounts.id, accountId)).for('update');
    const current = influenceSettingsOf(a.settings);
    const weights = body.weights === null ? undefined : (body.weights ?? current.weights);
    const next = influenceSettingsSchema.parse({
      thresholds: body.thresholds ?? current.thresholds,
      ...(weights ? { weights } : {}),
    });
    await tx
      .update(accounts)
      .set({ settings: { ...a.settings, influence: next } })
      .where(eq(accounts.id, accountId));
    await rescoreItems(tx, accountId, next, ctx.clock.now());
    return influenceSettingsView(next);
  });
}
