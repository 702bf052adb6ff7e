// First start: a demo account with its admin and one inbox of every channel kind that offers a demo
// inbox (web chat and the API channel). The admin's password is ADMIN_PASSWORD when given, else
// generated and printed once.
import { count } from 'drizzle-orm';
import type { InboundMode } from '#channels/types.ts';
import { assertStrongPassword } from '#server/auth/password-strength.ts';
import type { HubContext } from '#server/context.ts';
import { randomToken } from '#server/crypto/secrets.ts';
import { accounts } from '#server/db/schema.ts';
import { channelDefinitions } from '#server/inboxes/channel-facts.ts';
import { createInbox } from '#server/inboxes/save-inbox.ts';
import { createUser } from '#server/users/save-user.ts';

export type DemoSeed = {
  email: string;
  password: string;
  inboxes: { label: string; inbound: InboundMode; id: string; token: string; secret?: string }[];
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
  // A password the operator set in the environment is theirs to choose: a weak one starts the hub with
  // a warning (refusing it would stop a deployment at boot); every later password is checked.
  await createUser(
    ctx,
    account.id,
    { name: 'Demo admin', email, password, role: 'admin' },
    { operatorPassword: opts.password !== undefined },
  );
  if (opts.password !== undefined) {
    await assertStrongPassword(opts.password, [email]).catch((err: Error) =>
      ctx.log.warn(`ADMIN_PASSWORD is weak (${err.message}); change it after signing in`),
    );
  }
  const inboxes: DemoSeed['inboxes'] = [];
  // The widget's inbox first, as it always was (the API inbox is the second one, id 2 on a new hub).
  const demo = channelDefinitions()
    .filter((d) => d.demoInbox)
    .sort((a, b) => Number(b.inbound === 'widget') - Number(a.inbound === 'widget'));
  for (const d of demo) {
    if (!d.demoInbox) continue;
    const inbox = await createInbox(ctx, account.id, {
      name: d.demoInbox.name,
      channel: d.kind,
      config: d.demoInbox.config as Record<string, unknown>,
      settings: {},
    });
    inboxes.push({
      label: d.label,
      inbound: d.inbound,
      id: inbox.id,
      token: inbox.token,
      secret: inbox.secret,
    });
  }
  return { email, password, inboxes };
}
