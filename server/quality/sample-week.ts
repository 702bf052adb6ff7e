// The sampling rule (QP-14, the manager's settings) run over one week: among the conversations resolved in
// that week (account's time zone) and handled by an agent — the assignee, else the last who held it —
// every one rated at most the threshold is queued as low_rating, every one with a breached service-level
// target as breached, and then perAgent more of each agent's as sample. The sample is deterministic: the
// candidates ordered by sha256("<week>:<conversation id>"), a fixed shuffle that does not favour the end of
// the week as "the most recent" would, and that a rerun reproduces. Nothing is queued twice (a unique index
// and ON CONFLICT DO NOTHING), and a rerun of a week only tops each agent up to perAgent samples — so the
// weekly job and a manager's "sample now" can both run without adding more.
import { createHash } from 'node:crypto';
import { and, eq, gte, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { type EvaluationQueueItem, evaluationQueue } from '#server/db/quality-schema.ts';
import { accounts, conversations } from '#server/db/schema.ts';
import type { queueReasons } from '#shared/quality.schema.ts';
import { recordEvaluationEvent } from './evaluation-events.ts';
import { loadQualitySettings } from './quality-settings.ts';
import type { SamplingWeek } from './sampling-week.ts';

type Reason = (typeof queueReasons)[number];
type Candidate = { id: number; agentId: number; rating: number | null; breached: boolean };

const shuffleKey = (week: string, id: number) => createHash('sha256').update(`${week}:${id}`).digest('hex');

export async function sampleWeek(
  ctx: HubContext,
  accountId: number,
  w: SamplingWeek,
  actorId: number | null,
): Promise<EvaluationQueueItem[]> {
  const { sampling } = await loadQualitySettings(ctx.db, accountId);
  return ctx.db.transaction(async (tx) => {
    // One run per account at a time: two at once would each top the same agent up to perAgent.
    await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, accountId)).for('update');
    const agent = sql<number>`coalesce(${conversations.assigneeId}, ${conversations.heldBy}[cardinality(${conversations.heldBy})])`;
    const rows = await tx
      .select({
        id: conversations.id,
        agentId: agent,
        // Spelt out with aliases: in a one-table select drizzle writes columns unqualified, and an
        // unqualified "id" inside these subqueries would be the subquery's own.
        rating: sql<
          number | null
        >`(select min(r.rating) from conversation_ratings r where r.conversation_id = ${sql.raw('"conversations"."id"')})`,
        breached: sql<boolean>`exists (select 1 from conversation_events e where e.conversation_id = ${sql.raw('"conversations"."id"')} and e.type = 'sla.breached')`,
      })
      .from(conversations)
      .where(
        and(
          eq(conversations.accountId, accountId),
          eq(conversations.status, 'resolved'),
          isNotNull(conversations.resolvedAt),
          gte(conversations.resolvedAt, w.startsAt),
          lt(conversations.resolvedAt, w.endsAt),
          sql`${agent} is not null`,
        ),
      );
    const candidates: Candidate[] = rows.map((r) => ({
      id: Number(r.id),
      agentId: Number(r.agentId),
      rating: r.rating === null ? null : Number(r.rating),
      breached: Boolean(r.breached),
    }));
    const queued = new Set<number>();
    const samples = new Map<number, number>();
    if (candidates.length) {
      const existing = await tx
        .select({
          conversationId: evaluationQueue.conversationId,
          agentId: evaluationQueue.agentId,
          reason: evaluationQueue.reason,
          week: evaluationQueue.week,
        })
        .from(evaluationQueue)
        .where(
          and(
            eq(evaluationQueue.accountId, accountId),
            inArray(
              evaluationQueue.conversationId,
              candidates.map((c) => c.id),
            ),
          ),
        );
      for (const e of existing) {
        queued.add(Number(e.conversationId));
        if (e.reason === 'sample' && e.week === w.week && e.agentId !== null)
          samples.set(Number(e.agentId), (samples.get(Number(e.agentId)) ?? 0) + 1);
      }
    }
    const picks: { c: Candidate; reason: Reason }[] = [];
    const pick = (c: Candidate, reason: Reason) => {
      queued.add(c.id);
      picks.push({ c, reason });
    };
    const threshold = sampling.lowRatingAtMost;
    for (const c of candidates)
      if (threshold !== null && c.rating !== null && c.rating <= threshold && !queued.has(c.id))
        pick(c, 'low_rating');
    if (sampling.breached)
      for (const c of candidates) if (c.breached && !queued.has(c.id)) pick(c, 'breached');
    const shuffled = candidates
      .filter((c) => !queued.has(c.id))
      .map((c) => ({ c, key: shuffleKey(w.week, c.id) }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (const { c } of shuffled) {
      const have = samples.get(c.agentId) ?? 0;
      if (have >= sampling.perAgent) continue;
      samples.set(c.agentId, have + 1);
      pick(c, 'sample');
    }
    if (!picks.length) return [];
    const added = await tx
      .insert(evaluationQueue)
      .values(
        picks.map(({ c, reason }) => ({
          accountId,
          conversationId: c.id,
          agentId: c.agentId,
          reason,
          week: w.week,
        })),
      )
      .onConflictDoNothing()
      .returning();
    const count = (r: Reason) => added.filter((a) => a.reason === r).length;
    await recordEvaluationEvent(tx, { accountId, evaluationId: null }, 'queue.sampled', actorId, {
      week: w.week,
      sample: count('sample'),
      low_rating: count('low_rating'),
      breached: count('breached'),
    });
    return added;
  });
}
