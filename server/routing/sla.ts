// Service-level timers: first response (chat 20 s by default, as in the 109 procedure), next response,
// resolution, and QP-14's "unanswered" threshold; the first-response and unanswered clocks start when
// first-response.ts says the conversation waits for a person. Each is a durable timer; when it fires and
// the reason still holds, the breach becomes an event (report data) and an alert to the agents who see
// the conversation. Business hours pause the clock where the team says so.
import { eq } from 'drizzle-orm';
import type { HubContext, TimerJob } from '#server/context.ts';
import type { Tx } from '#server/db/client.ts';
import { type Conversation, conversations, teams } from '#server/db/schema.ts';
import { recordEvent } from '#server/events/record-event.ts';
import type { ChannelKind } from '#shared/channels.ts';
import type { RoutingSettings } from '#shared/routing.schema.ts';
import { addBusinessSeconds } from './business-hours.ts';
import { loadRoutingSettings, slaTargetOf, teamSettingsOf } from './settings.ts';
import { hoursOfTeam } from './team-hours.ts';

export type SlaKind = 'first_response' | 'next_response' | 'resolution' | 'unanswered';

/** The calendar a conversation's clocks count in: its team's (or the account's) when the team says so. */
export async function slaHoursOf(tx: Tx, c: Conversation, settings: RoutingSettings) {
  if (c.teamId === null) return null;
  const [team] = await tx.select().from(teams).where(eq(teams.id, c.teamId));
  // The team's own calendar, else the account's.
  return team && teamSettingsOf(team).pauseSlaOutsideHours ? hoursOfTeam(team, settings) : null;
}

async function dueFn(tx: Tx, c: Conversation, settings: RoutingSettings) {
  const hours = await slaHoursOf(tx, c, settings);
  return (from: Date, seconds: number) => addBusinessSeconds(hours, from, seconds);
}

/**
 * Starts the clocks a customer's message starts (resolution, next response); returns the conversation
 * with its due times. The first-response and unanswered clocks are first-response.ts's.
 */
export async function startSlaClocks(
  ctx: HubContext,
  tx: Tx,
  c: Conversation,
  channel: ChannelKind,
  created: boolean,
): Promise<Conversation> {
  if (c.status === 'resolved' || !c.waitingSince) return c;
  const newWait = c.lastCustomerMessageAt?.getTime() === c.waitingSince.getTime();
  if (!created && !newWait) return c;
  const settings = await loadRoutingSettings(tx, c.accountId);
  const target = slaTargetOf(settings, channel);
  const due = await dueFn(tx, c, settings);
  const start = c.waitingSince;
  const patch: Partial<Conversation> = {};
  const timers: { kind: SlaKind; dueAt: Date; seconds: number }[] = [];
  if (created) {
    // The first-response and unanswered clocks have their own start (first-response.ts): a person is
    // waited for once the hub's own questions are done.
    if (target.resolutionSeconds) {
      patch.resolutionDueAt = due(start, target.resolutionSeconds);
      timers.push({ kind: 'resolution', dueAt: patch.resolutionDueAt, seconds: target.resolutionSeconds });
    }
  } else if (c.firstAgentReplyAt && target.nextResponseSeconds) {
    patch.nextResponseDueAt = due(start, target.nextResponseSeconds);
    timers.push({
      kind: 'next_response',
      dueAt: patch.nextResponseDueAt,
      seconds: target.nextResponseSeconds,
    });
  }
  for (const t of timers) await scheduleSlaTimer(ctx, tx, c.id, { ...t, startedAt: start });
  if (!Object.keys(patch).length) return c;
  const [row] = await tx.update(conversations).set(patch).where(eq(conversations.id, c.id)).returning();
  return row;
}

/** One clock's timer; checkSla finds at `dueAt` whether its target was missed. */
export async function scheduleSlaTimer(
  ctx: HubContext,
  tx: Tx,
  conversationId: number,
  t: { kind: SlaKind; dueAt: Date; seconds: number | null | undefined; startedAt: Date },
): Promise<void> {
  await ctx.timers.schedule(tx, {
    kind: 'routing.sla',
    sla: t.kind,
    seconds: t.seconds ?? null,
    conversationId,
    startedAt: t.startedAt.toISOString(),
    dueAt: t.dueAt.toISOString(),
  });
}

/** Whether the conversation is still in the state the timer's target is about, at that due time. */
function missed(c: Conversation, job: TimerJob): boolean {
  const kind = job.sla as SlaKind;
  if (c.status === 'resolved') return false;
  if (kind === 'unanswered') return c.firstAgentReplyAt === null; // QP-14: never paused
  // The other clocks stand still while pending, and a pause moves their due time on: a timer for a due
  // time the conversation no longer has is an old one (its successor was scheduled on resume).
  if (c.status === 'pending') return false;
  const dueNow = (d: Date | null) => d?.toISOString() === job.dueAt;
  if (kind === 'resolution') return dueNow(c.resolutionDueAt);
  if (kind === 'next_response')
    return c.waitingSince?.toISOString() === String(job.startedAt) && dueNow(c.nextResponseDueAt);
  return c.firstAgentReplyAt === null && dueNow(c.firstResponseDueAt);
}

/** The timer's body: records the breach if the conversation is still in the state the target is about. */
export async function checkSla(ctx: HubContext, job: TimerJob): Promise<void> {
  const [c] = await ctx.db.select().from(conversations).where(eq(conversations.id, job.conversationId!));
  if (!c) return;
  const kind = job.sla as SlaKind;
  const startedAt = String(job.startedAt);
  if (!missed(c, job)) return;
  const type = kind === 'unanswered' ? 'conversation.unanswered' : 'sla.breached';
  const data = { target: kind, targetSeconds: job.seconds, dueAt: job.dueAt, startedAt };
  await recordEvent(ctx.db, c, type, data);
  ctx.publisher.alert(c, { type, conversationId: String(c.id), ...data });
}
