// The account's routing settings (accounts.settings.routing) and a team's (teams.settings), read with
// their defaults. Stored values were validated when saved; a key an older version wrote is ignored.
import { eq } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import type { Db } from '#server/db/client.ts';
import { accounts, type Team } from '#server/db/schema.ts';
import { channelDefinitions } from '#server/inboxes/channel-facts.ts';
import type { ChannelKind } from '#shared/channels.ts';
import {
  defaultRoutingSettings,
  type RoutingSettings,
  routingSettingsSchema,
  type SlaTarget,
  type TeamSettings,
  teamSettingsSchema,
} from '#shared/routing.schema.ts';

/** Each channel's own service-level target and capacity, before an account sets its own. */
const channelDefaults = () => {
  const sla: RoutingSettings['sla'] = {};
  const defaultCapacity: RoutingSettings['defaultCapacity'] = {};
  for (const d of channelDefinitions()) {
    if (d.service.sla) sla[d.kind] = d.service.sla;
    defaultCapacity[d.kind] = d.service.capacity;
  }
  return { sla, defaultCapacity };
};

export function routingSettingsOf(accountSettings: Record<string, unknown>): RoutingSettings {
  const stored = routingSettingsSchema.partial().safeParse(accountSettings.routing ?? {});
  const value = stored.success ? stored.data : {};
  const defaults = channelDefaults();
  return {
    ...defaultRoutingSettings,
    ...value,
    sla: { ...defaults.sla, ...(value.sla ?? {}) },
    defaultCapacity: { ...defaults.defaultCapacity, ...(value.defaultCapacity ?? {}) },
  };
}

export async function loadRoutingSettings(db: Db, accountId: number): Promise<RoutingSettings> {
  const [row] = await db
    .select({ settings: accounts.settings })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  return routingSettingsOf(row?.settings ?? {});
}

/** The account's settings as the console reads them: every agent, for the auxiliary reasons and targets. */
export async function readRoutingSettings(ctx: HubContext, accountId: number): Promise<RoutingSettings> {
  return loadRoutingSettings(ctx.db, accountId);
}

export function teamSettingsOf(team: Pick<Team, 'settings'>): TeamSettings {
  const raw = team.settings ?? {};
  const parsed = teamSettingsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  // Keep every key that is valid on its own: hours saved before a check existed (an overlap) must not
  // take the overflow and offline path with them.
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(teamSettingsSchema.shape)) {
    const one = schema.safeParse(raw[key]);
    if (one.success && one.data !== undefined) out[key] = one.data;
  }
  return out as TeamSettings;
}

export function slaTargetOf(settings: RoutingSettings, channel: ChannelKind): SlaTarget {
  return settings.sla[channel] ?? {};
}

/** An agent's capacity for a channel: their own, else the account's default for it. */
export function capacityFor(
  user: { capacity: Record<string, number> },
  channel: string,
  settings: RoutingSettings,
): number {
  const own = user.capacity[channel];
  if (typeof own === 'number') return own;
  return settings.defaultCapacity[channel as ChannelKind] ?? 0;
}
