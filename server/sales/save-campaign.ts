// A supervisor creates a campaign (name, products and promotions offered, team, dates) and changes it
// later, pausing or closing it: a paused or closed campaign offers no "next customer".
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Auth } from '#server/auth/auth.ts';
import type { HubContext } from '#server/context.ts';
import { type Campaign, campaigns } from '#server/db/sales-schema.ts';
import { teams } from '#server/db/schema.ts';
import { AppError } from '#server/errors.ts';
import type { CampaignPatch, campaignBody } from '#shared/sales.schema.ts';
import { loadCampaign } from './campaign-access.ts';

async function checkTeam(ctx: HubContext, accountId: number, teamId: string | null | undefined) {
  if (!teamId) return;
  const [t] = await ctx.db
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.id, Number(teamId)), eq(teams.accountId, accountId)));
  if (!t) throw new AppError('validation_failed', `no team ${teamId}`, { details: { field: 'teamId' } });
}

const uniqueName = (err: unknown) =>
  (err as { code?: string; cause?: { code?: string } }).code === '23505' ||
  (err as { cause?: { code?: string } }).cause?.code === '23505';

export async function createCampaign(
  ctx: HubContext,
  auth: Auth,
  body: z.output<typeof campaignBody>,
): Promise<Campaign> {
  await checkTeam(ctx, auth.accountId, body.teamId);
  try {
    const [row] = await ctx.db
      .insert(campaigns)
      .values({
        accountId: auth.accountId,
        name: body.name,
        description: body.description ?? null,
        products: body.products,
        promotions: body.promotions,
        teamId: body.teamId ? Number(body.teamId) : null,
        startsOn: body.startsOn ?? null,
        endsOn: body.endsOn ?? null,
        ...(body.maxAttempts ? { maxAttempts: body.maxAttempts } : {}),
        createdById: auth.user.id,
      })
      .returning();
    return row;
  } catch (err) {
    if (uniqueName(err)) throw new AppError('conflict', `a campaign is already called "${body.name}"`);
    throw err;
  }
}

export async function updateCampaign(
  ctx: HubContext,
  auth: Auth,
  id: number,
  patch: CampaignPatch,
): Promise<Campaign> {
  const before = await loadCampaign(ctx, auth, id);
  await checkTeam(ctx, auth.accountId, patch.teamId);
  const startsOn = patch.startsOn === undefined ? before.startsOn : patch.startsOn;
  const endsOn = patch.endsOn === undefined ? before.endsOn : patch.endsOn;
  if (startsOn && endsOn && startsOn > endsOn) {
    throw new AppError('validation_failed', 'the campaign ends before it starts', {
      details: { field: 'endsOn' },
    });
  }
  try {
    const [row] = await ctx.db
      .update(campaigns)
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(patch.products ? { products: patch.products } : {}),
        ...(patch.promotions ? { promotions: patch.promotions } : {}),
        ...(patch.teamId !== undefined ? { teamId: patch.teamId ? Number(patch.teamId) : null } : {}),
        startsOn,
        endsOn,
        ...(patch.maxAttempts ? { maxAttempts: patch.maxAttempts } : {}),
        ...(patch.status ? { status: patch.status } : {}),
      })
      .where(eq(campaigns.id, id))
      .returning();
    return row;
  } catch (err) {
    if (uniqueName(err)) throw new AppError('conflict', `a campaign is already called "${patch.name}"`);
    throw err;
  }
}
