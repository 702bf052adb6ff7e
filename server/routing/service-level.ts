// The service-level indicator of the 109 procedure: % of contacts answered within the target (20 s for
// chat) = answered within target / all registered × 100, per channel, over a period. Contacts never
// answered count against it. The first-response time is counted as first-response.ts defines it (not
// while the hub's own identification questions are asked). Also QP-14's unanswered contacts and the
// breaches recorded by the timers.
import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { conversationEvents, conversations, inboxes } from '#server/db/schema.ts';
import type { ChannelKind } from '#shared/channels.ts';
import { firstResponseSecondsSql } from './first-response.ts';
import { loadRoutingSettings, slaTargetOf } from './settings.ts';

export async function serviceLevel(
  ctx: HubContext,
  accountId: number,
  q: { from: string; to: string; channel?: ChannelKind; targetSeconds?: number },
) {
  const settings = await loadRoutingSettings(ctx.db, accountId);
  const from = new Date(q.from);
  const to = new Date(q.to);
  const rows = await ctx.db
    .select({
      channel: inboxes.channel,
      registered: sql<number>`count(*)::int`,
      // JSON, which both drivers hand back parsed (a numeric[] comes back as text from one of them).
      answeredSeconds: sql<
        number[]
      >`coalesce(json_agg(${firstResponseSecondsSql()}) filter (where ${conversations.firstAgentReplyAt} is not null), '[]'::json)`,
    })
    .from(conversations)
    .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
    .where(
      and(
        eq(conversations.accountId, accountId),
        gte(conversations.firstCustomerMessageAt, from),
        lt(conversations.firstCustomerMessageAt, to),
        q.channel ? eq(inboxes.channel, q.channel) : undefined,
      ),
    )
    .groupBy(inboxes.channel);
  const events = await ctx.db
    .select({ type: conversationEvents.type, n: sql<number>`count(*)::int` })
    .from(conversationEvents)
    .where(
      and(
        eq(conversationEvents.accountId, accountId),
        inArray(conversationEvents.type, ['sla.breached', 'conversation.unanswered']),
        gte(conversationEvents.createdAt, from),
        lt(conversationEvents.createdAt, to),
      ),
    )
    .groupBy(conversationEvents.type);
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    channels: rows.map((r) => {
      const target =
        q.targetSeconds ?? slaTargetOf(settings, r.channel as ChannelKind).firstResponseSeconds ?? null;
      const answered = (r.answeredSeconds ?? []).map(Number);
      const within = target === null ? null : answered.filter((s) => s <= target).length;
      return {
        channel: r.channel,
        targetSeconds: target,
        registered: r.registered,
        answered: answered.length,
        answeredWithinTarget: within,
        serviceLevelPercent:
          within === null || !r.registered ? null : Math.round((within / r.registered) * 10_000) / 100,
        averageFirstResponseSeconds: answered.length
          ? Math.round((answered.reduce((a, b) => a + b, 0) / answered.length) * 10) / 10
          : null,
      };
    }),
    breaches: Number(events.find((e) => e.type === 'sla.breached')?.n ?? 0),
    unanswered: Number(events.find((e) => e.type === 'conversation.unanswered')?.n ?? 0),
  };
}
