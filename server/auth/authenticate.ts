// Bearer token → the user and their account. Every scoped query downstream uses auth.accountId.
import { and, eq, gt, isNull, or } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { sha256Hex } from '#server/crypto/secrets.ts';
import { apiTokens, type Role, teamMembers, users } from '#server/db/schema.ts';
import { AppError } from '#server/errors.ts';
import type { Auth } from './auth.ts';

export type { Auth } from './auth.ts';

export async function authenticateToken(ctx: HubContext, token: string | undefined): Promise<Auth> {
  if (!token) throw new AppError('unauthenticated', 'a bearer token is required');
  const [row] = await ctx.db
    .select({ user: users, tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, sha256Hex(token)),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, new Date())),
      ),
    );
  if (!row || row.user.disabled) throw new AppError('unauthenticated', 'the token is invalid or expired');
  // "Last active" in the sessions list: one write a minute per token, not one per request.
  const now = Date.now();
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > 60_000) {
    await ctx.db
      .update(apiTokens)
      .set({ lastUsedAt: new Date(now) })
      .where(eq(apiTokens.id, row.tokenId));
  }
  const teams = await ctx.db
    .select({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(eq(teamMembers.userId, row.user.id));
  return {
    user: row.user,
    accountId: row.user.accountId,
    teamIds: teams.map((t) => t.teamId),
    tokenId: row.tokenId,
  };
}

export function bearerOf(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}

export function requireRole(auth: Auth, roles: readonly Role[]): void {
  if (!roles.includes(auth.user.role)) {
    throw new AppError('forbidden', `this needs one of the roles: ${roles.join(', ')}`);
  }
}
