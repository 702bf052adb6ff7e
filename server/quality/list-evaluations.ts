// The evaluations the caller may read, newest first: evaluators and managers any of the account's
// (filtered by agent, status, month, conversation); an agent only their own, and never a draft — asking for
// another agent's is refused (403). The month is the account's time zone's, counted by submission (a
// draft's by when it was opened).
import { and, desc, eq, gte, lt, ne, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Auth } from '#server/auth/auth.ts';
import type { HubContext } from '#server/context.ts';
import { evaluations } from '#server/db/quality-schema.ts';
import { AppError } from '#server/errors.ts';
import { localMidnight } from '#server/reports/frame.ts';
import type { EvaluationJson, evaluationsQuery } from '#shared/quality.schema.ts';
import { evaluationsToJson } from './evaluation-json.ts';
import { isEvaluator } from './quality-access.ts';
import { accountTimeZone } from './sampling-week.ts';

const PAGE = 100;

/** The instants a month covers in a zone: [first day's midnight, next month's). */
export function monthRange(month: string, timeZone: string): { startsAt: Date; endsAt: Date } {
  const [y, m] = month.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return {
    startsAt: localMidnight(`${month}-01`, timeZone),
    endsAt: localMidnight(`${next}-01`, timeZone),
  };
}

export async function listEvaluations(
  ctx: HubContext,
  auth: Auth,
  q: z.infer<typeof evaluationsQuery> & { cursor?: string },
): Promise<{ data: EvaluationJson[]; nextCursor: string | null }> {
  let agentId = q.agentId === undefined ? undefined : Number(q.agentId);
  const own = !isEvaluator(auth);
  if (own) {
    if (agentId !== undefined && agentId !== auth.user.id)
      throw new AppError('forbidden', 'an agent reads only their own evaluations');
    agentId = auth.user.id;
  }
  const when = sql`coalesce(${evaluations.submittedAt}, ${evaluations.createdAt})`;
  let month: SQL | undefined;
  if (q.month) {
    const r = monthRange(q.month, await accountTimeZone(ctx, auth.accountId));
    month = and(gte(when, r.startsAt), lt(when, r.endsAt));
  }
  const rows = await ctx.db
    .select()
    .from(evaluations)
    .where(
      and(
        eq(evaluations.accountId, auth.accountId),
        agentId !== undefined ? eq(evaluations.agentId, agentId) : undefined,
        own ? ne(evaluations.status, 'draft') : undefined,
        q.status ? eq(evaluations.status, q.status) : undefined,
        q.conversationId ? eq(evaluations.conversationId, Number(q.conversationId)) : undefined,
        q.cursor ? lt(evaluations.id, Number(q.cursor)) : undefined,
        month,
      ),
    )
    .orderBy(desc(evaluations.id))
    .limit(PAGE + 1);
  const page = rows.slice(0, PAGE);
  return {
    data: await evaluationsToJson(ctx, auth.accountId, page),
    nextCursor: rows.length > PAGE ? String(page.at(-1)!.id) : null,
  };
}
