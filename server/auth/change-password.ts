// A user changes their own password: they prove the current one (a stolen session alone cannot take the
// account over, and guessing it here is throttled like a login), the new one must be strong, and every
// other session of theirs ends at once — whoever else was signed in as them is out.
import { eq } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { users } from '#server/db/schema.ts';
import { AppError } from '#server/errors.ts';
import type { Auth } from './auth.ts';
import { assertLoginAllowed } from './login-throttle.ts';
import { assertStrongPassword } from './password-strength.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { type ClientInfo, recordSecurityEvent } from './security-events.ts';
import { closeSessions, endSessions } from './sessions.ts';

export async function changeOwnPassword(
  ctx: HubContext,
  auth: Auth,
  body: { currentPassword: string; newPassword: string },
  client: ClientInfo,
): Promise<{ endedSessions: number }> {
  const { user } = auth;
  await assertLoginAllowed(ctx, user.email, client.ip);
  if (!(await verifyPassword(user.passwordHash, body.currentPassword))) {
    await recordSecurityEvent(ctx.db, {
      type: 'login_failed',
      accountId: auth.accountId,
      userId: user.id,
      email: user.email,
      client,
      detail: { during: 'password_change' },
    });
    throw new AppError('wrong_password', 'the current password is not right');
  }
  await assertStrongPassword(body.newPassword, [user.name, user.email]);
  const passwordHash = await hashPassword(body.newPassword);
  const ended = await ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    const ids = await endSessions(tx, user.id, auth.tokenId);
    await recordSecurityEvent(tx, {
      type: 'password_changed',
      accountId: auth.accountId,
      userId: user.id,
      email: user.email,
      client,
      detail: { by: 'self', endedSessions: ids.length },
    });
    return ids;
  });
  closeSessions(ctx, ended);
  return { endedSessions: ended.length };
}
