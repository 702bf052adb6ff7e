// The supervisors' live floor: one snapshot of the account right now. The queues and agents are the
// routing engine's own view (routing/queues-view.ts); the service level is the service-level report's
// (service-level.report.ts, definitions.ts) over today in the account's time zone, so the floor and the
// report show the same number; the breaches are the events the service-level timers recorded today. The
// hub pushes a fresh one to watching supervisors on every change (floor-watch.ts); GET /floor answers it.
import { and, count, desc, eq, gte, lt } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { conversationEvents, conversations, inboxes } from '#server/db/schema.ts';
import { listQueues } from '#server/routing/queues-view.ts';
import { loadRoutingSettings } from '#server/routing/settings.ts';
import { localTime } from '#shared/business-hours.ts';
import type { FloorJson, FloorServiceLevelJson } from '#shared/floor.schema.ts';
import { assigneeRoles } from '#shared/permissions.ts';
import { percent } from './definitions.ts';
import { etaNote, queueEtaSeconds } from './floor-eta.ts';
import { contactIdRange, localMidnight, nextDay, type ReportFrame } from './frame.ts';
import { serviceLevelGroups } from './service-level.report.ts';

const BREACHES_SHOWN = 20;

export async function liveFloor(ctx: HubContext, accountId: number): Promise<FloorJson> {
  const now = ctx.clock.now();
  const settings = await loadRoutingSettings(ctx.db, accountId);
  const timeZone = settings.businessHours?.timezone ?? 'UTC';
  const date = localTime(now, timeZone).date;
  const day = { from: localMidnight(date, timeZone), to: localMidnight(nextDay(date), timeZone) };
  const today = { from: day.from.toISOString(), to: day.to.toISOString() };
  const contactIds = await contactIdRange(ctx.db, accountId, day.from, day.to);
  // Today as the report reads it, for the account or one team.
  const frame = (teamId?: number): ReportFrame => ({
    accountId,
    from: date,
    to: date,
    timeZone,
    startsAt: day.from,
    endsAt: day.to,
    days: [date],
    filters: { teamId },
    settings,
    now,
    contactIds,
  });
  const serviceLevel = async (teamId?: number) => summarise(await serviceLevelGroups(ctx.db, frame(teamId)));
  const queues = await listQueues(ctx, accountId);
  // Load per channel the account has an inbox of (every channel has a default capacity).
  const kinds = new Set(
    (
      await ctx.db
        .selectDistinct({ channel: inboxes.channel })
        .from(inboxes)
        .where(eq(inboxes.accountId, accountId))
    ).map((r) => r.channel),
  );
  // Who answers customers: agents, and the admins and supervisors who are in a team.
  const agents = queues.agents.filter(
    (a) =>
      (assigneeRoles as readonly string[]).includes(a.role) && (a.role === 'agent' || a.teamIds.length > 0),
  );
  const teams = [];
  for (const q of queues.teams) {
    const id = q.id === '' ? null : Number(q.id);
    // The pool shows only while someone waits in it.
    if (id === null && q.waiting === 0) continue;
    const members = agents.filter((a) => id !== null && a.teamIds.includes(q.id));
    teams.push({
      id: id === null ? null : q.id,
      name: id === null ? null : q.name,
      waiting: q.waiting,
      waitingByChannel: q.waitingByChannel,
      oldestQueuedAt: q.oldestQueuedAt,
      longestWaitSeconds: q.longestWaitSeconds,
      etaSeconds: await queueEtaSeconds(ctx, { id, waitingByChannel: q.waitingByChannel }, members, now),
      online: q.online,
      // Conversations in no team are no team's: the report has no filter for them.
      serviceLevel: id === null ? null : await serviceLevel(id),
      agentIds: members.map((m) => m.id),
    });
  }
  return {
    at: now.toISOString(),
    timeZone,
    day: { date, ...today },
    serviceLevel: await serviceLevel(),
    teams,
    agents: agents.map((a) => ({
      id: a.id,
      name: a.name,
      role: a.role,
      teamIds: a.teamIds,
      presence: a.presence,
      load: Object.entries(a.capacity)
        .map(([channel, capacity]) => ({ channel, capacity, open: Number(a.open[channel] ?? 0) }))
        .filter((l) => l.open > 0 || (kinds.has(l.channel) && l.capacity > 0)),
    })),
    ...(await breachesOf(ctx, accountId, day)),
    etaNote,
  };
}

type Groups = Awaited<ReturnType<typeof serviceLevelGroups>>;

/** The report's totals and its by-channel rows (grouping(x) is 0 in the rows grouped by x). */
function summarise(groups: Groups): FloorServiceLevelJson {
  const all = groups.find((g) => [g.g_channel, g.g_day, g.g_hour, g.g_month].every((x) => Number(x) === 1));
  return {
    percent: percent(Number(all?.within ?? 0), Number(all?.targeted ?? 0)),
    registered: Number(all?.registered ?? 0),
    answeredWithinTarget: Number(all?.within ?? 0),
    channels: groups
      .filter((g) => Number(g.g_channel) === 0)
      .sort((a, b) => Number(b.registered) - Number(a.registered))
      .map((g) => {
        const target = g.target === null ? null : Number(g.target);
        return {
          channel: String(g.channel),
          targetSeconds: target,
          registered: Number(g.registered),
          answeredWithinTarget: target === null ? null : Number(g.within),
          percent: percent(Number(g.within), Number(g.targeted)),
        };
      }),
  };
}

async function breachesOf(ctx: HubContext, accountId: number, day: { from: Date; to: Date }) {
  const today = and(
    eq(conversationEvents.accountId, accountId),
    eq(conversationEvents.type, 'sla.breached'),
    gte(conversationEvents.createdAt, day.from),
    lt(conversationEvents.createdAt, day.to),
  );
  const rows = await ctx.db
    .select({ event: conversationEvents, teamId: conversations.teamId })
    .from(conversationEvents)
    .innerJoin(conversations, eq(conversations.id, conversationEvents.conversationId))
    .where(today)
    .orderBy(desc(conversationEvents.id))
    .limit(BREACHES_SHOWN);
  const [total] = await ctx.db.select({ n: count() }).from(conversationEvents).where(today);
  return {
    breaches: rows.map(({ event, teamId }) => ({
      id: String(event.id),
      conversationId: String(event.conversationId),
      teamId: teamId === null ? null : String(teamId),
      kind: String(event.data.target ?? 'unknown'),
      targetSeconds: typeof event.data.targetSeconds === 'number' ? event.data.targetSeconds : null,
      at: event.createdAt.toISOString(),
    })),
    breachesToday: Number(total?.n ?? 0),
  };
}
