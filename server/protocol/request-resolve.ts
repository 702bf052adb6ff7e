// "Resolve requested": the agent believes the request is settled. The conversation waits for the
// customer (pending), the template's resolve_requested steps run (typically the closure check, "anything
// else?"), and if the customer stays silent the inactivity timer resolves it with the farewell and the
// survey; a customer who writes wakes it up instead (ingest turns pending back to open).
import { desc, eq } from 'drizzle-orm';
import type { Auth } from '#server/auth/authenticate.ts';
import type { HubContext } from '#server/context.ts';
import { loadVisible } from '#server/conversations/load-visible.ts';
import { conversationToJson } from '#server/conversations/serialize.ts';
import { conversations, messages } from '#server/db/schema.ts';
import { AppError } from '#server/errors.ts';
import { recordEvent } from '#server/events/record-event.ts';
import { jobNames } from '#server/queue/queue.ts';
import { followSlaPause } from '#server/routing/sla-pause.ts';
import { dropHoldForResolveRequest } from './closure-hold.ts';
import { scheduleInactivity } from './inactivity.ts';
import { loadScope } from './scope.ts';

export async function requestResolve(ctx: HubContext, auth: Auth, id: number) {
  const { conversation: before, channel } = await loadVisible(ctx, auth, id);
  if (before.status === 'resolved')
    throw new AppError('invalid_state', 'the conversation is already resolved');
  const after = await ctx.db.transaction(async (tx) => {
    const [pending] = await tx
      .update(conversations)
      .set({ status: 'pending', updatedAt: ctx.clock.now() })
      .where(eq(conversations.id, id))
      .returning();
    // The agent says it is settled: a hold on the closure check gives way.
    const updated = await dropHoldForResolveRequest(ctx, tx, pending, auth.user.id);
    const row = await followSlaPause(ctx, tx, before, updated, channel);
    await recordEvent(tx, row, 'conversation.resolve_requested', {}, { type: 'user', id: auth.user.id });
    const s = await loadScope(tx, id);
    if (s) {
      await ctx.queue.send(
        jobNames.protocol,
        { kind: 'resolve_requested', conversationId: id, at: ctx.clock.now().toISOString() },
        { tx },
      );
      const [last] = await tx
        .select({ id: messages.id })
        .from(messages)
        .where(eq(messages.conversationId, id))
        .orderBy(desc(messages.id))
        .limit(1);
      // Silence from here on resolves it (the closure check the steps send is the hub's own message).
      if (last) await scheduleInactivity(ctx, tx, s, 'resolve', last.id);
    }
    return row;
  });
  const json = conversationToJson(after, channel);
  ctx.publisher.conversationUpdated(after, json, before);
  return json;
}
