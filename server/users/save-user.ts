// Admins create and edit the people of their account. E-mail is unique across the hub (it is the login).
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { hashPassword } from '#server/auth/passwords.ts';
import type { HubContext } from '#server/context.ts';
import { type User, users } from '#server/db/schema.ts';
import { AppError, notFound } from '#server/errors.ts';
import type { createUserBody, updateUserBody } from '#shared/api.schema.ts';

export function userToJson(u: User, teamIds?: number[]) {
  return {
    id: String(u.id),
    accountId: String(u.accountId),
    name: u.name,
    email: u.email,
    role: u.role,
    capacity: u.capacity,
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
) {
  const [existing] = await ctx.db
    .select()
    .from(users)
    .where(and(eq(users.id, id), eq(users.accountId, accountId)));
  if (!existing) throw notFound('user');
  const patch: Partial<User> = {};
  if (body.name !== undefined) patch.name = body.name;
  if (body.role !== undefined) patch.role = body.role;
  if (body.disabled !== undefined) patch.disabled = body.disabled;
  if (body.capacity !== undefined) patch.capacity = { ...existing.capacity, ...body.capacity };
  if (body.password !== undefined) patch.passwordHash = await hashPassword(body.password);
  if (Object.keys(patch).length === 0) return existing;
  const [user] = await ctx.db.update(users).set(patch).where(eq(users.id, id)).returning();
  return user;
}
