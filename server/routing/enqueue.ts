// Putting a conversation into a queue, inside the transaction that makes it wait: routing rules for a new
// one, the team's offline path when it is closed or nobody is online, its place (queuedAt), the overflow
// timer, and a durable routing job that commits with it. Nothing is left without an owner or a queue.
import { and, eq, sql } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import type { Tx } from '#server/db/client.ts';
import { type Conversation, conversations, type Team, teamMembers, teams, users } from '#server/db/schema.ts';
import { recordEvent } from '#server/events/record-event.ts';
import { jobNames } from '#server/queue/queue.ts';
import { availableToAnswer } from './available.ts';
import { isOpen } from './business-hours.ts';
import { loadRoutingSettings, teamSettingsOf } from './settings.ts';
import { hoursOfTeam } from './team-hours.ts';

export type RouteJob = { accountId: number };

/** A durable request to run the assignment engine for an account (after the caller's commit). */
export async function requestRouting(ctx: HubContext, tx: Tx | null, accountId: number): Promise<void> {
  const job: RouteJob = { accountId };
  await ctx.queue.send(jobNames.route, job, { singletonKey: `account:${accountId}`, tx });
}

async function hasOnlineMember(tx: Tx, teamId: number): Promise<boolean> {
  const [row] = await tx
    .select({ id: users.id })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(and(eq(teamMembers.teamId, teamId), availableToAnswer()))
    .limit(1);
  return Boolean(row);
}

/**
 * Queues `conversation` in `teamId` (or its offline path). Keeps an earlier queuedAt, so a conversation
 * sent back to the queue keeps its age; `fresh` starts the wait now (a transfer to another team).
 */
export async function queueInTx(
  ctx: HubContext,
  tx: Tx,
  conversation: Conversation,
  teamId: number | null,
  opts: { priority?: Conversation['priority']; fresh?: boolean; reason: string },
): Promise<Conversation> {
  const now = ctx.clock.now();
  let team: Team | undefined;
  if (teamId !== null) [team] = await tx.select().from(teams).where(eq(teams.id, teamId));
  let offline = false;
  if (team) {
    const settings = teamSettingsOf(team);
    const hours = hoursOfTeam(team, await loadRoutingSettings(tx, team.accountId));
    const closed = !isOpen(hours, now) || !(await hasOnlineMember(tx, team.id));
    if (closed && settings.offlineTeamId && Number(settings.offlineTeamId) !== team.id) {
      const [alt] = await tx
        .select()
        .from(teams)
        .where(and(eq(teams.id, Number(settings.offlineTeamId)), eq(teams.accountId, team.accountId)));
      if (alt) {
        offline = true;
        team = alt;
      }
    }
  }
  const [row] = await tx
    .update(conversations)
    .set({
      teamId: team?.id ?? null,
      ...(opts.priority ? { priority: opts.priority } : {}),
      queuedAt: opts.fresh ? now : sql`coalesce(${conversations.queuedAt}, ${now})`,
      updatedAt: now,
    })
    .where(eq(conversations.id, conversation.id))
    .returning();
  if (offline) {
    await recordEvent(tx, row, 'conversation.offline_path', {
      teamId: String(team!.id),
      reason: 'closed_or_nobody_online',
    });
  }
  if (team) {
    const overflow = teamSettingsOf(team).overflow;
    if (overflow) {
      await ctx.timers.schedule(tx, {
        kind: 'routing.overflow',
        conversationId: row.id,
        fromTeamId: team.id,
        dueAt: new Date(now.getTime() + overflow.afterSeconds * 1000).toISOString(),
      });
    }
    await requestRouting(ctx, tx, row.accountId);
  }
  return row;
}
