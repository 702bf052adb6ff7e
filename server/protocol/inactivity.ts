// Inactivity after an agent's reply (template setting `inactivity`): when the customer stays silent for
// closureCheckSeconds the hub sends the closure-check message ("anything else?"), and when they stay
// silent resolveSeconds more it resolves the conversation itself (farewell and survey follow from the
// resolve). Durable timers (routing/timers.ts); every firing re-checks the database against ctx.clock,
// so a customer who wrote, an agent who wrote again or a conversation closed by hand cancels it. An
// agent's hold on the closure check (closure-hold.ts) stops both stages while it lasts, and a timer armed
// before the hold last changed does nothing (the change, or a reply after it, armed a newer one).
import { and, eq, gt } from 'drizzle-orm';
import type { HubContext, TimerJob } from '#server/context.ts';
import type { Db } from '#server/db/client.ts';
import { messages } from '#server/db/schema.ts';
import type { ChannelKind } from '#shared/channels.ts';
import type { ProtocolName } from '#shared/protocol.schema.ts';
import type { ChannelProtocol } from './channel-protocol.ts';
import { armedBeforeHoldChange, closureHoldOf, holdsAt } from './closure-hold-state.ts';
import { resolveAsSystem } from './resolve-as-system.ts';
import { runTrigger } from './run-trigger.ts';
import { loadScope, type ProtocolScope } from './scope.ts';

export const INACTIVITY = 'protocol.inactivity';

type Stage = 'check' | 'resolve';

export async function scheduleInactivity(
  ctx: HubContext,
  tx: Db,
  s: Pick<ProtocolScope, 'conversation' | 'template'>,
  stage: Stage,
  afterMessageId: number,
): Promise<void> {
  const inactivity = s.template.settings.inactivity;
  if (!inactivity) return;
  const seconds = stage === 'check' ? inactivity.closureCheckSeconds : inactivity.resolveSeconds;
  await ctx.timers.schedule(tx, {
    kind: INACTIVITY,
    dueAt: new Date(ctx.clock.now().getTime() + seconds * 1000).toISOString(),
    conversationId: s.conversation.id,
    accountId: s.conversation.accountId,
    stage,
    afterMessageId,
    armedAt: ctx.clock.now().toISOString(),
  });
}

/** Whether anyone but the hub wrote after the message the timer was set on. */
async function silentSince(
  ctx: HubContext,
  conversationId: number,
  afterMessageId: number,
): Promise<boolean> {
  const rows = await ctx.db
    .select({ senderType: messages.senderType })
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, conversationId),
        gt(messages.id, afterMessageId),
        eq(messages.private, false),
      ),
    );
  return rows.every((m) => m.senderType === 'system' || m.senderType === 'bot');
}

export function inactivityHandler(channels: Map<ProtocolName, ChannelProtocol>) {
  return async (ctx: HubContext, job: TimerJob): Promise<void> => {
    const afterMessageId = Number(job.afterMessageId);
    if (!job.conversationId || !Number.isSafeInteger(afterMessageId)) return;
    const s = await loadScope(ctx.db, job.conversationId);
    if (!s || s.conversation.status === 'resolved' || !s.template.settings.inactivity) return;
    const meta = s.conversation.meta;
    if (holdsAt(closureHoldOf(meta), ctx.clock.now()) || armedBeforeHoldChange(meta, job.armedAt)) return;
    if (!(await silentSince(ctx, s.conversation.id, afterMessageId))) return;
    const channel = s.inbox.channel as ChannelKind;
    if (job.stage === 'check') {
      await runTrigger(ctx, s, channels.get(s.protocol), 'inactivity', {
        instance: `inactivity:${afterMessageId}`,
      });
      await ctx.db.transaction((tx) => scheduleInactivity(ctx, tx, s, 'resolve', afterMessageId));
      ctx.publisher.protocolUpdated(s.conversation);
      return;
    }
    await resolveAsSystem(ctx, s.conversation, channel, 'inactivity');
  };
}
