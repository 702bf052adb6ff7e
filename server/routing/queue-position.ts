// A waiting conversation's place in its team's queue (priority, then age — the order the router takes
// them in) and an estimated wait from the team's recent handling times and who is online to take it.
import { and, desc, eq, gt, inArray, isNotNull, sql } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { queuePositions, waitingWhere } from '#server/conversations/queue-order.ts';
import type { Db } from '#server/db/client.ts';
import { contactIdentities, conversations, inboxes, teamMembers, users } from '#server/db/schema.ts';
import { kindsWhere } from '#server/inboxes/channel-facts.ts';
import { availableToAnswer } from './available.ts';
import { capacityFor, loadRoutingSettings } from './settings.ts';

/** Seconds an agent of the team took per conversation lately (assignment to resolution), or null. */
export async function handlingSeconds(db: Db, teamId: number, now: Date): Promise<number | null> {
  const recent = await db
    .select({
      s: sql<number>`extract(epoch from (${conversations.resolvedAt} - ${conversations.assignedAt}))`,
    })
    .from(conversations)
    .where(
      and(
        eq(conversations.teamId, teamId),
        isNotNull(conversations.assignedAt),
        gt(conversations.resolvedAt, new Date(now.getTime() - 7 * 86_400_000)),
      ),
    )
    .orderBy(desc(conversations.resolvedAt))
    .limit(50);
  const values = recent.map((r) => Number(r.s)).filter((s) => s > 0);
  if (!values.length) return null;
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** Tells every waiting customer connected to the hub itself (web chat) their place and estimated wait. */
export async function pushQueuePositions(ctx: HubContext, accountId: number): Promise<void> {
  const waiting = await ctx.db
    .select({
      id: conversations.id,
      teamId: conversations.teamId,
      inboxId: conversations.inboxId,
      channel: inboxes.channel,
      visitor: contactIdentities.externalId,
    })
    .from(conversations)
    .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
    .leftJoin(contactIdentities, eq(contactIdentities.id, conversations.contactIdentityId))
    .where(
      and(
        waitingWhere(accountId),
        inArray(
          inboxes.channel,
          kindsWhere((d) => d.capabilities.live),
        ),
      ),
    )
    .limit(500);
  if (!waiting.length) return;
  const positions = await queuePositions(
    ctx.db,
    accountId,
    waiting.map((w) => w.id),
  );
  const settings = await loadRoutingSettings(ctx.db, accountId);
  const now = ctx.clock.now();
  // Seconds per place, per team and channel: the team's recent handling time over the places its online
  // agents have for that channel.
  const eta = new Map<string, number | null>();
  for (const key of new Set(waiting.map((w) => `${w.teamId}:${w.channel}`))) {
    const [teamId, channel] = [Number(key.slice(0, key.indexOf(':'))), key.slice(key.indexOf(':') + 1)];
    const online = await ctx.db
      .select({ capacity: users.capacity })
      .from(users)
      .innerJoin(teamMembers, eq(teamMembers.userId, users.id))
      .where(and(eq(teamMembers.teamId, teamId), availableToAnswer()));
    const slots = online.reduce((n, u) => n + capacityFor(u, channel, settings), 0);
    const handling = await handlingSeconds(ctx.db, teamId, now);
    eta.set(key, slots > 0 && handling !== null ? handling / slots : null);
  }
  for (const w of waiting) {
    const position = positions.get(w.id);
    if (!position) continue;
    const perPlace = eta.get(`${w.teamId}:${w.channel}`) ?? null;
    ctx.widget.queuePosition(
      { conversationId: w.id, inboxId: w.inboxId, visitorExternalId: w.visitor },
      {
        position,
        etaSeconds: perPlace === null ? null : Math.max(1, Math.round(perPlace * position)),
      },
    );
  }
}
