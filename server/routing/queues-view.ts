// The floor at a glance, for supervisors: per team how many wait and for how long, who is online; per
// agent their presence and open conversations per channel against their capacity.
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { conversations, inboxes, teamMembers, teams, users } from '#server/db/schema.ts';
import { channelKinds } from '#shared/channels.ts';
import { loadsOf } from './drain-queue.ts';
import { presenceJson } from './presence.ts';
import { capacityFor, loadRoutingSettings } from './settings.ts';

export async function listQueues(ctx: HubContext, accountId: number) {
  const now = ctx.clock.now();
  const settings = await loadRoutingSettings(ctx.db, accountId);
  const people = await ctx.db
    .select()
    .from(users)
    .where(and(eq(users.accountId, accountId), eq(users.disabled, false)))
    .orderBy(asc(users.id));
  const members = await ctx.db.select().from(teamMembers).where(eq(teamMembers.accountId, accountId));
  const loads = await ctx.db.transaction((tx) =>
    loadsOf(
      tx,
      accountId,
      people.map((p) => p.id),
    ),
  );
  // Per team and channel: the floor's queue estimate (server/reports/live-floor.ts) works per channel.
  const waiting = await ctx.db
    .select({
      teamId: conversations.teamId,
      channel: inboxes.channel,
      n: sql<number>`count(*)::int`,
      oldest: sql<string | null>`min(${conversations.queuedAt})`,
    })
    .from(conversations)
    .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
    .where(
      and(
        eq(conversations.accountId, accountId),
        eq(conversations.status, 'open'),
        isNull(conversations.assigneeId),
      ),
    )
    .groupBy(conversations.teamId, inboxes.channel);
  const teamRows = await ctx.db
    .select()
    .from(teams)
    .where(eq(teams.accountId, accountId))
    .orderBy(asc(teams.id));
  const agents = people.map((u) => {
    const load = loads.get(u.id) ?? new Map<string, number>();
    return {
      id: String(u.id),
      name: u.name,
      role: u.role,
      presence: presenceJson(u),
      open: Object.fromEntries(load),
      capacity: Object.fromEntries(channelKinds.map((c) => [c, capacityFor(u, c, settings)])),
      teamIds: members.filter((m) => m.userId === u.id).map((m) => String(m.teamId)),
    };
  });
  const waitOf = (teamId: number | null) => {
    const rows = waiting.filter((x) => x.teamId === teamId);
    const times = rows.flatMap((r) => (r.oldest ? [new Date(r.oldest).getTime()] : []));
    const oldest = times.length ? new Date(Math.min(...times)) : null;
    return {
      waiting: rows.reduce((n, r) => n + Number(r.n), 0),
      waitingByChannel: Object.fromEntries(rows.map((r) => [r.channel, Number(r.n)])),
      longestWaitSeconds: oldest ? Math.round((now.getTime() - oldest.getTime()) / 1000) : null,
      oldestQueuedAt: oldest?.toISOString() ?? null,
    };
  };
  const teamViews = teamRows.map((t) => {
    const ids = members.filter((m) => m.teamId === t.id).map((m) => m.userId);
    const inTeam = people.filter((p) => ids.includes(p.id));
    return {
      id: String(t.id),
      name: t.name,
      strategy: t.strategy,
      ...waitOf(t.id),
      online: inTeam.filter((p) => p.presence === 'online').length,
      away: inTeam.filter((p) => p.presence === 'away' || p.presence === 'auxiliary').length,
    };
  });
  // Conversations with no team wait in the account's pool.
  teamViews.push({
    id: '',
    name: 'Unassigned pool',
    strategy: 'manual',
    ...waitOf(null),
    online: 0,
    away: 0,
  });
  return { agents, teams: teamViews };
}
