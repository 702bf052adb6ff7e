// The evaluation queue as the quality officer works it: the open items (no submitted evaluation yet),
// oldest week first, each with its conversation's customer, channel, resolution time and rating, the agent,
// and the reason the rule picked it. Items of the rows `ids` (a sampling run's) are read the same way.
import { and, asc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { HubContext } from '#server/context.ts';
import { evaluationQueue } from '#server/db/quality-schema.ts';
import { contacts, conversations, inboxes, users } from '#server/db/schema.ts';
import type { queueItemJson } from '#shared/quality.schema.ts';

type QueueItemJson = z.infer<typeof queueItemJson>;

export type QueueFilters = { reason?: QueueItemJson['reason']; agentId?: number; week?: string };

async function read(ctx: HubContext, where: SQL | undefined): Promise<QueueItemJson[]> {
  const agent = alias(users, 'agent');
  const rows = await ctx.db
    .select({
      item: evaluationQueue,
      agentName: agent.name,
      contactName: contacts.name,
      channel: inboxes.channel,
      resolvedAt: conversations.resolvedAt,
      rating: sql<
        number | null
      >`(select min(r.rating) from conversation_ratings r where r.conversation_id = ${sql.raw('"conversations"."id"')})`,
    })
    .from(evaluationQueue)
    .innerJoin(conversations, eq(conversations.id, evaluationQueue.conversationId))
    .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
    .leftJoin(contacts, eq(contacts.id, conversations.contactId))
    .leftJoin(agent, eq(agent.id, evaluationQueue.agentId))
    .where(where)
    .orderBy(asc(evaluationQueue.week), asc(evaluationQueue.id))
    .limit(1000);
  return rows.map((r) => ({
    id: String(r.item.id),
    conversationId: String(r.item.conversationId),
    agentId: r.item.agentId === null ? null : String(r.item.agentId),
    agentName: r.agentName,
    reason: r.item.reason,
    week: r.item.week,
    evaluationId: r.item.evaluationId === null ? null : String(r.item.evaluationId),
    contactName: r.contactName,
    channel: r.channel,
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
    rating: r.rating === null ? null : Number(r.rating),
    createdAt: r.item.createdAt.toISOString(),
  }));
}

export function listQueue(ctx: HubContext, accountId: number, f: QueueFilters): Promise<QueueItemJson[]> {
  return read(
    ctx,
    and(
      eq(evaluationQueue.accountId, accountId),
      isNull(evaluationQueue.doneAt),
      f.reason ? eq(evaluationQueue.reason, f.reason) : undefined,
      f.agentId !== undefined ? eq(evaluationQueue.agentId, f.agentId) : undefined,
      f.week ? eq(evaluationQueue.week, f.week) : undefined,
    ),
  );
}

export async function queueItemsJson(
  ctx: HubContext,
  accountId: number,
  ids: number[],
): Promise<QueueItemJson[]> {
  if (!ids.length) return [];
  return read(ctx, and(eq(evaluationQueue.accountId, accountId), inArray(evaluationQueue.id, ids)));
}
