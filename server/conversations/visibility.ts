// Which conversations a user may see, as a SQL condition (the socket rooms in realtime/rooms.ts say
// the same): admins, supervisors and QA the whole account; an agent what is assigned to them, their
// teams' conversations and the unassigned, team-less pool; other roles nothing here.
import { and, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Auth } from '#server/auth/authenticate.ts';
import { conversations } from '#server/db/schema.ts';
import { wideRoles } from '#server/realtime/rooms.ts';

export function visibleTo(auth: Auth): SQL {
  const account = eq(conversations.accountId, auth.accountId);
  if (wideRoles.includes(auth.user.role)) return account;
  if (auth.user.role !== 'agent') return sql`false`;
  const mine = [
    eq(conversations.assigneeId, auth.user.id),
    and(isNull(conversations.assigneeId), isNull(conversations.teamId)),
  ];
  if (auth.teamIds.length) mine.push(inArray(conversations.teamId, auth.teamIds));
  return and(account, or(...mine)) as SQL;
}
