// The floor's queue estimate, the same reckoning the widget tells a waiting visitor (queue-position.ts):
// a place in a channel frees up every (recent handling time ÷ the places the team's online agents have in
// that channel) seconds, so the last of `waiting` conversations is taken after waiting × that. A team's
// estimate is its slowest channel's. Unknown (null) when nobody online has a place in a channel that
// waits, or the team resolved nothing lately; a conversation in no team is not routed, so it has none.
import type { HubContext } from '#server/context.ts';
import { handlingSeconds } from '#server/routing/queue-position.ts';
import { assigneeRoles } from '#shared/permissions.ts';

export const etaNote =
  "Until the last waiting conversation is taken: waiting × the team's average handling time (assignment to " +
  'resolution, its last 50 resolved in 7 days) ÷ the places its online agents have in that channel; the ' +
  'slowest channel counts. Empty when nobody online can take them or nothing was resolved lately.';

type Member = {
  role: string;
  presence: { status: string };
  capacity: Record<string, number>;
};

export async function queueEtaSeconds(
  ctx: HubContext,
  team: { id: number | null; waitingByChannel: Record<string, number> },
  members: Member[],
  now: Date,
): Promise<number | null> {
  const channels = Object.entries(team.waitingByChannel).filter(([, n]) => n > 0);
  if (team.id === null || !channels.length) return null;
  const online = members.filter(
    (m) => m.presence.status === 'online' && (assigneeRoles as readonly string[]).includes(m.role),
  );
  const handling = await handlingSeconds(ctx.db, team.id, now);
  if (handling === null) return null;
  let eta = 0;
  for (const [channel, waiting] of channels) {
    const places = online.reduce((n, m) => n + (m.capacity[channel] ?? 0), 0);
    if (places <= 0) return null;
    eta = Math.max(eta, (waiting * handling) / places);
  }
  return Math.round(eta);
}
