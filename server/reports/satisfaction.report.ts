// Satisfaction (issue 16, report 5): average rating, the distribution of the 1–5 scores, the survey's
// response rate and the customers' comments, per channel, team and agent. It counts the range's contacts
// (registeredSql), as every report does, so "rated" here is the drill-down's "rated" and the volume
// report's contacts. Surveyed = the survey was asked (its step done) or the customer rated anyway;
// response rate = rated ÷ surveyed. An agent's row counts the conversations they hold or held, as the
// agent filter keeps them (a transferred conversation counts for each agent who held it), so a row's
// drill-down lists exactly its conversations and an agent's own report shows their row's figures.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '#server/db/client.ts';
import { conversationRatings, conversations, inboxes, teams, users } from '#server/db/schema.ts';
import { accountTemplates, surveySteps } from './account-templates.ts';
import { note, percent, registeredSql, surveyedSql } from './definitions.ts';
import { agentsSql, localDaySql, ofContactIds, type ReportFrame, scopeSql } from './frame.ts';
import { perAgent } from './per-agent.ts';
import { type Cell, column, num, type ReportBuilder, row, table } from './table.ts';

/** The comments table lists the latest ones only; the drill-down (metric rated) lists every rated contact. */
export const COMMENTS_SHOWN = 200;

type Figures = { contacts: number; surveyed: number; rated: number; average: number | null };
type Group = Figures & {
  g_channel: number;
  g_team: number;
  g_rating: number;
  channel: string | null;
  team_id: number | null;
  rating: number | null;
};

const hundredth = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);

const cellsOf = (g: Figures | undefined): Record<string, Cell> => ({
  contacts: num(g?.contacts) ?? 0,
  surveyed: num(g?.surveyed) ?? 0,
  rated: num(g?.rated) ?? 0,
  responseRate: percent(num(g?.rated) ?? 0, num(g?.surveyed)),
  averageRating: hundredth(num(g?.average)),
});

const figureColumns = [
  column('contacts', 'Contacts', 'count', 'registered'),
  column('surveyed', 'Surveyed', 'count'),
  column('rated', 'Rated', 'count', 'rated'),
  column('responseRate', 'Response rate', 'percent'),
  column('averageRating', 'Average rating', 'rating'),
];

export const satisfactionReport: ReportBuilder = async (ctx, f) => {
  const steps = surveySteps(await accountTemplates(ctx.db, f.accountId));
  const [groups, agents, comments] = await Promise.all([
    satisfactionGroups(ctx.db, f, steps),
    agentFigures(ctx.db, f, steps),
    latestComments(ctx.db, f),
  ]);
  const of = (k: 'channel' | 'team' | 'rating') => groups.filter((g) => Number(g[`g_${k}`]) === 0);
  const all = groups.find((g) => [g.g_channel, g.g_team, g.g_rating].every((x) => Number(x) === 1));
  const teamIds = of('team').flatMap((g) => (g.team_id === null ? [] : [Number(g.team_id)]));
  const teamNames = new Map(
    teamIds.length
      ? (
          await ctx.db
            .select({ id: teams.id, name: teams.name })
            .from(teams)
            .where(and(eq(teams.accountId, f.accountId), inArray(teams.id, teamIds)))
        ).map((t) => [t.id, t.name])
      : [],
  );
  const scores = new Map(of('rating').map((g) => [Number(g.rating), num(g.rated) ?? 0]));
  const rated = num(all?.rated) ?? 0;
  const byContacts = (a: Figures, b: Figures) => Number(b.contacts) - Number(a.contacts);

  return {
    counting: [
      note('registered'),
      note('surveyed'),
      note('perAgent'),
      note('comments', { count: COMMENTS_SHOWN }),
    ],
    tables: [
      table(
        'byChannel',
        'By channel',
        [column('channel', 'Channel', 'text'), ...figureColumns],
        of('channel')
          .sort(byContacts)
          .map((g) =>
            row(String(g.channel), { channel: g.channel, ...cellsOf(g) }, { channel: String(g.channel) }),
          ),
        row('total', { channel: null, ...cellsOf(all) }),
      ),
      table(
        'byTeam',
        'By team',
        [column('team', 'Team', 'text'), ...figureColumns],
        of('team')
          .sort(byContacts)
          .map((g) =>
            g.team_id === null
              ? row('none', { team: null, ...cellsOf(g) })
              : row(
                  String(g.team_id),
                  { team: teamNames.get(Number(g.team_id)) ?? null, ...cellsOf(g) },
                  { teamId: String(g.team_id) },
                ),
          ),
        row('total', { team: null, ...cellsOf(all) }),
      ),
      table(
        'byAgent',
        'By agent',
        [column('agent', 'Agent', 'text'), ...figureColumns],
        agents.map((a) =>
          row(String(a.agent_id), { agent: a.name, ...cellsOf(a) }, { agentId: String(a.agent_id) }),
        ),
        row('total', { agent: null, ...cellsOf(all) }),
      ),
      table(
        'distribution',
        'Ratings by score',
        [
          column('rating', 'Rating', 'rating'),
          column('rated', 'Rated', 'count', 'rated'),
          column('share', 'Share', 'percent'),
        ],
        [5, 4, 3, 2, 1].map((r) =>
          row(
            String(r),
            { rating: r, rated: scores.get(r) ?? 0, share: percent(scores.get(r) ?? 0, rated) },
            { rating: String(r) },
          ),
        ),
        row('total', { rating: null, rated, share: percent(rated, rated) }),
      ),
      table(
        'comments',
        `Comments (the latest ${COMMENTS_SHOWN})`,
        [
          column('day', 'Day', 'date'),
          column('rating', 'Rating', 'rating'),
          column('channel', 'Channel', 'text'),
          column('agent', 'Agent', 'text'),
          column('conversationId', 'Conversation', 'text'),
          column('comment', 'Comment', 'text'),
        ],
        comments.map((c) =>
          row(String(c.conversationId), {
            day: c.day,
            rating: c.rating,
            channel: c.channel,
            agent: c.agent,
            conversationId: String(c.conversationId),
            comment: c.comment,
          }),
        ),
      ),
    ],
  };
};

/** The range's contacts, one row each, with what the groupings read. */
function contactsOf(db: Db, f: ReportFrame, steps: { protocol: string; key: string }[]) {
  // Ratings joined once over the contacts' stretch of ids, not looked up contact by contact.
  const rated = sql<boolean>`(${conversationRatings.rating} is not null)`;
  return db
    .select({
      id: sql<number>`${conversations.id}`.as('id'),
      channel: sql<string>`${inboxes.channel}`.as('channel'),
      teamId: sql<number | null>`${conversations.teamId}`.as('team_id'),
      assigneeId: sql<number | null>`${conversations.assigneeId}`.as('assignee_id'),
      rating: sql<number | null>`${conversationRatings.rating}`.as('rating'),
      surveyed: sql<boolean>`${surveyedSql(steps, rated)}`.as('surveyed'),
      agents: sql<number[]>`${agentsSql}`.as('agents'),
    })
    .from(conversations)
    .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
    .leftJoin(
      conversationRatings,
      and(
        eq(conversationRatings.conversationId, conversations.id),
        ofContactIds(f, conversationRatings.conversationId),
      ),
    )
    .where(sql`${scopeSql(f)} and ${registeredSql(f)}`)
    .as('t');
}

const figuresSql = sql`count(*)::int as contacts, count(*) filter (where t.surveyed)::int as surveyed,
  count(t.rating)::int as rated, avg(t.rating)::float8 as average`;

async function satisfactionGroups(db: Db, f: ReportFrame, steps: { protocol: string; key: string }[]) {
  const r = await db.execute(sql`
    select grouping(t.channel) as g_channel, grouping(t.team_id) as g_team, grouping(t.rating) as g_rating,
      t.channel, t.team_id, t.rating, ${figuresSql}
    from ${contactsOf(db, f, steps)}
    group by grouping sets ((t.channel), (t.team_id), (t.rating), ())`);
  return rowsOf<Group>(r);
}

/** Per agent who holds or held the contact; with an agent filter, that agent's row only. */
async function agentFigures(db: Db, f: ReportFrame, steps: { protocol: string; key: string }[]) {
  return perAgent<Figures>(db, f, sql`${contactsOf(db, f, steps)}`, 't', figuresSql, 'contacts');
}

/** Each agent's figures, as this report's by-agent table gives them, keyed by agent id (the agents report). */
export async function agentSatisfaction(
  ctx: Parameters<ReportBuilder>[0],
  f: ReportFrame,
): Promise<Map<string, Record<string, Cell>>> {
  const steps = surveySteps(await accountTemplates(ctx.db, f.accountId));
  const rows = await agentFigures(ctx.db, f, steps);
  return new Map(rows.map((a) => [String(a.agent_id), cellsOf(a)]));
}

async function latestComments(db: Db, f: ReportFrame) {
  return db
    .select({
      conversationId: conversations.id,
      day: localDaySql(f, conversationRatings.createdAt),
      rating: conversationRatings.rating,
      channel: inboxes.channel,
      agent: users.name,
      comment: conversationRatings.comment,
    })
    .from(conversationRatings)
    .innerJoin(conversations, eq(conversations.id, conversationRatings.conversationId))
    .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
    .leftJoin(users, eq(users.id, conversationRatings.agentId))
    .where(sql`${scopeSql(f)} and ${registeredSql(f)} and ${conversationRatings.comment} is not null`)
    .orderBy(desc(conversationRatings.createdAt), desc(conversationRatings.id))
    .limit(COMMENTS_SHOWN);
}
