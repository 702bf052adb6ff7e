// Agents: one row per agent with every figure the other reports give about them — what they held and
// answered, how fast and how well (service level of the first replies they sent, satisfaction,
// protocol compliance), and their attendance. Each figure is read from the report that defines it (the
// same builders, the same frame), so this table can never disagree with the others.
import { and, eq, gte, inArray, or, type SQL, sql } from 'drizzle-orm';
import { conversations, inboxes, messages, users } from '#server/db/schema.ts';
import { assigneeRoles } from '#shared/permissions.ts';
import type { ReportTable } from '#shared/reports.schema.ts';
import { attendanceReport } from './attendance.report.ts';
import { agentCompliance } from './compliance.report.ts';
import { answeredSql, note, percent, registeredSql, withinTargetSql } from './definitions.ts';
import { ofContactIds, scopeSql } from './frame.ts';
import { grouped } from './grouped.ts';
import { agentSatisfaction } from './satisfaction.report.ts';
import { type Cell, column, num, type ReportBuilder, row, table } from './table.ts';
import { agentTimes } from './times.report.ts';

/** The figures taken from each report's by-agent table: [column there, column here]. */
const borrowed: { from: 'times' | 'satisfaction' | 'compliance' | 'attendance'; pick: [string, string][] }[] =
  [
    {
      from: 'times',
      pick: [
        ['handled', 'handled'],
        ['firstResponseAvg', 'firstResponseAvg'],
        ['nextResponseAvg', 'nextResponseAvg'],
        ['resolutionAvg', 'resolutionAvg'],
        ['handleAvg', 'handleAvg'],
      ],
    },
    {
      from: 'satisfaction',
      pick: [
        ['rated', 'rated'],
        ['averageRating', 'averageRating'],
      ],
    },
    { from: 'compliance', pick: [['compliance', 'compliance']] },
    {
      from: 'attendance',
      pick: [
        ['onlineInShifts', 'onlineInShifts'],
        ['adherence', 'adherence'],
        ['absences', 'absences'],
      ],
    },
  ];

export const agentsReport: ReportBuilder = async (ctx, f) => {
  // Side by side: on PostgreSQL the pool runs them at once. Each report gives its by-agent figures from
  // the same statements its own by-agent table is read from (without the percentiles and breakdowns this
  // table does not show).
  const [times, satisfaction, compliance, attendance, own] = await Promise.all([
    agentTimes(ctx, f),
    agentSatisfaction(ctx, f),
    agentCompliance(ctx, f),
    attendanceReport(ctx, f),
    firstReplies(ctx, f),
  ]);
  const byAgent = (tables: ReportTable[]) =>
    new Map((tables.find((x) => x.key === 'byAgent')?.rows ?? []).map((r) => [r.key, r.cells]));
  const sources = { times, satisfaction, compliance, attendance: byAgent(attendance.tables) };
  const people = await ctx.db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(
      and(
        eq(users.accountId, f.accountId),
        f.filters.agentId !== undefined
          ? eq(users.id, f.filters.agentId)
          : (or(
              and(inArray(users.role, [...assigneeRoles]), eq(users.disabled, false)),
              inArray(
                users.id,
                [...new Set(Object.values(sources).flatMap((m) => [...m.keys()]))].map(Number),
              ),
            ) as SQL),
      ),
    )
    .orderBy(users.name);
  const rows = people.map((p) => {
    const id = String(p.id);
    const cells: Record<string, Cell> = { agent: p.name };
    for (const b of borrowed)
      for (const [there, here] of b.pick) cells[here] = sources[b.from].get(id)?.[there] ?? null;
    const mine = own.get(id);
    // Counts of conversations are 0, not unknown, for an agent the other reports did not list.
    cells.handled ??= 0;
    cells.rated ??= 0;
    cells.repliesSent = num(mine?.replies) ?? 0;
    cells.firstReplies = num(mine?.first_replies) ?? 0;
    cells.withinTarget = percent(num(mine?.within), num(mine?.targeted));
    return row(id, cells, { agentId: id });
  });
  return {
    counting: [note('agentFigures'), note('agentWithinTarget'), note('agentFilter')],
    tables: [
      table(
        'agents',
        'Agents',
        [
          column('agent', 'Agent', 'text'),
          column('handled', 'Conversations held', 'count', 'handled'),
          column('repliesSent', 'Replies sent', 'count'),
          column('firstReplies', 'First replies', 'count'),
          column('withinTarget', 'First replies within target', 'percent'),
          column('firstResponseAvg', 'First response, average', 'seconds'),
          column('nextResponseAvg', 'Next response, average', 'seconds'),
          column('resolutionAvg', 'Resolution, average', 'seconds'),
          column('handleAvg', 'Handle time, average', 'seconds'),
          column('rated', 'Rated', 'count', 'rated'),
          column('averageRating', 'Average rating', 'rating'),
          column('compliance', 'Protocol compliance', 'percent'),
          column('onlineInShifts', 'Online in shifts', 'seconds'),
          column('adherence', 'Online share of scheduled time', 'percent'),
          column('absences', 'Absences', 'count'),
        ],
        rows,
      ),
    ],
  };
};

/** Per agent, for the contacts of the range: public replies sent, first replies, and those within target. */
async function firstReplies(ctx: Parameters<ReportBuilder>[0], f: Parameters<ReportBuilder>[1]) {
  const scoped = and(scopeSql(f), registeredSql(f)) as SQL;
  const sentQuery = ctx.db
    .select({
      agent: messages.senderId,
      replies: sql<number>`count(*)::int`,
    })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
    .where(
      and(
        scoped,
        eq(messages.direction, 'out'),
        eq(messages.senderType, 'agent'),
        eq(messages.private, false),
        // Sent after the range starts (to a contact of the range): the messages' time index skips the rest.
        gte(messages.createdAt, f.startsAt),
        // The replies to the range's contacts: one stretch of the agents' replies index.
        ofContactIds(f, messages.conversationId),
      ),
    )
    .groupBy(messages.senderId);
  const firstQuery = grouped(
    ctx.db,
    sql`(${ctx.db
      .select({
        responder: sql<number>`${conversations.firstResponderId}`.as('responder'),
        within: sql<boolean | null>`${withinTargetSql(f)}`.as('within'),
      })
      .from(conversations)
      .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
      .where(and(scoped, answeredSql))})`,
    [['responder']],
    sql`count(*)::int as first_replies, count(*) filter (where within)::int as within, count(within)::int as targeted`,
  );
  const [sent, first] = await Promise.all([sentQuery, firstQuery]);
  const out = new Map<
    string,
    { replies?: number; first_replies?: number; within?: number; targeted?: number }
  >();
  for (const s of sent) out.set(String(s.agent), { replies: s.replies });
  for (const r of first)
    out.set(String(r.responder), {
      ...out.get(String(r.responder)),
      first_replies: num(r.first_replies) ?? 0,
      within: num(r.within) ?? 0,
      targeted: num(r.targeted) ?? 0,
    });
  return out;
}
