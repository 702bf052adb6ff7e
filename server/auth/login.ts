// Email + password → a bearer token. Only the token's SHA-256 is stored.
import { eq, sql } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { randomToken, sha256Hex } from '#server/crypto/secrets.ts';
import { apiTokens, type User, users } from '#server/db/schema.ts';
import { AppError } from '#server/errors.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

// Verifying against a fixed hash when the user does not exist keeps the timing the same.
let decoy: Promise<string> | undefined;

export async function login(
  ctx: HubContext,
  email: string,
  password: string,
): Promise<{ token: string; user: User }> {
  const [user] = await ctx.db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()));
  if (!user) {
    decoy ??= hashPassword('decoy-password-for-timing');
    await verifyPassword(await decoy, password);
    throw new AppError('invalid_credentials', 'wrong e-mail or password');
  }
  if (!(await verifyPassword(user.passwordHash, password))) {
    throw new AppError('invalid_credentials', 'wrong e-mail or password');
  }
  // Said only to someone who knows the password: it tells nobody else that the address exists.
  if (user.disabled) {
    throw new AppError('account_disabled', 'this account has been disabled; ask an administrator');
  }
  return { token: await issueToken(ctx, user, 'session'), user };
}

export async function issueToken(ctx: HubContext, user: User, name: string): Promise<string> {
  const token = `hub_${randomToken(32)}`;
  await ctx.db.insert(apiTokens).values({
    accountId: user.accountId,
    userId: user.id,
    tokenHash: sha256Hex(token),
    name,
    expiresAt: name === 'session' ? new Date(Date.now() + 30 * 86_400_000) : null,
  });
  return token;
}
