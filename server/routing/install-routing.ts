// Wires the routing engine into the hub: a customer's message queues a new conversation (rules, team,
// offline path) and starts its service-level clocks; a resolve frees capacity; the route worker runs the
// assignment engine and then tells waiting visitors their place; the queue's and presence's timers.
import type { HubContext } from '#server/context.ts';
import { conversationToJson } from '#server/conversations/serialize.ts';
import { recordEvent } from '#server/events/record-event.ts';
import { jobNames } from '#server/queue/queue.ts';
import { socialMetricsOf } from '#server/social/influence-of.ts';
import { afterAssignmentChange } from './assignment-change.ts';
import { drainQueue } from './drain-queue.ts';
import { queueInTx, type RouteJob, requestRouting } from './enqueue.ts';
import {
  FIRST_RESPONSE_LIMIT,
  firstResponseLimit,
  firstResponseOnArrival,
  recordFirstResponseMet,
} from './first-response.ts';
import { presenceGrace } from './presence.ts';
import { pushQueuePositions } from './queue-position.ts';
import { overflow, reroute } from './queue-timers.ts';
import { evaluateRules } from './rules.ts';
import { checkSla, startSlaClocks } from './sla.ts';
import { followSlaPause } from './sla-pause.ts';

export function installRouting(ctx: HubContext): void {
  ctx.events.on('message.received', async (tx, e) => {
    let c = e.conversation;
    if (c.status === 'resolved') return; // a survey answer on a closed conversation
    // The customer answered while we waited on them: the clocks that stopped run again.
    if (e.wokeFrom === 'pending') c = await followSlaPause(ctx, tx, { status: 'pending' }, c, e.channel);
    if (e.conversationCreated) {
      const { contact } = e;
      const language =
        c.language ?? (typeof contact.attributes.language === 'string' ? contact.attributes.language : null);
      const rule = await evaluateRules(tx, c.accountId, {
        channel: e.channel,
        inboxId: c.inboxId,
        text: e.message.text,
        category: c.category,
        language,
        contact,
        at: ctx.clock.now(),
        social: socialMetricsOf(e.message),
      });
      if (rule) {
        await recordEvent(tx, c, 'routing.rule_matched', {
          ruleId: String(rule.ruleId),
          teamId: rule.teamId ?? null,
          priority: rule.priority ?? null,
        });
      }
      c = await queueInTx(ctx, tx, c, rule?.teamId ? Number(rule.teamId) : c.teamId, {
        priority: rule?.priority,
        reason: 'new',
      });
    } else if (c.assigneeId === null && c.status === 'open' && (c.queuedAt === null || e.woke)) {
      // Reopened, woken from pending or snoozed by the customer, or left unqueued by an older version:
      // it waits in its team's queue (keeping its age) and the router is asked at once, not at its next run.
      c = await queueInTx(ctx, tx, c, c.teamId, { reason: 'reopened' });
    }
    c = await startSlaClocks(ctx, tx, c, e.channel, e.conversationCreated);
    return e.conversationCreated ? firstResponseOnArrival(ctx, tx, c, e.inbox) : c;
  });
  // A person changed it: pending stops the clocks (leaving it starts them again), and a new owner, a new
  // team or a release moves it between queues.
  ctx.events.on('conversation.changed', async (tx, e) => {
    const c = await followSlaPause(ctx, tx, e.before, e.conversation, e.channel);
    return afterAssignmentChange(ctx, tx, e.before, c, e.channel);
  });
  // Woken from snooze with nobody to take it back: it returns to its team's queue like any other return.
  ctx.events.on('conversation.unsnoozed', async (tx, e) => {
    const c = e.conversation;
    if (c.assigneeId === null) return queueInTx(ctx, tx, c, c.teamId, { reason: 'unsnoozed' });
  });
  // The first answer: whether it met the first-response target is decided now, while the due time it is
  // judged by (which answering clears) is still known; the reports read the verdict.
  ctx.events.on('reply.created', async (tx, e) => {
    if (e.firstReply) return recordFirstResponseMet(tx, e.before, e.conversation, e.message.createdAt);
  });
  // A resolved conversation frees a place: someone waiting may now be assigned.
  ctx.events.on('conversation.resolved', async (tx, e) => {
    if (e.conversation.assigneeId !== null) await requestRouting(ctx, tx, e.conversation.accountId);
  });
  ctx.timers.on('routing.sla', checkSla);
  ctx.timers.on(FIRST_RESPONSE_LIMIT, firstResponseLimit);
  ctx.timers.on('routing.overflow', overflow);
  ctx.timers.on('routing.reroute', reroute);
  ctx.timers.on('routing.presence_grace', presenceGrace);
}

export async function runRouteJob(ctx: HubContext, job: RouteJob): Promise<number> {
  const assigned = await drainQueue(ctx, job.accountId);
  for (const a of assigned) {
    const before = { ...a.conversation, assigneeId: null };
    ctx.publisher.conversationUpdated(a.conversation, conversationToJson(a.conversation, a.channel), before);
  }
  await pushQueuePositions(ctx, job.accountId).catch((err) =>
    ctx.log.warn({ err, accountId: job.accountId }, 'could not tell visitors their place in the queue'),
  );
  return assigned.length;
}

/** Two workers: accounts are routed in parallel; one account's runs are serialised by its lock. */
export async function startRouteWorkers(ctx: HubContext): Promise<void> {
  for (let i = 0; i < 2; i++) {
    const id = await ctx.queue.work<RouteJob>(jobNames.route, async (job) => {
      await runRouteJob(ctx, job.data);
    });
    ctx.queue.register(jobNames.route, id);
  }
}
