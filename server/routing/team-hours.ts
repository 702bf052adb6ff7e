// Which calendar says whether a team is open: the team's own business hours, else the account's (most
// teams of a contact centre share one), else none — always open, as before either existed.
import type { Team } from '#server/db/schema.ts';
import type { BusinessHours, RoutingSettings } from '#shared/routing.schema.ts';
import { teamSettingsOf } from './settings.ts';

export function hoursOfTeam(
  team: Pick<Team, 'settings'> | null | undefined,
  routing: Pick<RoutingSettings, 'businessHours'>,
): BusinessHours | null {
  return (team ? teamSettingsOf(team).businessHours : null) ?? routing.businessHours ?? null;
}
