// Pending stops the service-level clocks. Pending means the team is waiting on the customer or a third
// party (the closure check's "anything else?", a document asked for), so that time must not count against
// the team's first-response, next-response or resolution target. When the conversation opens again, by
// the customer writing or an agent, each due time moves on by the open (business) time that was left
// when it stopped, and its timer is scheduled again; the old timers find a due time the conversation no
// longer has and do nothing (checkSla). The QP-14 "unanswered" threshold is not paused: it measures how
// long the customer went without a first answer, whatever the status.
import { eq } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { recordEvent } from '#server/conversations/ingest-inbound.ts';
import type { Tx } from '#server/db/client.ts';
import { type Conversation, conversations } from '#server/db/schema.ts';
import type { ChannelKind } from '#shared/channels.ts';
import { addBusinessSeconds, businessSecondsBetween } from './business-hours.ts';
import { loadRoutingSettings, slaTargetOf } from './settings.ts';
import { type SlaKind, slaHoursOf } from './sla.ts';

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
  // What was left of each target when it stopped, counted again from now.
  const moved = (due: Date | null) =>
    due ? addBusinessSeconds(hours, now, businessSecondsBetween(hours, since, due)) : null;
  // Only the clocks that were running when it stopped: a wait the customer's new message starts now is
  // timed afresh by startSlaClocks.
  const waitedBefore = c.waitingSince !== null && c.waitingSince.getTime() <= since.getTime();
  const unanswered = c.firstAgentReplyAt === null;
  const patch = {
    slaPausedAt: null,
    firstResponseDueAt: unanswered ? moved(c.firstResponseDueAt) : c.firstResponseDueAt,
    nextResponseDueAt: waitedBefore ? moved(c.nextResponseDueAt) : c.nextResponseDueAt,
    resolutionDueAt: moved(c.resolutionDueAt),
  };
  const [row] = await tx.update(conversations).set(patch).where(eq(conversations.id, c.id)).returning();
  const restart: { kind: SlaKind; dueAt: Date | null; seconds?: number | null; startedAt: Date | null }[] = [
    {
      kind: 'first_response',
      dueAt: unanswered ? row.firstResponseDueAt : null,
      seconds: target.firstResponseSeconds,
      startedAt: c.firstCustomerMessageAt,
    },
    {
      kind: 'next_response',
      dueAt: waitedBefore ? row.nextResponseDueAt : null,
      seconds: target.nextResponseSeconds,
      startedAt: c.waitingSince,
    },
    {
      kind: 'resolution',
      dueAt: row.resolutionDueAt,
      seconds: target.resolutionSeconds,
      startedAt: c.firstCustomerMessageAt,
    },
  ];
  for (const t of restart) {
    if (!t.dueAt) continue;
    await ctx.timers.schedule(tx, {
      kind: 'routing.sla',
      sla: t.kind,
      seconds: t.seconds ?? null,
      conversationId: c.id,
      startedAt: (t.startedAt ?? c.createdAt).toISOString(),
      dueAt: t.dueAt.toISOString(),
    });
  }
  const pausedSeconds = Math.round((now.getTime() - since.getTime()) / 1000);
  await recordEvent(tx, row, 'sla.resumed', { pausedSeconds });
  return row;
}
