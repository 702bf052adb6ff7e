// The canned responses a user may insert, searched as they type "/sal": shortcut or title starting with
// the words, or text containing them; exact and prefix shortcut matches first. An agent is offered the
// account-wide ones and those of their teams; admins and supervisors, who manage them, see them all.
import { and, asc, eq, ilike, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Auth } from '#server/auth/authenticate.ts';
import type { HubContext } from '#server/context.ts';
import { cannedResponses } from '#server/db/schema.ts';
import type { ListCannedQuery } from '#shared/canned.schema.ts';
import { cannedToJson } from './save-canned.ts';

const managers = ['admin', 'supervisor'];
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function offeredTo(auth: Auth): SQL | undefined {
  if (managers.includes(auth.user.role)) return undefined;
  return auth.teamIds.length
    ? or(isNull(cannedResponses.teamId), inArray(cannedResponses.teamId, auth.teamIds))
    : isNull(cannedResponses.teamId);
}

export async function listCanned(ctx: HubContext, auth: Auth, query: ListCannedQuery) {
  const q = query.q?.replace(/^\//, '').toLowerCase() ?? '';
  const prefix = `${escapeLike(q)}%`;
  const matches = q
    ? or(
        ilike(cannedResponses.shortcut, prefix),
        ilike(cannedResponses.title, prefix),
        ilike(cannedResponses.text, `%${escapeLike(q)}%`),
      )
    : undefined;
  const byShortcut = asc(cannedResponses.shortcut);
  const order = q
    ? [
        sql`case when lower(${cannedResponses.shortcut}) = ${q} then 0
          when ${cannedResponses.shortcut} ilike ${prefix} then 1 else 2 end`,
        byShortcut,
      ]
    : [byShortcut];
  const rows = await ctx.db
    .select()
    .from(cannedResponses)
    .where(and(eq(cannedResponses.accountId, auth.accountId), offeredTo(auth), matches))
    .orderBy(...order)
    .limit(query.limit);
  return rows.map(cannedToJson);
}
