// The security log: sign-ins that failed or succeeded, sessions ended, passwords changed. The login
// throttle (login-throttle.ts) counts its failures from here, so the audit and the throttle cannot
// disagree, and both hold across restarts and hub nodes.
import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { HubContext } from '#server/context.ts';
import type { Db } from '#server/db/client.ts';
import { type SecurityEvent, securityEvents } from '#server/db/schema.ts';
import type { SecurityEventJson, securityEventsQuery } from '#shared/security.schema.ts';

/** Where a request came from, as the login form and the sessions list show it. */
export type ClientInfo = { ip: string | null; userAgent: string | null };

export type SecurityEventInput = {
  type: SecurityEvent['type'];
  accountId?: number | null;
  userId?: number | null;
  email?: string | null;
  client?: ClientInfo;
  detail?: Record<string, unknown>;
};

/** Returns the event's id. */
export async function recordSecurityEvent(db: Db, e: SecurityEventInput): Promise<number> {
  const [row] = await db
    .insert(securityEvents)
    .values({
      type: e.type,
      accountId: e.accountId ?? null,
      userId: e.userId ?? null,
      email: e.email?.toLowerCase() ?? null,
      ip: e.client?.ip ?? null,
      // A header is whatever the client sent: kept short.
      userAgent: e.client?.userAgent?.slice(0, 300) ?? null,
      detail: e.detail ?? {},
    })
    .returning({ id: securityEvents.id });
  return row.id;
}

export function securityEventToJson(e: SecurityEvent): SecurityEventJson {
  return {
    id: String(e.id),
    type: e.type,
    userId: e.userId === null ? null : String(e.userId),
    email: e.email,
    ip: e.ip,
    userAgent: e.userAgent,
    detail: e.detail,
    createdAt: e.createdAt.toISOString(),
  };
}

/**
 * An account's events, newest first. A failed login for an address several accounts share names them
 * all in `detail.accountIds` (login.ts) and shows in each of them.
 */
export async function listSecurityEvents(
  ctx: HubContext,
  accountId: number,
  query: z.infer<typeof securityEventsQuery>,
) {
  const rows = await ctx.db
    .select()
    .from(securityEvents)
    .where(
      and(
        or(
          eq(securityEvents.accountId, accountId),
          sql`${securityEvents.accountId} is null and ${securityEvents.detail} -> 'accountIds' @> ${JSON.stringify([accountId])}::jsonb`,
        ),
        query.type ? eq(securityEvents.type, query.type) : undefined,
        query.userId ? eq(securityEvents.userId, Number(query.userId)) : undefined,
        query.cursor ? lt(securityEvents.id, Number(query.cursor)) : undefined,
      ),
    )
    .orderBy(desc(securityEvents.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  return {
    data: page.map(securityEventToJson),
    nextCursor: rows.length > query.limit ? String(page[page.length - 1].id) : null,
  };
}
