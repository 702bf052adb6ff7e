// The account's social settings (accounts.settings.social): for now, whether an admin lets marketing
// answer customers on the social channels itself (issue 15: "replying stays with agents unless an admin
// allows it"). Read with defaults; changed under the account row's lock like the other account settings.
import { eq } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import type { Db } from '#server/db/client.ts';
import { accounts } from '#server/db/schema.ts';
import { defaultSocialSettings, type SocialSettings, socialSettingsSchema } from '#shared/mentions.schema.ts';

export async function loadSocialSettings(db: Db, accountId: number): Promise<SocialSettings> {
  const [row] = await db
    .select({ settings: accounts.settings })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  const stored = socialSettingsSchema.safeParse(row?.settings.social);
  return stored.success ? stored.data : defaultSocialSettings;
}

export async function updateSocialSettings(
  ctx: HubContext,
  accountId: number,
  patch: Partial<SocialSettings>,
): Promise<SocialSettings> {
  return ctx.db.transaction(async (tx) => {
    const [a] = await tx.select().from(accounts).where(eq(accounts.id, accountId)).for('update');
    const current = socialSettingsSchema.safeParse(a.settings.social);
    const next = socialSettingsSchema.parse({
      ...(current.success ? current.data : defaultSocialSettings),
      ...patch,
    });
    await tx
      .update(accounts)
      .set({ settings: { ...a.settings, social: next } })
      .where(eq(accounts.id, accountId));
    return next;
  });
}
