// Agents: one row per agent with every figure the other reports give about them — what they held and
// answered, how fast and how well (service level of the first replies they sent, satisfaction,
// protocol compliance), and their attendance. Each figure comes from the report that defines it (the
// same statements its by-agent table is read from, the same frame), so this table can never disagree
// with the others; a spec (tests/reports/satisfaction.test.ts) holds them equal.
import { and, eq, inArray, or, type SQL } from 'drizzle-orm';
import { users } from '#server/db/schema.ts';
import { assigneeRoles } from '#shared/permissions.ts';
import type { ReportTable } from '#shared/reports.schema.ts';
import { attendanceReport } from './attendance.report.ts';
import { agentCompliance } from './compliance.report.ts';
import { note } from './definitions.ts';
import { agentSatisfaction } from './satisfaction.report.ts';
import { type Cell, column, type ReportBuilder, row, table } from './table.ts';
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
        ['repliesSent', 'repliesSent'],
        ['firstReplies', 'firstReplies'],
        ['withinTarget', 'withinTarget'],
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
  const [times, satisfaction, compliance, attendance] = await Promise.all([
    agentTimes(ctx, f),
    agentSatisfaction(ctx, f),
    agentCompliance(ctx, f),
    attendanceReport(ctx, f),
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
    // Counts are 0, not unknown, for an agent the other reports did not list.
    for (const k of ['handled', 'rated', 'repliesSent', 'firstReplies']) cells[k] ??= 0;
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
