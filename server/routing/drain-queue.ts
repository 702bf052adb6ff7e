// The assignment engine: hands waiting conversations of an account to online agents with free capacity,
// by priority then age, with each team's strategy. One transaction per drain holds an advisory lock per
// account, and every load is counted from the database inside it — so decisions racing on several hub
// nodes, or 100 conversations arriving at once, can never push an agent over capacity.
import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { priorityRank } from '#server/conversations/queue-order.ts';
import { rowsOf, type Tx } from '#server/db/client.ts';
import {
  type Conversation,
  conversationEvents,
  conversations,
  inboxes,
  type Team,
  teamMembers,
  teams,
  type User,
  users,
} from '#server/db/schema.ts';
import type { ChannelKind } from '#shared/channels.ts';
import type { RoutingSettings } from '#shared/routing.schema.ts';
import { availableToAnswer } from './available.ts';
import { capacityFor, loadRoutingSettings, teamSettingsOf } from './settings.ts';

/** At most this many conversations are decided per drain; the next drain (already queued) takes the rest. */
const BATCH = 1000;

export type Assigned = { conversation: Conversation; channel: ChannelKind; team: Team };

type Candidate = {
  user: Pick<User, 'id' | 'capacity' | 'skills' | 'lastAssignedAt'>;
  load: Map<string, number>;
  total: number;
  last: number;
};

export const routingLock = (tx: Tx, accountId: number) =>
  tx.execute(sql`select pg_advisory_xact_lock(hashtext('routing'), ${accountId})`);

/** The open conversations per agent and channel, counted now (not a running total). */
export async function loadsOf(tx: Tx, accountId: number, userIds: number[]) {
  const loads = new Map<number, Map<string, number>>();
  if (!userIds.length) return loads;
  const rows = await tx
    .select({ userId: conversations.assigneeId, channel: inboxes.channel, n: sql<number>`count(*)::int` })
    .from(conversations)
    .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
    .where(
      and(
        eq(conversations.accountId, accountId),
        eq(conversations.status, 'open'),
        inArray(conversations.assigneeId, userIds),
      ),
    )
    .groupBy(conversations.assigneeId, inboxes.channel);
  for (const r of rows) {
    const m = loads.get(r.userId!) ?? new Map<string, number>();
    m.set(r.channel, Number(r.n));
    loads.set(r.userId!, m);
  }
  return loads;
}

/** Whether an agent may take one more conversation of the channel. */
export function hasRoom(
  c: { user: Pick<User, 'capacity' | 'skills'>; load: Map<string, number> },
  channel: string,
  settings: RoutingSettings,
): boolean {
  const channels = c.user.skills.channels;
  if (channels?.length && !channels.includes(channel)) return false;
  return (c.load.get(channel) ?? 0) < capacityFor(c.user, channel, settings);
}

export async function drainQueue(ctx: HubContext, accountId: number): Promise<Assigned[]> {
  return ctx.db.transaction(async (tx) => {
    await routingLock(tx, accountId);
    const waiting = await tx
      .select({ conversation: conversations, channel: inboxes.channel, team: teams })
      .from(conversations)
      .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
      .innerJoin(teams, eq(teams.id, conversations.teamId))
      .where(
        and(
          eq(conversations.accountId, accountId),
          eq(conversations.status, 'open'),
          isNull(conversations.assigneeId),
          ne(teams.strategy, 'manual'),
        ),
      )
      .orderBy(priorityRank, asc(conversations.queuedAt), asc(conversations.id))
      .limit(BATCH);
    if (!waiting.length) return [];

    const teamIds = [...new Set(waiting.map((w) => w.team.id))];
    const online = await tx
      .select({
        id: users.id,
        capacity: users.capacity,
        skills: users.skills,
        lastAssignedAt: users.lastAssignedAt,
        teamId: teamMembers.teamId,
      })
      .from(users)
      .innerJoin(teamMembers, eq(teamMembers.userId, users.id))
      .where(and(eq(users.accountId, accountId), availableToAnswer(), inArray(teamMembers.teamId, teamIds)));
    if (!online.length) return [];

    const settings = await loadRoutingSettings(tx, accountId);
    const loads = await loadsOf(tx, accountId, [...new Set(online.map((o) => o.id))]);
    const candidates = new Map<number, Candidate>();
    const byTeam = new Map<number, Candidate[]>();
    for (const o of online) {
      let c = candidates.get(o.id);
      if (!c) {
        const load = loads.get(o.id) ?? new Map<string, number>();
        c = {
          user: o,
          load,
          total: [...load.values()].reduce((a, b) => a + b, 0),
          last: o.lastAssignedAt?.getTime() ?? 0,
        };
        candidates.set(o.id, c);
      }
      byTeam.set(o.teamId, [...(byTeam.get(o.teamId) ?? []), c]);
    }

    const now = ctx.clock.now();
    let tick = 0;
    const decided: { w: (typeof waiting)[number]; agent: Candidate }[] = [];
    for (const w of waiting) {
      const agent = pick(w.conversation, w.channel, w.team, byTeam.get(w.team.id) ?? [], settings);
      if (!agent) continue;
      agent.load.set(w.channel, (agent.load.get(w.channel) ?? 0) + 1);
      agent.total += 1;
      // Later in this drain than any earlier pick, so rotation moves on within one batch too.
      agent.last = now.getTime() + ++tick;
      decided.push({ w, agent });
    }
    if (!decided.length) return [];
    return commitAssignments(ctx, tx, decided, now);
  });
}

function pick(
  conversation: Conversation,
  channel: string,
  team: Team,
  members: Candidate[],
  settings: RoutingSettings,
): Candidate | null {
  let pool = members.filter((m) => hasRoom(m, channel, settings));
  // Agents who let this conversation time out get it back only when nobody else can take it.
  const skipped = (conversation.meta as { rerouteFrom?: number[] }).rerouteFrom ?? [];
  const fresh = pool.filter((m) => !skipped.includes(m.user.id));
  if (fresh.length) pool = fresh;
  // Someone who speaks the customer's language, if anyone can take it now.
  const language = conversation.language?.slice(0, 2).toLowerCase();
  if (language) {
    const speakers = pool.filter((m) =>
      m.user.skills.languages?.some((l) => l.slice(0, 2).toLowerCase() === language),
    );
    if (speakers.length) pool = speakers;
  }
  if (!pool.length) return null;
  const byRotation = (a: Candidate, b: Candidate) => a.last - b.last || a.user.id - b.user.id;
  if (team.strategy === 'rotation') return pool.sort(byRotation)[0];
  return pool.sort((a, b) => a.total - b.total || byRotation(a, b))[0];
}

async function commitAssignments(
  ctx: HubContext,
  tx: Tx,
  decided: { w: { conversation: Conversation; channel: string; team: Team }; agent: Candidate }[],
  now: Date,
): Promise<Assigned[]> {
  const ids = decided.map((d) => d.w.conversation.id);
  const agents = decided.map((d) => d.agent.user.id);
  const updated = await tx.execute<{ id: string }>(sql`
    update conversations c set assignee_id = v.a, assigned_at = ${now}, updated_at = ${now}
    from (select unnest(${sql.raw(`'{${ids.join(',')}}'::bigint[]`)}) as id,
                 unnest(${sql.raw(`'{${agents.join(',')}}'::bigint[]`)}) as a) v
    where c.id = v.id and c.assignee_id is null and c.status = 'open'
    returning c.id`);
  const done = new Set(rowsOf<{ id: string }>(updated).map((r) => Number(r.id)));
  const kept = decided.filter((d) => done.has(d.w.conversation.id));
  if (!kept.length) return [];
  const lastByAgent = new Map<number, number>();
  for (const d of kept) lastByAgent.set(d.agent.user.id, d.agent.last);
  const userIds = [...lastByAgent.keys()];
  await tx.execute(sql`
    update users u set last_assigned_at = to_timestamp(v.t / 1000.0)
    from (select unnest(${sql.raw(`'{${userIds.join(',')}}'::bigint[]`)}) as id,
                 unnest(${sql.raw(`'{${userIds.map((u) => lastByAgent.get(u)).join(',')}}'::bigint[]`)}) as t) v
    where u.id = v.id`);
  await tx.insert(conversationEvents).values(
    kept.map((d) => ({
      accountId: d.w.conversation.accountId,
      conversationId: d.w.conversation.id,
      type: 'conversation.assigned',
      actorType: 'system' as const,
      data: {
        assigneeId: String(d.agent.user.id),
        teamId: String(d.w.team.id),
        by: 'routing',
        strategy: d.w.team.strategy,
        waitedMs: d.w.conversation.queuedAt ? now.getTime() - d.w.conversation.queuedAt.getTime() : null,
      },
    })),
  );
  const rows = await tx
    .select()
    .from(conversations)
    .where(inArray(conversations.id, [...done]));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const result: Assigned[] = [];
  for (const d of kept) {
    const conversation = byId.get(d.w.conversation.id)!;
    const channel = d.w.channel as ChannelKind;
    const reroute = teamSettingsOf(d.w.team).rerouteAfterSeconds;
    if (reroute) {
      await ctx.timers.schedule(tx, {
        kind: 'routing.reroute',
        conversationId: conversation.id,
        assigneeId: d.agent.user.id,
        assignedAt: now.toISOString(),
        dueAt: new Date(now.getTime() + reroute * 1000).toISOString(),
      });
    }
    await ctx.events.emit(tx, 'conversation.assigned', { channel, conversation, by: 'routing' });
    result.push({ conversation, channel, team: d.w.team });
  }
  return result;
}
