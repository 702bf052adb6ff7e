// Create, change and remove canned responses. A shortcut is unique per account whatever its case (the
// unique index is on lower(shortcut)); a taken one is a 409 that names it, also when two saves race.
import { and, eq, ne, sql } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { cannedResponses, teams } from '#server/db/schema.ts';
import { AppError, notFound } from '#server/errors.ts';
import type { CannedResponseBody, CannedResponseJson, CannedResponsePatch } from '#shared/canned.schema.ts';

type CannedRow = typeof cannedResponses.$inferSelect;

export function cannedToJson(r: CannedRow): CannedResponseJson {
  return {
    id: String(r.id),
    shortcut: r.shortcut,
    title: r.title,
    text: r.text,
    teamId: r.teamId === null ? null : String(r.teamId),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const taken = (shortcut: string) =>
  new AppError('conflict', `the shortcut /${shortcut} is already used by another canned response`);

async function checkTeam(ctx: HubContext, accountId: number, teamId: string | null | undefined) {
  if (!teamId) return;
  const [team] = await ctx.db
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.id, Number(teamId)), eq(teams.accountId, accountId)));
  if (!team) throw new AppError('bad_request', 'teamId names a team outside this account');
}

async function checkShortcut(ctx: HubContext, accountId: number, shortcut: string, exceptId?: number) {
  const [clash] = await ctx.db
    .select({ id: cannedResponses.id })
    .from(cannedResponses)
    .where(
      and(
        eq(cannedResponses.accountId, accountId),
        eq(sql`lower(${cannedResponses.shortcut})`, shortcut.toLowerCase()),
        exceptId === undefined ? undefined : ne(cannedResponses.id, exceptId),
      ),
    );
  if (clash) throw taken(shortcut);
}

/** The unique index still decides when two saves of one shortcut race past the check. */
async function orTaken<T>(shortcut: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    const e = err as { code?: string; cause?: { code?: string } };
    if (shortcut && (e.code ?? e.cause?.code) === '23505') throw taken(shortcut);
    throw err;
  }
}

export async function createCanned(ctx: HubContext, accountId: number, body: CannedResponseBody) {
  await checkTeam(ctx, accountId, body.teamId);
  await checkShortcut(ctx, accountId, body.shortcut);
  const [row] = await orTaken(body.shortcut, () =>
    ctx.db
      .insert(cannedResponses)
      .values({
        accountId,
        shortcut: body.shortcut,
        title: body.title,
        text: body.text,
        teamId: body.teamId ? Number(body.teamId) : null,
      })
      .returning(),
  );
  return cannedToJson(row);
}

export async function updateCanned(
  ctx: HubContext,
  accountId: number,
  id: number,
  body: CannedResponsePatch,
) {
  const mine = and(eq(cannedResponses.id, id), eq(cannedResponses.accountId, accountId));
  const [existing] = await ctx.db.select({ id: cannedResponses.id }).from(cannedResponses).where(mine);
  if (!existing) throw notFound('canned response');
  await checkTeam(ctx, accountId, body.teamId);
  if (body.shortcut !== undefined) await checkShortcut(ctx, accountId, body.shortcut, id);
  const patch: Partial<CannedRow> = { updatedAt: new Date() };
  if (body.shortcut !== undefined) patch.shortcut = body.shortcut;
  if (body.title !== undefined) patch.title = body.title;
  if (body.text !== undefined) patch.text = body.text;
  if (body.teamId !== undefined) patch.teamId = body.teamId === null ? null : Number(body.teamId);
  const [row] = await orTaken(body.shortcut, () =>
    ctx.db.update(cannedResponses).set(patch).where(mine).returning(),
  );
  return cannedToJson(row);
}

export async function deleteCanned(ctx: HubContext, accountId: number, id: number) {
  const [row] = await ctx.db
    .delete(cannedResponses)
    .where(and(eq(cannedResponses.id, id), eq(cannedResponses.accountId, accountId)))
    .returning();
  if (!row) throw notFound('canned response');
  return cannedToJson(row);
}
