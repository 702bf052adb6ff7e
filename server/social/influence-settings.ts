// The account's influence settings (accounts.settings.influence), read with their defaults. Stored values
// were validated when saved; what does not parse (an older version's keys) gives way to the defaults
// rather than stopping routing.
import { eq } from 'drizzle-orm';
import type { Db } from '#server/db/client.ts';
import { accounts } from '#server/db/schema.ts';
import {
  defaultInfluenceSettings,
  type InfluenceSettings,
  influenceSettingsSchema,
} from '#shared/influence.schema.ts';

export function influenceSettingsOf(accountSettings: Record<string, unknown>): InfluenceSettings {
  const stored = influenceSettingsSchema.safeParse(accountSettings.influence);
  return stored.success ? stored.data : defaultInfluenceSettings;
}

export async function loadInfluenceSettings(db: Db, accountId: number): Promise<InfluenceSettings> {
  const [row] = await db
    .select({ settings: accounts.settings })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  return influenceSettingsOf(row?.settings ?? {});
}
