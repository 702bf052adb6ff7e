// Which conversations a user may see, as a SQL condition (the socket rooms in realtime/rooms.ts say
// the same): admins, supervisors and QA the whole account; an agent what is assigned to them, their
// teams' conversations and the unassigned, team-less pool; marketing the social channels' conversations
// (read only: shared/permissions.ts); other roles nothing here.
import { and, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Auth } from '#server/auth/authenticate.ts';
import { conversations, inboxes } from '#server/db/schema.ts';
import { kindsWhere } from '#server/inboxes/channel-facts.ts';
import { wideRoles } from '#server/realtime/rooms.ts';

export function visibleTo(auth: Auth): SQL {
  const account = eq(conversations.accountId, auth.accountId);
  if (wideRoles.includes(auth.user.role)) return account;
  // Marketing reads the social conversations (where the Mentions desk's items live), never the others.
  if (auth.user.role === 'marketing') {
    const social = kindsWhere((d) => d.capabilities.publicItems);
    return and(
      account,
      inArray(
        conversations.inboxId,
        sql`(select ${inboxes.id} from ${inboxes} where ${inboxes.accountId} = ${auth.accountId} and ${inArray(inboxes.channel, social)})`,
      ),
    ) as SQL;
  }
  if (auth.user.role !== 'agent') return sql`false`;
  const mine = [
    eq(conversations.assigneeId, auth.user.id),
    and(isNull(conversations.assigneeId), isNull(conversations.teamId)),
  ];
  if (auth.teamIds.length) mine.push(inArray(conversations.teamId, auth.teamIds));
  return and(account, or(...mine)) as SQL;
}
