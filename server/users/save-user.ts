// Admins create and edit the people of their account. An e-mail is unique within its account; another
// account may have a user with the same address (login asks which account then), so creating one never
// tells an admin which addresses other tenants use. Passwords must be hard to guess. The rules that keep
// an account administrable and end a disabled user's sessions are in user-guards.ts.
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { assertStrongPassword } from '#server/auth/password-strength.ts';
import { hashPassword } from '#server/auth/passwords.ts';
import { recordSecurityEvent } from '#server/auth/security-events.ts';
import { closeSessions, endSessions } from '#server/auth/sessions.ts';
import type { HubContext } from '#server/context.ts';
import { teamMembers, type User, users } from '#server/db/schema.ts';
import { AppError, notFound } from '#server/errors.ts';
import { requestRouting } from '#server/routing/enqueue.ts';
import { presenceJson } from '#server/routing/presence.ts';
import type { createUserBody, updateUserBody } from '#shared/api.schema.ts';
import { afterDisabled, assertKeepsAnAdmin, lockActiveAdmins } from './user-guards.ts';

export function userToJson(u: User, teamIds?: number[]) {
  return {
    id: String(u.id),
    accountId: String(u.accountId),
    name: u.name,
    email: u.email,
    role: u.role,
    capacity: u.capacity,
    skills: u.skills,
    presence: presenceJson(u),
    disabled: u.disabled,
    ...(teamIds ? { teamIds: teamIds.map(String) } : {}),
    createdAt: u.createdAt.toISOString(),
  };
}

async function assertEmailFree(ctx: HubContext, accountId: number, email: string) {
  const [taken] = await ctx.db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.accountId, accountId), eq(sql`lower(${users.email})`, email.toLowerCase())));
  if (taken) throw new AppError('email_taken', 'a user of this account already has this e-mail');
}

export async function createUser(
  ctx: HubContext,
  accountId: number,
  body: z.infer<typeof createUserBody>,
  /** The operator's own ADMIN_PASSWORD at first start: warned about (seed-demo.ts), not refused. */
  opts: { operatorPassword?: boolean } = {},
) {
  await assertEmailFree(ctx, accountId, body.email);
  if (!opts.operatorPassword) await assertStrongPassword(body.password, [body.name, body.email]);
  const [user] = await ctx.db
    .insert(users)
    .values({
      accountId,
      name: body.name,
      email: body.email.toLowerCase(),
      passwordHash: await hashPassword(body.password),
      role: body.role,
      capacity: body.capacity ?? {},
      skills: body.skills ?? {},
    })
    .returning()
    .catch((err: unknown) => {
      // Two requests for one address at once both pass the check above; the unique index decides.
      const e = err as { code?: string; cause?: { code?: string } };
      if ((e.code ?? e.cause?.code) === '23505')
        throw new AppError('email_taken', 'a user of this account already has this e-mail', { cause: err });
      throw err;
    });
  return user;
}

export async function updateUser(
  ctx: HubContext,
  accountId: number,
  id: number,
  body: z.infer<typeof updateUserBody>,
  /** Who changes it, and the session they do it from (kept when they change their own password). */
  actor: { userId: number; tokenId: number } | null = null,
) {
  const actorId = actor?.userId ?? null;
  if (body.password !== undefined) {
    const [target] = await ctx.db
      .select({ name: users.name, email: users.email })
      .from(users)
      .where(and(eq(users.id, id), eq(users.accountId, accountId)));
    if (!target) throw notFound('user');
    await assertStrongPassword(body.password, [body.name ?? target.name, target.email]);
  }
  const passwordHash = body.password !== undefined ? await hashPassword(body.password) : undefined;
  const guarded = body.role !== undefined || body.disabled !== undefined;
  const { user, disabledNow, ended, roleBefore } = await ctx.db.transaction(async (tx) => {
    const admins = guarded ? await lockActiveAdmins(tx, accountId) : [];
    const [existing] = await tx
      .select()
      .from(users)
      .where(and(eq(users.id, id), eq(users.accountId, accountId)))
      .for('update');
    if (!existing) throw notFound('user');
    const patch: Partial<User> = {};
    if (body.name !== undefined) patch.name = body.name;
    if (body.role !== undefined) patch.role = body.role;
    if (body.disabled !== undefined) patch.disabled = body.disabled;
    if (body.capacity !== undefined) patch.capacity = { ...existing.capacity, ...body.capacity };
    if (body.skills !== undefined) patch.skills = body.skills;
    if (passwordHash !== undefined) patch.passwordHash = passwordHash;
    if (Object.keys(patch).length === 0)
      return { user: existing, disabledNow: false, ended: [], roleBefore: existing.role };
    assertKeepsAnAdmin(admins, existing, { ...existing, ...patch }, actorId);
    const [row] = await tx.update(users).set(patch).where(eq(users.id, id)).returning();
    const disabledNow = row.disabled && !existing.disabled;
    // Disabled, or a new password: whoever held their sessions is signed out (but the admin who changed
    // their own password from this session).
    let ended: number[] = [];
    if (disabledNow) ended = await endSessions(tx, id);
    else if (passwordHash !== undefined) {
      ended = await endSessions(tx, id, id === actorId ? actor?.tokenId : undefined);
      await recordSecurityEvent(tx, {
        type: 'password_changed',
        accountId,
        userId: id,
        email: row.email,
        detail: { by: id === actorId ? 'self' : 'admin', actorId, endedSessions: ended.length },
      });
    }
    // More room or other skills: the queue may have something for them now.
    if (body.capacity !== undefined || body.skills !== undefined) await requestRouting(ctx, tx, accountId);
    return { user: row, disabledNow, ended, roleBefore: existing.role };
  });
  ctx.queue.wake('route');
  closeSessions(ctx, ended);
  // What they see live follows what they may see now: a demoted supervisor stops hearing every team.
  if (user.role !== roleBefore) ctx.publisher.syncRole(user, roleBefore, await teamIdsOf(ctx, user.id));
  // Offline now as well: the answer shows the user as they are.
  if (disabledNow) return (await afterDisabled(ctx, user)) ?? user;
  return user;
}

async function teamIdsOf(ctx: HubContext, userId: number): Promise<number[]> {
  const rows = await ctx.db
    .select({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(eq(teamMembers.userId, userId));
  return rows.map((r) => r.teamId);
}
