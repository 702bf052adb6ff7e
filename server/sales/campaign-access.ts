// Who may see and work a campaign: admins and supervisors all of them; an advisor (agent) those of their
// teams, or with no team; the Virtual Channels officer reads them all (the hand-over queue names them).
// A campaign the caller may not see does not exist for them (404), as conversations do.
import { and, eq } from 'drizzle-orm';
import type { Auth } from '#server/auth/auth.ts';
import type { HubContext } from '#server/context.ts';
import type { Db, Tx } from '#server/db/client.ts';
import { type Campaign, campaigns } from '#server/db/sales-schema.ts';
import { AppError } from '#server/errors.ts';

export const campaignKeepers = ['admin', 'supervisor'] as const;
export const advisorRoles = ['admin', 'supervisor', 'agent'] as const;
export const campaignReaders = [...advisorRoles, 'back_office'] as const;

export const keepsCampaigns = (auth: Auth) => (campaignKeepers as readonly string[]).includes(auth.user.role);

export function maySee(auth: Auth, c: Campaign): boolean {
  if (auth.user.role === 'agent') return c.teamId === null || auth.teamIds.includes(c.teamId);
  return (campaignReaders as readonly string[]).includes(auth.user.role);
}

export async function loadCampaign(
  ctx: HubContext,
  auth: Auth,
  id: number,
  tx: Db | Tx = ctx.db,
): Promise<Campaign> {
  const [c] = await tx
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.id, id), eq(campaigns.accountId, auth.accountId)));
  if (!c || !maySee(auth, c)) throw new AppError('not_found', `no campaign ${id}`);
  return c;
}
