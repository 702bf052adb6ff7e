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
  percent,
  registeredSql,
  resolutionSecondsSql,
  tenth,
  withinTargetSql,
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

/** avg (and p50 and p90 unless `averages`) of a column of the subquery, named after the measure. */
const stats = (m: Measure, col: string, averages = false) => {
  const c = sql.identifier(col);
  const percentiles = sql`, percentile_cont(0.5) within group (order by ${c}) as ${sql.identifier(`${m}_p50`)},
    percentile_cont(0.9) within group (order by ${c}) as ${sql.identifier(`${m}_p90`)}`;
  return sql`avg(${c}) as ${sql.identifier(`${m}_avg`)}, count(${c})::int as ${sql.identifier(`${m}_n`)}${averages ? sql`` : percentiles}`;
};

type Ctx = Parameters<ReportBuilder>[0];

/**
 * What the times are read from, one subquery each, shared by this report and the agents report so both
 * give the same numbers: the range's contacts (first response, resolution, handle time), the agents'
 * later public replies (next response), and each agent's part of each conversation (held).
 */
function sources(ctx: Ctx, f: ReportFrame) {
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
  const contacts = sql`(${ctx.db
    .select({
      team_id: sql<number>`${conversations.teamId}`.as('team_id'),
      day: localDaySql(f, conversations.firstCustomerMessageAt).as('day'),
      responder: sql<number>`case when ${answeredSql} then ${conversations.firstResponderId} end`.as(
        'responder',
      ),
      assignee_id: sql<number>`${conversations.assigneeId}`.as('assignee_id'),
      fr: sql<number>`${firstResponseSql}`.as('fr'),
      resolution: sql<number>`${resolutionSecondsSql}`.as('resolution'),
      handle: sql<number>`${handles.handle}`.as('handle'),
      within: sql<boolean | null>`${withinTargetSql(f)}`.as('within'),
    })
    .from(conversations)
    .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
    .leftJoin(handles, eq(handles.conversationId, conversations.id))
    .where(scoped)})`;
  const replies = sql`(${ctx.db
    .select({
      team_id: sql<number>`${conversations.teamId}`.as('team_id'),
      day: localDaySql(f, conversations.firstCustomerMessageAt).as('day'),
      sender_id: sql<number>`${messages.senderId}`.as('sender_id'),
      // A next response: a later reply the customer had been waiting for (null for the others).
      nr: sql<number>`case when ${messages.waitedSince} is not null and ${messages.createdAt} > ${conversations.firstAgentReplyAt} then extract(epoch from greatest(${messages.createdAt} - ${messages.waitedSince}, interval '0'))::float8 end`.as(
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
        // A reply to a contact of the range comes after the range starts.
        gte(messages.createdAt, f.startsAt),
        // The replies to the range's contacts: one stretch of the agents' replies index (and of the
        // contacts' ids, which tells the planner how many to expect: a hash join, not a lookup per reply).
        ofContactIds(f, messages.conversationId),
        ofContactIds(f, conversations.id),
      ),
    )})`;
  const held = sql`(${ctx.db
    .select({
      user_id: sql<number>`${conversationHolds.userId}`.as('user_id'),
      held: sql<number>`sum(${holdSecondsSql(f)})`.as('held'),
    })
    .from(conversationHolds)
    .innerJoin(conversations, eq(conversations.id, conversationHolds.conversationId))
    .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
    .where(and(scoped, ofContactIds(f, conversationHolds.conversationId)))
    .groupBy(conversationHolds.conversationId, conversationHolds.userId)})`;
  return { contacts, replies, held };
}

export const timesReport: ReportBuilder = async (ctx, f) => {
  const src = sources(ctx, f);
  // One pass over each source for every breakdown (grouping sets); the three run side by side.
  const [perConversation, replies, held] = await Promise.all([
    grouped(
      ctx.db,
      src.contacts,
      [['team_id'], ['day'], ['responder'], ['assignee_id'], []],
      sql`count(*)::int as contacts, ${stats('firstResponse', 'fr')}, ${stats('resolution', 'resolution')}, ${stats('handle', 'handle')}`,
    ),
    grouped(ctx.db, src.replies, [['team_id'], ['day'], ['sender_id'], []], stats('nextResponse', 'nr')),
    grouped(ctx.db, src.held, [['user_id']], sql`count(*)::int as handled, ${stats('handle', 'held')}`),
  ]);
  return buildTables(ctx, f, perConversation, replies, held);
};

/**
 * The by-agent figures of this report, averages only, for the agents report: handled, the average first
 * response, next response, resolution and handle time; and from the same statements the public replies
 * each sent, the first replies and the share of those within target. Keyed by agent id.
 */
export async function agentTimes(ctx: Ctx, f: ReportFrame): Promise<Map<string, Record<string, Cell>>> {
  const src = sources(ctx, f);
  const [contacts, replies, held] = await Promise.all([
    grouped(
      ctx.db,
      src.contacts,
      [['responder'], ['assignee_id']],
      sql`count(*)::int as first_replies, count(*) filter (where within)::int as within, count(within)::int as targeted,
        ${stats('firstResponse', 'fr', true)}, ${stats('resolution', 'resolution', true)}`,
    ),
    grouped(
      ctx.db,
      src.replies,
      [['sender_id']],
      sql`count(*)::int as replies, ${stats('nextResponse', 'nr', true)}`,
    ),
    grouped(ctx.db, src.held, [['user_id']], sql`count(*)::int as handled, ${stats('handle', 'held', true)}`),
  ]);
  const index = (rows: GroupedRow[], col: string) =>
    new Map(ofSet(rows, col).map((r) => [String(r[col]), r]));
  const byResponder = index(contacts, 'responder');
  const byAssignee = index(contacts, 'assignee_id');
  const bySender = index(replies, 'sender_id');
  const byHolder = index(held, 'user_id');
  const ids = new Set([...byResponder.keys(), ...byAssignee.keys(), ...bySender.keys(), ...byHolder.keys()]);
  ids.delete('null');
  return new Map(
    [...ids].map((id) => [
      id,
      {
        handled: num(byHolder.get(id)?.handled) ?? 0,
        firstResponseAvg: tenth(num(byResponder.get(id)?.firstResponse_avg)),
        nextResponseAvg: tenth(num(bySender.get(id)?.nextResponse_avg)),
        resolutionAvg: tenth(num(byAssignee.get(id)?.resolution_avg)),
        handleAvg: tenth(num(byHolder.get(id)?.handle_avg)),
        repliesSent: num(bySender.get(id)?.replies) ?? 0,
        firstReplies: num(byResponder.get(id)?.first_replies) ?? 0,
        withinTarget: percent(num(byResponder.get(id)?.within), num(byResponder.get(id)?.targeted)),
      },
    ]),
  );
}

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
