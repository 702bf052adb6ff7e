// Pending stops the service-level clocks. Pending means the team is waiting on the customer or a third
// party (the closure check's "anything else?", a document asked for), so that time must not count against
// the team's first-response, next-response or resolution target. When the conversation opens again, by
// the customer writing or an agent, each due time moves on by the open (business) time that was left
// when it stopped, and its timer is scheduled again; the old timers find a due time the conversation no
// longer has and do nothing (checkSla). The QP-14 "unanswered" threshold is not paused: it measures how
// long the customer went without a first answer, whatever the status.
import { eq } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import type { Tx } from '#server/db/client.ts';
import { type Conversation, conversations } from '#server/db/schema.ts';
import { recordEvent } from '#server/events/record-event.ts';
import type { ChannelKind } from '#shared/channels.ts';
import { addBusinessSeconds, businessSecondsBetween } from './business-hours.ts';
import { loadRoutingSettings, slaTargetOf } from './settings.ts';
import { scheduleSlaTimer, slaHoursOf } from './sla.ts';

/**
 * After a status change inside its transaction: entering pending stops the clocks, leaving pending for
 * open (or snoozed) starts them again. Returns the conversation as it now is.
 */
export async function followSlaPause(
  ctx: HubContext,
  tx: Tx,
  before: Pick<Conversation, 'status'>,
  row: Conversation,
  channel: ChannelKind,
): Promise<Conversation> {
  const now = ctx.clock.now();
  if (row.status === 'pending' && before.status !== 'pending') {
    const [paused] = await tx
      .update(conversations)
      .set({ slaPausedAt: now })
      .where(eq(conversations.id, row.id))
      .returning();
    await recordEvent(tx, paused, 'sla.paused', { from: before.status });
    return paused;
  }
  if (before.status === 'pending' && row.status !== 'pending' && row.status !== 'resolved')
    return resumeSla(ctx, tx, row, channel);
  return row;
}

async function resumeSla(ctx: HubContext, tx: Tx, c: Conversation, channel: ChannelKind) {
  const since = c.slaPausedAt;
  if (!since) return c;
  const now = ctx.clock.now();
  const settings = await loadRoutingSettings(tx, c.accountId);
  const hours = await slaHoursOf(tx, c, settings);
  const target = slaTargetOf(settings, channel);
  // Only the clocks that were running when it stopped: a wait the customer's new message starts now is
  // timed afresh by startSlaClocks.
  const running = [
    {
      kind: 'first_response' as const,
      column: 'firstResponseDueAt' as const,
      on: c.firstAgentReplyAt === null,
      seconds: target.firstResponseSeconds,
      startedAt: c.firstResponseStartedAt,
    },
    {
      kind: 'next_response' as const,
      column: 'nextResponseDueAt' as const,
      on: c.waitingSince !== null && c.waitingSince.getTime() <= since.getTime(),
      seconds: target.nextResponseSeconds,
      startedAt: c.waitingSince,
    },
    {
      kind: 'resolution' as const,
      column: 'resolutionDueAt' as const,
      on: true,
      seconds: target.resolutionSeconds,
      startedAt: c.firstCustomerMessageAt,
    },
  ].flatMap((clock) => {
    const due = c[clock.column];
    if (!clock.on || !due) return [];
    // What was left of the target when it stopped, counted again from now.
    const left = businessSecondsBetween(hours, since, due);
    return [{ ...clock, dueAt: addBusinessSeconds(hours, now, left) }];
  });
  const patch: Partial<Conversation> = { slaPausedAt: null };
  for (const clock of running) patch[clock.column] = clock.dueAt;
  const [row] = await tx.update(conversations).set(patch).where(eq(conversations.id, c.id)).returning();
  for (const clock of running)
    await scheduleSlaTimer(ctx, tx, c.id, { ...clock, startedAt: clock.startedAt ?? c.createdAt });
  const pausedSeconds = Math.round((now.getTime() - since.getTime()) / 1000);
  await recordEvent(tx, row, 'sla.resumed', { pausedSeconds });
  return row;
}
