// A supervisor creates a campaign (name, products and promotions offered, team, dates) and changes it
// later, pausing or closing it: a paused or closed campaign offers no "next customer".
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Auth } from '#server/auth/auth.ts';
import type { HubContext } from '#server/context.ts';
import { type Campaign, campaigns } from '#server/db/sales-schema.ts';
import { inboxes, teams } from '#server/db/schema.ts';
import { AppError } from '#server/errors.ts';
import { capabilitiesOf, definitionOf } from '#server/inboxes/channel-facts.ts';
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

type DocumentsFields = Pick<CampaignPatch, 'documentsInboxId' | 'documentsTemplate' | 'fallbackInboxId'>;

/** The documents are asked for on WhatsApp (the Cloud API only with an approved template) or by e-mail. */
async function checkDocumentsInboxes(
  ctx: HubContext,
  accountId: number,
  b: DocumentsFields,
  before?: Campaign,
) {
  const kindOf = async (id: string | null | undefined, field: string) => {
    if (!id) return null;
    const [row] = await ctx.db
      .select({ channel: inboxes.channel })
      .from(inboxes)
      .where(and(eq(inboxes.id, Number(id)), eq(inboxes.accountId, accountId)));
    if (!row) throw new AppError('validation_failed', `no inbox ${id}`, { details: { field } });
    return row.channel;
  };
  const wa = await kindOf(b.documentsInboxId, 'documentsInboxId');
  if (wa && !definitionOf(wa)?.phoneAddress) {
    throw new AppError(
      'validation_failed',
      'the documents are asked for on an inbox that writes to phone numbers (WhatsApp)',
      {
        details: { field: 'documentsInboxId' },
      },
    );
  }
  const template = b.documentsTemplate === undefined ? before?.documentsTemplate : b.documentsTemplate;
  // A channel with templates writes first only with an approved one (the WhatsApp Cloud API).
  if (wa && capabilitiesOf(wa).templates && !template) {
    throw new AppError(
      'validation_failed',
      'this inbox writes first only with an approved template: name one in documentsTemplate',
      {
        details: { field: 'documentsTemplate' },
      },
    );
  }
  const mail = await kindOf(b.fallbackInboxId, 'fallbackInboxId');
  if (mail && !definitionOf(mail)?.mailAddress) {
    throw new AppError('validation_failed', 'the fallback is an e-mail inbox', {
      details: { field: 'fallbackInboxId' },
    });
  }
}

const str = (n: number | null) => (n === null ? null : String(n));

const uniqueName = (err: unknown) =>
  (err as { code?: string; cause?: { code?: string } }).code === '23505' ||
  (err as { cause?: { code?: string } }).cause?.code === '23505';

export async function createCampaign(
  ctx: HubContext,
  auth: Auth,
  body: z.output<typeof campaignBody>,
): Promise<Campaign> {
  await checkTeam(ctx, auth.accountId, body.teamId);
  await checkDocumentsInboxes(ctx, auth.accountId, body);
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
        documentsInboxId: body.documentsInboxId ? Number(body.documentsInboxId) : null,
        documentsTemplate: body.documentsTemplate ?? null,
        fallbackInboxId: body.fallbackInboxId ? Number(body.fallbackInboxId) : null,
        documentsText: body.documentsText ?? null,
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
  await checkDocumentsInboxes(
    ctx,
    auth.accountId,
    {
      ...patch,
      documentsInboxId:
        patch.documentsInboxId === undefined ? str(before.documentsInboxId) : patch.documentsInboxId,
    },
    before,
  );
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
        ...(patch.documentsInboxId !== undefined
          ? { documentsInboxId: patch.documentsInboxId ? Number(patch.documentsInboxId) : null }
          : {}),
        ...(patch.documentsTemplate !== undefined ? { documentsTemplate: patch.documentsTemplate } : {}),
        ...(patch.fallbackInboxId !== undefined
          ? { fallbackInboxId: patch.fallbackInboxId ? Number(patch.fallbackInboxId) : null }
          : {}),
        ...(patch.documentsText !== undefined ? { documentsText: patch.documentsText } : {}),
      })
      .where(eq(campaigns.id, id))
      .returning();
    return row;
  } catch (err) {
    if (uniqueName(err)) throw new AppError('conflict', `a campaign is already called "${patch.name}"`);
    throw err;
  }
}
