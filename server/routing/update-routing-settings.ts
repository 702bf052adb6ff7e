// An admin's change to the account's routing settings. The patch is merged over the current settings
// (sla and defaultCapacity key by key) and the whole is validated again before it is stored; the account
// row is locked so that two changes at once do not lose one another's keys.
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { HubContext } from '#server/context.ts';
import { accounts } from '#server/db/schema.ts';
import { type routingSettingsPatch, routingSettingsSchema } from '#shared/routing.schema.ts';
import { routingSettingsOf } from './settings.ts';

export async function updateRoutingSettings(
  ctx: HubContext,
  accountId: number,
  body: z.infer<typeof routingSettingsPatch>,
) {
  return ctx.db.transaction(async (tx) => {
    const [a] = await tx.select().from(accounts).where(eq(accounts.id, accountId)).for('update');
    const current = routingSettingsOf(a.settings);
    const next = routingSettingsSchema.parse({
      ...current,
      ...body,
      sla: body.sla ? { ...current.sla, ...body.sla } : current.sla,
      defaultCapacity: body.defaultCapacity
        ? { ...current.defaultCapacity, ...body.defaultCapacity }
        : current.defaultCapacity,
    });
    await tx
      .update(accounts)
      .set({ settings: { ...a.settings, routing: next } })
      .where(eq(accounts.id, accountId));
    return next;
  });
}
