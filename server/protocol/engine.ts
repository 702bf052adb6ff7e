// The protocol engine's wiring. Each hook runs inside the transaction that caused it and only enqueues a
// 'protocol-step' job (or a timer), so the steps run after the commit, retried by the queue, never lost.
// The protocol a conversation follows is decided when it is created and kept in conversations.meta.
import { eq, sql } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import type { Tx } from '#server/db/client.ts';
import { type Conversation, conversations, inboxes, messages } from '#server/db/schema.ts';
import { jobNames } from '#server/queue/queue.ts';
import type { ProtocolName } from '#shared/protocol.schema.ts';
import type { ChannelProtocol } from './channel-protocol.ts';
import { storeCompliance } from './checklist.ts';
import { CLOSURE_HOLD_END, closureHoldEnded, replyArmsClosureCheck } from './closure-hold.ts';
import { answerIdentification } from './identification.ts';
import { INACTIVITY, inactivityHandler, scheduleInactivity } from './inactivity.ts';
import { protocolForInbox } from './load-template.ts';
import { runTrigger } from './run-trigger.ts';
import { loadScope } from './scope.ts';
import { surveyReplyHandler } from './survey-reply.ts';

export type ProtocolJob =
  | { kind: 'customer_message'; conversationId: number; messageId: number; conversationCreated: boolean }
  | { kind: 'assigned'; conversationId: number; assigneeId: number }
  | { kind: 'agent_reply'; conversationId: number; messageId: number }
  | { kind: 'resolved'; conversationId: number; resolvedAt: string }
  | { kind: 'resolve_requested'; conversationId: number; at: string };

const channelsOf = new WeakMap<HubContext, Map<ProtocolName, ChannelProtocol>>();

async function followsProtocol(tx: Tx, c: Conversation): Promise<boolean> {
  if ('protocol' in c.meta) return c.meta.protocol !== null;
  const [inbox] = await tx.select().from(inboxes).where(eq(inboxes.id, c.inboxId));
  return Boolean(inbox && protocolForInbox(inbox));
}

export function installProtocolEngine(ctx: HubContext, channels: Map<ProtocolName, ChannelProtocol>): void {
  channelsOf.set(ctx, channels);
  const enqueue = (tx: Tx, job: ProtocolJob) => ctx.queue.send(jobNames.protocol, job, { tx });

  ctx.events.on('message.received', async (tx, e) => {
    if (e.conversationCreated) {
      const protocol = protocolForInbox(e.inbox);
      await tx
        .update(conversations)
        .set({ meta: sql`${conversations.meta} || ${JSON.stringify({ protocol })}::jsonb` })
        .where(eq(conversations.id, e.conversation.id));
      if (!protocol) return;
    } else if (e.conversation.status === 'resolved' || !(await followsProtocol(tx, e.conversation))) {
      return;
    }
    await enqueue(tx, {
      kind: 'customer_message',
      conversationId: e.conversation.id,
      messageId: e.message.id,
      conversationCreated: e.conversationCreated,
    });
  });
  ctx.events.on('conversation.assigned', async (tx, e) => {
    if (!e.conversation.assigneeId || !(await followsProtocol(tx, e.conversation))) return;
    await enqueue(tx, {
      kind: 'assigned',
      conversationId: e.conversation.id,
      assigneeId: e.conversation.assigneeId,
    });
  });
  ctx.events.on('reply.created', async (tx, e) => {
    const s = await loadScope(tx, e.conversation.id);
    if (!s) return;
    if (e.firstReply)
      await enqueue(tx, { kind: 'agent_reply', conversationId: e.conversation.id, messageId: e.message.id });
    // Silence counts only when this reply leaves the customer to answer (closure-hold.ts).
    const { arms, conversation } = await replyArmsClosureCheck(ctx, tx, e.conversation, e.message);
    if (arms) await scheduleInactivity(ctx, tx, s, 'check', e.message.id);
    return conversation;
  });
  ctx.events.on('conversation.resolved', async (tx, e) => {
    if (!e.conversation.resolvedAt || !(await followsProtocol(tx, e.conversation))) return;
    await enqueue(tx, {
      kind: 'resolved',
      conversationId: e.conversation.id,
      resolvedAt: e.conversation.resolvedAt.toISOString(),
    });
  });
  ctx.events.onResolvedReply(surveyReplyHandler(ctx));
  ctx.timers.on(INACTIVITY, inactivityHandler(channels));
  ctx.timers.on(CLOSURE_HOLD_END, closureHoldEnded);
}

export async function runProtocolJob(ctx: HubContext, job: ProtocolJob): Promise<void> {
  const s = await loadScope(ctx.db, job.conversationId);
  if (!s) return;
  const channel = channelsOf.get(ctx)?.get(s.protocol);
  const messageOf = async (id: number) =>
    (await ctx.db.select().from(messages).where(eq(messages.id, id)))[0];
  switch (job.kind) {
    case 'customer_message': {
      if (s.conversation.status === 'resolved') return;
      const message = await messageOf(job.messageId);
      if (!message) return;
      if (job.conversationCreated) {
        await runTrigger(ctx, s, channel, 'conversation_created', { instance: 'created', message });
      } else if (!(await answerIdentification(ctx, s, message))) {
        // A message that is not an identification answer is the request (or more of it).
        await runTrigger(ctx, s, channel, 'conversation_created', {
          instance: `message:${message.id}`,
          message,
          detectOnly: true,
        });
      }
      break;
    }
    case 'assigned':
      await runTrigger(ctx, s, channel, 'assigned', {
        instance: `assigned:${job.assigneeId}`,
        assigneeId: job.assigneeId,
      });
      break;
    case 'agent_reply': {
      const message = await messageOf(job.messageId);
      if (message)
        await runTrigger(ctx, s, channel, 'first_agent_reply', { instance: 'first-reply', message });
      break;
    }
    case 'resolve_requested': {
      if (s.conversation.status === 'resolved') return;
      const instance = `resolve-requested:${Date.parse(job.at)}`;
      // A template without its own resolve_requested steps closes the way silence does: the closure check.
      const own = s.template.steps.some((step) => step.trigger === 'resolve_requested');
      await runTrigger(ctx, s, channel, own ? 'resolve_requested' : 'inactivity', { instance });
      break;
    }
    case 'resolved':
      // Reopened since: a farewell or follow-up would speak of a request being worked on again.
      if (s.conversation.status !== 'resolved') return;
      await runTrigger(ctx, s, channel, 'resolved', { instance: `resolved:${Date.parse(job.resolvedAt)}` });
      await storeCompliance(ctx.db, s);
      break;
  }
  ctx.publisher.protocolUpdated(s.conversation);
}
