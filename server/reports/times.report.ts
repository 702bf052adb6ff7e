// Times: first response, next response, resolution and handle time — average, median (p50) and p90 —
// per team, per agent and per day, for the contacts of the range. Each time belongs to whoever it is
// about: a first response to the agent who sent it, a next response to the agent who replied, a
// resolution to the conversation's agent, handle time to each agent for the part they held.
import { and, eq, gte, inArray, type SQL, sql } from 'drizzle-orm';
import { conversationHolds, conversations, inboxes, messages, teams, users } from '#server/db/schema.ts';
import {
  answeredSql,
  firstResponseSql,
  holdSecondsSql,
  note,
  registeredSql,
  resolutionSecondsSql,
  tenth,
} from './definitions.ts';
import { localDaySql, ofContactIds, type ReportFrame, scopeSql } from './frame.ts';
import { type GroupedRow, grouped, ofSet } from './grouped.ts';
import { type Cell, column, num, type ReportBuilder, row, table } from './table.ts';

const measures = ['firstResponse', 'nextResponse', 'resolution', 'handle'] as const;
type Measure = (typeof measures)[number];
const titles: Record<Measure, string> = {
  firstResponse: 'First response',
  nextResponse: 'Next response',
  resolution: 'Resolution',
  handle: 'Handle time',
};

/** avg, p50 and p90 of a column of the subquery, named after the measure. */
const stats = (m: Measure, col: string) => {
  const c = sql.identifier(col);
  return sql`avg(${c}) as ${sql.identifier(`${m}_avg`)},
    percentile_cont(0.5) within group (order by ${c}) as ${sql.identifier(`${m}_p50`)},
    percentile_cont(0.9) within group (order by ${c}) as ${sql.identifier(`${m}_p90`)},
    count(${c})::int as ${sql.identifier(`${m}_n`)}`;
};

export const timesReport: ReportBuilder = async (ctx, f) => {
  const contactDay = localDaySql(f, conversations.firstCustomerMessageAt);
  const scoped = and(scopeSql(f), registeredSql(f)) as SQL;
  // Each conversation's handle time, summed once over the holds of the range's contacts.
  const handles = ctx.db
    .select({
      conversationId: sql<number>`${conversationHolds.conversationId}`.as('conversation_id'),
      handle: sql<number>`sum(${holdSecondsSql(f)})`.as('handle'),
    })
    .from(conversationHolds)
    .where(ofContactIds(f, conversationHolds.conversationId))
    .groupBy(conversationHolds.conversationId)
    .as('h');
  // The three statements are independent: on PostgreSQL the pool runs them side by side.
  const [perConversation, replies, held] = await Promise.all([
    grouped(
      ctx.db,
      sql`(${ctx.db
        .select({
          team_id: sql<number>`${conversations.teamId}`.as('team_id'),
          day: contactDay.as('day'),
          responder: sql<number>`case when ${answeredSql} then ${conversations.firstResponderId} end`.as(
            'responder',
          ),
          assignee_id: sql<number>`${conversations.assigneeId}`.as('assignee_id'),
          fr: sql<number>`${firstResponseSql}`.as('fr'),
          resolution: sql<number>`${resolutionSecondsSql}`.as('resolution'),
          handle: sql<number>`${handles.handle}`.as('handle'),
        })
        .from(conversations)
        .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
        .leftJoin(handles, eq(handles.conversationId, conversations.id))
        .where(scoped)})`,
      [['team_id'], ['day'], ['responder'], ['assignee_id'], []],
      sql`count(*)::int as contacts, ${stats('firstResponse', 'fr')}, ${stats('resolution', 'resolution')}, ${stats('handle', 'handle')}`,
    ),
    grouped(
      ctx.db,
      sql`(${ctx.db
        .select({
          team_id: sql<number>`${conversations.teamId}`.as('team_id'),
          day: contactDay.as('day'),
          sender_id: sql<number>`${messages.senderId}`.as('sender_id'),
          nr: sql<number>`extract(epoch from greatest(${messages.createdAt} - ${messages.waitedSince}, interval '0'))::float8`.as(
            'nr',
          ),
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
            sql`${messages.waitedSince} is not null and ${messages.createdAt} > ${conversations.firstAgentReplyAt}`,
            // A reply to a contact of the range comes after the range starts: lets the messages' time index
            // skip the year before it.
            gte(messages.createdAt, f.startsAt),
          ),
        )})`,
      [['team_id'], ['day'], ['sender_id'], []],
      stats('nextResponse', 'nr'),
    ),
    // Per agent, the part of each conversation they held.
    grouped(
      ctx.db,
      sql`(${ctx.db
        .select({
          user_id: sql<number>`${conversationHolds.userId}`.as('user_id'),
          held: sql<number>`sum(${holdSecondsSql(f)})`.as('held'),
        })
        .from(conversationHolds)
        .innerJoin(conversations, eq(conversations.id, conversationHolds.conversationId))
        .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
        .where(and(scoped, ofContactIds(f, conversationHolds.conversationId)))
        .groupBy(conversationHolds.conversationId, conversationHolds.userId)})`,
      [['user_id'], []],
      sql`count(*)::int as handled, ${stats('handle', 'held')}`,
    ),
  ]);
  return buildTables(ctx, f, perConversation, replies, held);
};

async function buildTables(
  ctx: Parameters<ReportBuilder>[0],
  f: ReportFrame,
  conv: GroupedRow[],
  replies: GroupedRow[],
  held: GroupedRow[],
) {
  const index = (rows: GroupedRow[], col: string) => new Map(rows.map((r) => [String(r[col]), r]));
  const figures = (m: Measure, r: GroupedRow | undefined): Record<string, Cell> => ({
    [`${m}Avg`]: tenth(num(r?.[`${m}_avg`])),
    [`${m}P50`]: tenth(num(r?.[`${m}_p50`])),
    [`${m}P90`]: tenth(num(r?.[`${m}_p90`])),
  });
  const all = (c?: GroupedRow, n?: GroupedRow, h?: GroupedRow) => ({
    contacts: num(c?.contacts) ?? 0,
    ...figures('firstResponse', c),
    ...figures('nextResponse', n),
    ...figures('resolution', c),
    ...figures('handle', h ?? c),
  });
  const timeColumns = measures.flatMap((m) => [
    column(`${m}Avg`, `${titles[m]}, average`, 'seconds'),
    column(`${m}P50`, `${titles[m]}, p50`, 'seconds'),
    column(`${m}P90`, `${titles[m]}, p90`, 'seconds'),
  ]);
  const total = all(ofSet(conv)[0], ofSet(replies)[0]);

  const cTeam = index(ofSet(conv, 'team_id'), 'team_id');
  const nTeam = index(ofSet(replies, 'team_id'), 'team_id');
  const teamIds = [...new Set([...cTeam.keys(), ...nTeam.keys()])];
  const teamNames = await namesOf(ctx, teams, teamIds, f.accountId);

  const byResponder = index(ofSet(conv, 'responder'), 'responder');
  const byAssignee = index(ofSet(conv, 'assignee_id'), 'assignee_id');
  const nAgent = index(ofSet(replies, 'sender_id'), 'sender_id');
  const hAgent = index(ofSet(held, 'user_id'), 'user_id');
  const agentIds = [
    ...new Set([...byResponder.keys(), ...byAssignee.keys(), ...nAgent.keys(), ...hAgent.keys()]),
  ].filter((id) => id !== 'null' && (f.filters.agentId === undefined || id === String(f.filters.agentId)));
  const agentNames = await namesOf(ctx, users, agentIds, f.accountId);

  const cDay = index(ofSet(conv, 'day'), 'day');
  const nDay = index(ofSet(replies, 'day'), 'day');
  return {
    counting: [
      note('registered'),
      note('firstResponse'),
      note('nextResponse'),
      note('resolution'),
      note('handle'),
      note('percentiles'),
      note('timesPerAgent'),
    ],
    tables: [
      table(
        'byTeam',
        'By team',
        [
          column('team', 'Team', 'text'),
          column('contacts', 'Contacts', 'count', 'registered'),
          ...timeColumns,
        ],
        teamIds.map((id) =>
          row(
            id,
            { team: id === 'null' ? null : (teamNames.get(id) ?? id), ...all(cTeam.get(id), nTeam.get(id)) },
            id === 'null' ? undefined : { teamId: id },
          ),
        ),
        row('total', { team: null, ...total }),
      ),
      table(
        'byAgent',
        'By agent',
        [
          column('agent', 'Agent', 'text'),
          column('handled', 'Conversations held', 'count', 'handled'),
          ...timeColumns,
        ],
        agentIds.map((id) => {
          const first = byResponder.get(id);
          const own = byAssignee.get(id);
          return row(
            id,
            {
              agent: agentNames.get(id) ?? id,
              handled: num(hAgent.get(id)?.handled) ?? 0,
              ...figures('firstResponse', first),
              ...figures('nextResponse', nAgent.get(id)),
              ...figures('resolution', own),
              ...figures('handle', hAgent.get(id)),
            },
            { agentId: id },
          );
        }),
      ),
      table(
        'byDay',
        'By day',
        [column('day', 'Day', 'date'), column('contacts', 'Contacts', 'count', 'registered'), ...timeColumns],
        f.days.map((day) => row(day, { day, ...all(cDay.get(day), nDay.get(day)) }, { day })),
        row('total', { day: null, ...total }),
      ),
    ],
  };
}

async function namesOf(
  ctx: Parameters<ReportBuilder>[0],
  t: typeof teams | typeof users,
  ids: string[],
  accountId: number,
): Promise<Map<string, string>> {
  const wanted = ids.filter((id) => id !== 'null').map(Number);
  if (!wanted.length) return new Map();
  const rows = await ctx.db
    .select({ id: t.id, name: t.name })
    .from(t)
    .where(and(eq(t.accountId, accountId), inArray(t.id, wanted)));
  return new Map(rows.map((r) => [String(r.id), r.name]));
}
