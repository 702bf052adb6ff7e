// Where the account's sales webhook goes. Setting a URL makes a signing secret, shown once to the admin
// (as the API channel's is); clearing it stops the deliveries. The secret is kept sealed.
import { eq, sql } from 'drizzle-orm';
import type { Auth } from '#server/auth/auth.ts';
import type { HubContext } from '#server/context.ts';
import { randomToken } from '#server/crypto/secrets.ts';
import { accounts } from '#server/db/schema.ts';

export type SalesWebhookJson = { url: string | null; secret?: string };

export async function readSalesWebhook(ctx: HubContext, auth: Auth): Promise<SalesWebhookJson> {
  const [row] = await ctx.db
    .select({ settings: accounts.settings })
    .from(accounts)
    .where(eq(accounts.id, auth.accountId));
  const hook = row?.settings.salesWebhook as { url?: string } | undefined;
  return { url: hook?.url ?? null };
}

export async function saveSalesWebhook(
  ctx: HubContext,
  auth: Auth,
  url: string | null,
): Promise<SalesWebhookJson> {
  if (url === null) {
    await ctx.db
      .update(accounts)
      .set({ settings: sql`${accounts.settings} - 'salesWebhook'` })
      .where(eq(accounts.id, auth.accountId));
    return { url: null };
  }
  const secret = randomToken(32);
  const value = { salesWebhook: { url, secretSealed: ctx.sealer.seal(secret) } };
  await ctx.db
    .update(accounts)
    .set({ settings: sql`${accounts.settings} || ${JSON.stringify(value)}::jsonb` })
    .where(eq(accounts.id, auth.accountId));
  return { url, secret };
}
