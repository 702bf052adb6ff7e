// Wires the routing engine into the hub: a customer's message queues a new conversation (rules, team,
// offline path) and starts its service-level clocks; a resolve frees capacity; the route worker runs the
// assignment engine and then tells waiting visitors their place; the queue's and presence's timers.
import type PgBoss from 'pg-boss';
import type { HubContext } from '#server/context.ts';
import { recordEvent } from '#server/conversations/ingest-inbound.ts';
import { conversationToJson } from '#server/conversations/serialize.ts';
import { jobNames } from '#server/queue/queue.ts';
import { drainQueue } from './drain-queue.ts';
import { queueInTx, type RouteJob, requestRouting } from './enqueue.ts';
import { presenceGrace } from './presence.ts';
import { pushQueuePositions } from './queue-position.ts';
import { overflow, reroute } from './queue-timers.ts';
import { evaluateRules } from './rules.ts';
import { checkSla, startSlaClocks } from './sla.ts';
import { followSlaPause } from './sla-pause.ts';

export function installRouting(ctx: HubContext): void {
  ctx.followUps.push(async (tx, e) => {
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
    return startSlaClocks(ctx, tx, c, e.channel, e.conversationCreated);
  });
  // A resolved conversation frees a place: someone waiting may now be assigned.
  ctx.resolveFollowUps.push(async (tx, e) => {
    if (e.conversation.assigneeId !== null) await requestRouting(ctx, tx, e.conversation.accountId);
  });
  ctx.timers.on('routing.sla', checkSla);
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
    const id = await ctx.queue.boss.work<RouteJob>(
      jobNames.route,
      { batchSize: 1, pollingIntervalSeconds: ctx.config.QUEUE_POLL_SECONDS },
      async ([job]: PgBoss.Job<RouteJob>[]) => {
        await runRouteJob(ctx, job.data);
      },
    );
    ctx.queue.register(jobNames.route, id);
  }
}
