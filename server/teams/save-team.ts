// Teams (queues) and their members. Membership changes move the members' live sockets into or out of
// the team's room at once, so nobody keeps seeing a team they left.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { HubContext } from '#server/context.ts';
import { type Team, teamMembers, teams, users } from '#server/db/schema.ts';
import { AppError, notFound } from '#server/errors.ts';
import { requestRouting } from '#server/routing/enqueue.ts';
import { teamSettingsOf } from '#server/routing/settings.ts';
import type { createTeamBody, updateTeamBody } from '#shared/api.schema.ts';
import type { TeamSettings } from '#shared/routing.schema.ts';

export function teamToJson(t: Team, memberIds: number[]) {
  return {
    id: String(t.id),
    name: t.name,
    strategy: t.strategy,
    memberIds: memberIds.map(String),
    settings: teamSettingsOf(t),
    createdAt: t.createdAt.toISOString(),
  };
}

async function checkMembers(ctx: HubContext, accountId: number, ids: number[]) {
  if (!ids.length) return;
  const found = await ctx.db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.accountId, accountId), inArray(users.id, ids)));
  if (found.length !== new Set(ids).size)
    throw new AppError('bad_request', 'memberIds names users outside this account');
}

/** Overflow and offline targets must be teams of the same account. */
async function checkTeamRefs(ctx: HubContext, accountId: number, settings: TeamSettings) {
  const ids = [settings.overflow?.teamId, settings.offlineTeamId]
    .filter((v): v is string => Boolean(v))
    .map(Number);
  if (!ids.length) return;
  const found = await ctx.db
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.accountId, accountId), inArray(teams.id, ids)));
  if (found.length !== new Set(ids).size) {
    throw new AppError('bad_request', 'settings name a team (overflow or offline) outside this account');
  }
}

export async function membersOf(ctx: HubContext, teamId: number): Promise<number[]> {
  const rows = await ctx.db
    .select({ userId: teamMembers.userId })
    .from(teamMembers)
    .where(eq(teamMembers.teamId, teamId))
    .orderBy(asc(teamMembers.userId));
  return rows.map((r) => r.userId);
}

export async function createTeam(ctx: HubContext, accountId: number, body: z.infer<typeof createTeamBody>) {
  const memberIds = [...new Set(body.memberIds.map(Number))];
  await checkMembers(ctx, accountId, memberIds);
  if (body.settings) await checkTeamRefs(ctx, accountId, body.settings);
  const team = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(teams)
      .values({ accountId, name: body.name, strategy: body.strategy, settings: body.settings ?? {} })
      .returning();
    if (memberIds.length) {
      await tx.insert(teamMembers).values(memberIds.map((userId) => ({ accountId, teamId: row.id, userId })));
    }
    return row;
  });
  for (const userId of memberIds) ctx.publisher.syncTeams(userId, [team.id], []);
  return teamToJson(team, memberIds);
}

export async function updateTeam(
  ctx: HubContext,
  accountId: number,
  id: number,
  body: z.infer<typeof updateTeamBody>,
) {
  const [existing] = await ctx.db
    .select()
    .from(teams)
    .where(and(eq(teams.id, id), eq(teams.accountId, accountId)));
  if (!existing) throw notFound('team');
  const before = await membersOf(ctx, id);
  const memberIds = body.memberIds ? [...new Set(body.memberIds.map(Number))] : before;
  await checkMembers(ctx, accountId, memberIds);
  const team = await ctx.db.transaction(async (tx) => {
    const patch: Partial<Team> = {};
    if (body.name !== undefined) patch.name = body.name;
    if (body.strategy !== undefined) patch.strategy = body.strategy;
    if (body.settings !== undefined) patch.settings = body.settings;
    const [row] = Object.keys(patch).length
      ? await tx.update(teams).set(patch).where(eq(teams.id, id)).returning()
      : [existing];
    if (body.memberIds) {
      await tx.delete(teamMembers).where(eq(teamMembers.teamId, id));
      if (memberIds.length) {
        await tx.insert(teamMembers).values(memberIds.map((userId) => ({ accountId, teamId: id, userId })));
      }
    }
    return row;
  });
  // New members or new settings: the queue may move now.
  await requestRouting(ctx, null, accountId);
  ctx.queue.wake('route');
  for (const userId of memberIds) if (!before.includes(userId)) ctx.publisher.syncTeams(userId, [id], []);
  for (const userId of before) if (!memberIds.includes(userId)) ctx.publisher.syncTeams(userId, [], [id]);
  return teamToJson(team, memberIds);
}
