// After signing in, an agent comes back as they left: the presence they last chose (online, away or a
// break with its reason) instead of Offline. What they chose is read from the presence sessions the hub
// already keeps; going offline because the connection dropped (or the session ended) is not a choice,
// an Offline picked by hand is. Roles that answer no one are never made available.
import { and, desc, eq, ne, or, sql } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { presenceSessions, type User } from '#server/db/schema.ts';
import { assigneeRoles } from '#shared/permissions.ts';
import { presenceJson, setPresence } from './presence.ts';
import { loadRoutingSettings } from './settings.ts';

export async function restorePresence(ctx: HubContext, accountId: number, user: User) {
  const current = presenceJson(user);
  if (user.presence !== 'offline') return current;
  if (!(assigneeRoles as readonly string[]).includes(user.role)) return current;
  const [last] = await ctx.db
    .select()
    .from(presenceSessions)
    .where(
      and(
        eq(presenceSessions.userId, user.id),
        eq(presenceSessions.accountId, accountId),
        or(
          ne(presenceSessions.status, 'offline'),
          sql`${presenceSessions.reason} is distinct from 'disconnected'`,
        ),
      ),
    )
    .orderBy(desc(presenceSessions.startedAt), desc(presenceSessions.id))
    .limit(1);
  if (!last || last.status === 'offline') return current;
  // A break whose reason the admin has since removed comes back as Away rather than failing the sign-in.
  const { auxiliaryReasons } = await loadRoutingSettings(ctx.db, accountId);
  const gone = last.status === 'auxiliary' && !auxiliaryReasons.includes(last.reason ?? '');
  return setPresence(
    ctx,
    accountId,
    user.id,
    gone || last.status !== 'auxiliary'
      ? { status: gone ? 'away' : last.status }
      : { status: 'auxiliary', reason: last.reason ?? '' },
  );
}
