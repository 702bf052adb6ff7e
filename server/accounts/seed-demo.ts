// First start: a demo account with its admin, a web-chat inbox and an API inbox. The admin's password is
// ADMIN_PASSWORD when given, else generated and printed once.
import { count } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { randomToken } from '#server/crypto/secrets.ts';
import { accounts } from '#server/db/schema.ts';
import { createInbox } from '#server/inboxes/save-inbox.ts';
import { createUser } from '#server/users/save-user.ts';

export type DemoSeed = {
  email: string;
  password: string;
  webchatToken: string;
  apiInbox: { id: string; token: string; secret?: string };
};

export async function seedDemoIfEmpty(
  ctx: HubContext,
  opts: { email?: string; password?: string },
): Promise<DemoSeed | null> {
  const [{ n }] = await ctx.db.select({ n: count() }).from(accounts);
  if (n > 0) return null;
  const [account] = await ctx.db.insert(accounts).values({ name: 'Demo telecom' }).returning();
  const email = opts.email ?? 'admin@demo.local';
  const password = opts.password ?? randomToken(12);
  await createUser(ctx, account.id, { name: 'Demo admin', email, password, role: 'admin' });
  const webchat = await createInbox(ctx, account.id, {
    name: 'Website chat',
    channel: 'webchat',
    config: { greeting: 'Hello! How can we help you today?' },
    settings: {},
  });
  const api = await createInbox(ctx, account.id, {
    name: 'CRM / call centre API',
    channel: 'api',
    config: {},
    settings: {},
  });
  return {
    email,
    password,
    webchatToken: webchat.token,
    apiInbox: { id: api.id, token: api.token, secret: api.secret },
  };
}
