// Email + password → a bearer token. Only the token's SHA-256 is stored. An address may have a user in
// several accounts (save-user.ts): the password decides which of them it is, and when it fits more than
// one the caller names the account. Every attempt is a security event; too many failures throttle.
import { eq, inArray, sql } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { randomToken, sha256Hex } from '#server/crypto/secrets.ts';
import { accounts, apiTokens, securityEvents, type User, users } from '#server/db/schema.ts';
import { AppError } from '#server/errors.ts';
import { assertLoginAllowed } from './login-throttle.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { type ClientInfo, recordSecurityEvent } from './security-events.ts';

/** Signed-in sessions last this long unless signed out or revoked first. */
export const sessionLifetimeMs = 30 * 86_400_000;

// Verifying against a fixed hash when the user does not exist keeps the timing the same.
let decoy: Promise<string> | undefined;

export async function login(
  ctx: HubContext,
  input: { email: string; password: string; accountId?: string },
  client: ClientInfo,
): Promise<{ token: string; user: User }> {
  const email = input.email.toLowerCase();
  // The check and the attempt's record are one step per address and per network address (advisory
  // locks on both): guesses sent all at once queue here, each seeing the ones before it, so exactly the
  // free allowance reaches the (slow) password check. Recorded as failed now, corrected after a success.
  const checked = await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('sign-in'), hashtext(${email}))`);
    // Then the network address (always in this order, so two sign-ins never wait on each other in a cycle).
    if (client.ip) {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('sign-in-ip'), hashtext(${client.ip}))`);
    }
    try {
      await assertLoginAllowed(ctx, email, client.ip, tx);
    } catch (err) {
      return { throttled: err };
    }
    const candidates = await tx
      .select()
      .from(users)
      .where(eq(sql`lower(${users.email})`, email))
      .orderBy(users.id);
    const only = candidates.length === 1 ? candidates[0] : undefined;
    const attempt = await recordSecurityEvent(tx, {
      type: 'login_failed',
      email,
      client,
      accountId: only?.accountId,
      userId: only?.id,
      detail: candidates.length > 1 ? { accountIds: candidates.map((u) => u.accountId) } : {},
    });
    return { candidates, attempt };
  });
  if ('throttled' in checked) {
    await recordSecurityEvent(ctx.db, { type: 'login_throttled', email, client });
    throw checked.throttled;
  }
  const { candidates, attempt } = checked;
  const named = input.accountId
    ? candidates.filter((u) => u.accountId === Number(input.accountId))
    : candidates;
  const matches: User[] = [];
  for (const user of named) if (await verifyPassword(user.passwordHash, input.password)) matches.push(user);
  if (!named.length) {
    decoy ??= hashPassword('decoy-password-for-timing');
    await verifyPassword(await decoy, input.password);
  }
  if (!matches.length) throw new AppError('invalid_credentials', 'wrong e-mail or password');
  // Said only to someone who knows the password: it tells nobody else which accounts have the address.
  if (matches.length > 1) {
    await ctx.db.delete(securityEvents).where(eq(securityEvents.id, attempt));
    const names = await ctx.db
      .select({ id: accounts.id, name: accounts.name })
      .from(accounts)
      .where(
        inArray(
          accounts.id,
          matches.map((u) => u.accountId),
        ),
      );
    throw new AppError('account_required', 'this address signs in to several accounts: choose one', {
      details: { accounts: names.map((a) => ({ id: String(a.id), name: a.name })) },
    });
  }
  const user = matches[0];
  if (user.disabled) {
    throw new AppError('account_disabled', 'this account has been disabled; ask an administrator');
  }
  const token = await issueToken(ctx, user, 'session', client);
  await ctx.db
    .update(securityEvents)
    .set({ type: 'login_succeeded', accountId: user.accountId, userId: user.id, detail: {} })
    .where(eq(securityEvents.id, attempt));
  return { token, user };
}

export async function issueToken(
  ctx: HubContext,
  user: User,
  name: string,
  client: ClientInfo = { ip: null, userAgent: null },
): Promise<string> {
  const token = `hub_${randomToken(32)}`;
  await ctx.db.insert(apiTokens).values({
    accountId: user.accountId,
    userId: user.id,
    tokenHash: sha256Hex(token),
    name,
    expiresAt: name === 'session' ? new Date(Date.now() + sessionLifetimeMs) : null,
    ip: client.ip,
    userAgent: client.userAgent?.slice(0, 300) ?? null,
  });
  return token;
}
