// Admins create and edit the people of their account. E-mail is unique across the hub (it is the login).
// The rules that keep an account administrable and end a disabled user's sessions are in user-guards.ts.
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { hashPassword } from '#server/auth/passwords.ts';
import type { HubContext } from '#server/context.ts';
import { type User, users } from '#server/db/schema.ts';
import { AppError, notFound } from '#server/errors.ts';
import { requestRouting } from '#server/routing/enqueue.ts';
import { presenceJson } from '#server/routing/presence.ts';
import type { createUserBody, updateUserBody } from '#shared/api.schema.ts';
import { afterDisabled, assertKeepsAnAdmin, endSessions, lockActiveAdmins } from './user-guards.ts';

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

async function assertEmailFree(ctx: HubContext, email: string) {
  const [taken] = await ctx.db
    .select({ id: users.id })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()));
  if (taken) throw new AppError('email_taken', 'a user with this e-mail already exists');
}

export async function createUser(ctx: HubContext, accountId: number, body: z.infer<typeof createUserBody>) {
  await assertEmailFree(ctx, body.email);
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
        throw new AppError('email_taken', 'a user with this e-mail already exists', { cause: err });
      throw err;
    });
  return user;
}

export async function updateUser(
  ctx: HubContext,
  accountId: number,
  id: number,
  body: z.infer<typeof updateUserBody>,
  actorId: number | null = null,
) {
  const passwordHash = body.password !== undefined ? await hashPassword(body.password) : undefined;
  const guarded = body.role !== undefined || body.disabled !== undefined;
  const { user, disabledNow } = await ctx.db.transaction(async (tx) => {
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
    if (Object.keys(patch).length === 0) return { user: existing, disabledNow: false };
    assertKeepsAnAdmin(admins, existing, { ...existing, ...patch }, actorId);
    const [row] = await tx.update(users).set(patch).where(eq(users.id, id)).returning();
    const disabledNow = row.disabled && !existing.disabled;
    // Disabled, or a password reset by someone else: whoever held their sessions is signed out.
    if (disabledNow || (passwordHash !== undefined && id !== actorId)) await endSessions(tx, id);
    // More room or other skills: the queue may have something for them now.
    if (body.capacity !== undefined || body.skills !== undefined) await requestRouting(ctx, tx, accountId);
    return { user: row, disabledNow };
  });
  ctx.queue.wake('route');
  // Offline now as well: the answer shows the user as they are.
  if (disabledNow) return (await afterDisabled(ctx, user)) ?? user;
  return user;
}
