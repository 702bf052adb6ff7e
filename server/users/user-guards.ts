// What an admin may not do to an account's people, and what disabling someone sets in motion. An account
// never loses its last active admin: removing admin rights from one (demote or disable) is checked with
// the admins' rows locked, so two admins demoting each other at once cannot both succeed. An admin does
// not lock themselves out either. A disabled user's sessions end at once: their session tokens are
// deleted (API tokens are refused while the user is disabled), their sockets are closed on every node,
// and they go offline, which sends their waiting live conversations back to the queue.
import { and, asc, eq } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import type { Tx } from '#server/db/client.ts';
import { type User, users } from '#server/db/schema.ts';
import { AppError } from '#server/errors.ts';
import { releaseDisabledUser, setPresence } from '#server/routing/presence.ts';

const isActiveAdmin = (u: Pick<User, 'role' | 'disabled'>) => u.role === 'admin' && !u.disabled;

/**
 * Locks the account's active admins (in id order, before the row being changed, so two admins changing
 * each other wait for one another instead of deadlocking) and returns their ids.
 */
export async function lockActiveAdmins(tx: Tx, accountId: number): Promise<number[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.accountId, accountId), eq(users.role, 'admin'), eq(users.disabled, false)))
    .orderBy(asc(users.id))
    .for('update');
  return rows.map((r) => r.id);
}

/**
 * Refuses a change that would leave the account without an active admin (409 last_admin) or that takes
 * an admin's own rights away (409 self_lockout). `admins` comes from lockActiveAdmins in the same
 * transaction.
 */
export function assertKeepsAnAdmin(
  admins: number[],
  before: User,
  after: Pick<User, 'role' | 'disabled'>,
  actorId: number | null,
): void {
  if (!isActiveAdmin(before) || isActiveAdmin(after)) return;
  if (!admins.some((id) => id !== before.id)) {
    throw new AppError(
      'last_admin',
      'this is the last active admin of the account: make someone else admin first',
    );
  }
  if (before.id === actorId) {
    throw new AppError('self_lockout', 'you cannot disable yourself or take away your own admin role');
  }
}

/**
 * After the commit that disabled `user`: close their sockets, take them offline and hand every
 * conversation still theirs back to the queues (nothing may stay with someone who cannot answer).
 */
export async function afterDisabled(ctx: HubContext, user: User): Promise<User | undefined> {
  ctx.publisher.disconnectUser(user.id);
  if (user.presence !== 'offline')
    await setPresence(ctx, user.accountId, user.id, { status: 'offline' }, 'disconnected');
  await releaseDisabledUser(ctx, user.accountId, user.id);
  if (user.presence === 'offline') return user;
  const [now] = await ctx.db.select().from(users).where(eq(users.id, user.id));
  return now;
}
