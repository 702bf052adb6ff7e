// A user's signed-in sessions: listed with where and when they were opened and last used, ended one by
// one, all at once ("sign out everywhere"), or all but the current one (after a password change). An
// ended session's token stops working at once and its open sockets close on every node. API tokens
// (named otherwise than 'session') are not sessions: they end only when the user is disabled.
import { and, desc, eq, gt, isNull, ne, or } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import type { Db } from '#server/db/client.ts';
import { apiTokens } from '#server/db/schema.ts';
import { notFound } from '#server/errors.ts';
import type { SessionJson } from '#shared/security.schema.ts';
import type { Auth } from './auth.ts';
import { type ClientInfo, recordSecurityEvent } from './security-events.ts';

const isSession = eq(apiTokens.name, 'session');

export async function listSessions(ctx: HubContext, auth: Auth): Promise<SessionJson[]> {
  const rows = await ctx.db
    .select()
    .from(apiTokens)
    .where(
      and(
        eq(apiTokens.userId, auth.user.id),
        isSession,
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, new Date())),
      ),
    )
    .orderBy(desc(apiTokens.id));
  return rows.map((t) => ({
    id: String(t.id),
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    expiresAt: t.expiresAt?.toISOString() ?? null,
    userAgent: t.userAgent,
    ip: t.ip,
    current: t.id === auth.tokenId,
  }));
}

/**
 * Deletes sessions of `userId` (all, or all but `keepTokenId`) in the caller's transaction and returns
 * their ids; the caller closes their sockets after the commit with closeSessions.
 */
export async function endSessions(db: Db, userId: number, keepTokenId?: number): Promise<number[]> {
  const rows = await db
    .delete(apiTokens)
    .where(
      and(
        eq(apiTokens.userId, userId),
        isSession,
        keepTokenId === undefined ? undefined : ne(apiTokens.id, keepTokenId),
      ),
    )
    .returning({ id: apiTokens.id });
  return rows.map((r) => r.id);
}

/** After the commit that ended them: their sockets close, on every node. */
export function closeSessions(ctx: HubContext, tokenIds: number[]): void {
  if (tokenIds.length) ctx.publisher.disconnectSessions(tokenIds);
}

/** Signs out the caller's own session (any token the call was made with), or every session of theirs. */
export async function logout(
  ctx: HubContext,
  auth: Auth,
  everywhere: boolean,
  client: ClientInfo,
): Promise<{ ended: number }> {
  const ended = await ctx.db.transaction(async (tx) => {
    const ids = everywhere ? await endSessions(tx, auth.user.id) : [];
    const [current] = await tx
      .delete(apiTokens)
      .where(and(eq(apiTokens.id, auth.tokenId), isSession))
      .returning({ id: apiTokens.id });
    if (current && !ids.includes(current.id)) ids.push(current.id);
    await recordSecurityEvent(tx, {
      type: everywhere ? 'sessions_revoked' : 'logout',
      accountId: auth.accountId,
      userId: auth.user.id,
      email: auth.user.email,
      client,
      detail: { sessions: ids.length, ...(everywhere ? { everywhere: true } : {}) },
    });
    return ids;
  });
  closeSessions(ctx, ended);
  return { ended: ended.length };
}

/** Ends one of the caller's own sessions (another device they no longer trust). */
export async function revokeSession(
  ctx: HubContext,
  auth: Auth,
  sessionId: number,
  client: ClientInfo,
): Promise<void> {
  const ended = await ctx.db.transaction(async (tx) => {
    const rows = await tx
      .delete(apiTokens)
      .where(and(eq(apiTokens.id, sessionId), eq(apiTokens.userId, auth.user.id), isSession))
      .returning({ id: apiTokens.id });
    if (!rows.length) throw notFound('session');
    await recordSecurityEvent(tx, {
      type: 'sessions_revoked',
      accountId: auth.accountId,
      userId: auth.user.id,
      email: auth.user.email,
      client,
      detail: { sessions: 1, sessionId: String(sessionId) },
    });
    return rows.map((r) => r.id);
  });
  closeSessions(ctx, ended);
}
