// Abandoned and unanswered: customers who left before any agent answered, how long they had waited, and
// QP-14's unanswered contacts (waited longer than the manager's threshold for a first reply), per day
// and per channel.
import { and, eq, sql } from 'drizzle-orm';
import { conversations, inboxes } from '#server/db/schema.ts';
import {
  abandonedSql,
  abandonWaitSql,
  note,
  percent,
  registeredSql,
  tenth,
  unansweredSql,
} from './definitions.ts';
import { localDaySql, scopeSql } from './frame.ts';
import { type GroupedRow, grouped, ofSet } from './grouped.ts';
import { type Cell, column, num, type ReportBuilder, row, table } from './table.ts';

export const abandonedReport: ReportBuilder = async (ctx, f) => {
  const rows = await grouped(
    ctx.db,
    sql`(${ctx.db
      .select({
        day: localDaySql(f, conversations.firstCustomerMessageAt).as('day'),
        channel: sql<string>`${inboxes.channel}`.as('channel'),
        abandoned: sql<boolean>`${abandonedSql}`.as('abandoned'),
        waited: sql<number>`case when ${abandonedSql} then ${abandonWaitSql} end`.as('waited'),
        unanswered: sql<boolean>`${unansweredSql(f)}`.as('unanswered'),
      })
      .from(conversations)
      .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
      .where(and(scopeSql(f), registeredSql(f)))})`,
    [['day'], ['channel'], []],
    sql`count(*)::int as contacts, count(*) filter (where abandoned)::int as abandoned,
      avg(waited) as waited_avg, percentile_cont(0.9) within group (order by waited) as waited_p90,
      count(*) filter (where unanswered)::int as unanswered`,
  );
  const figures = (r: GroupedRow | undefined): Record<string, Cell> => {
    const contacts = num(r?.contacts) ?? 0;
    const abandoned = num(r?.abandoned) ?? 0;
    const unanswered = num(r?.unanswered) ?? 0;
    return {
      contacts,
      abandoned,
      abandonRate: percent(abandoned, contacts),
      waitBeforeLeavingAvg: tenth(num(r?.waited_avg)),
      waitBeforeLeavingP90: tenth(num(r?.waited_p90)),
      unanswered,
      unansweredRate: percent(unanswered, contacts),
    };
  };
  const columns = [
    column('contacts', 'Contacts', 'count', 'registered'),
    column('abandoned', 'Abandoned', 'count', 'abandoned'),
    column('abandonRate', 'Abandon rate', 'percent'),
    column('waitBeforeLeavingAvg', 'Wait before leaving, average', 'seconds'),
    column('waitBeforeLeavingP90', 'Wait before leaving, p90', 'seconds'),
    column('unanswered', 'Unanswered (QP-14)', 'count', 'unanswered'),
    column('unansweredRate', 'Unanswered rate', 'percent'),
  ];
  const byDay = new Map(ofSet(rows, 'day').map((r) => [String(r.day), r]));
  const total = ofSet(rows)[0];
  return {
    counting: [
      note('registered'),
      note('abandoned'),
      note('unansweredThreshold', { seconds: f.settings.unansweredSeconds }),
      note('waitBeforeLeaving'),
    ],
    tables: [
      table(
        'byDay',
        'By day',
        [column('day', 'Day', 'date'), ...columns],
        f.days.map((day) => row(day, { day, ...figures(byDay.get(day)) }, { day })),
        row('total', { day: null, ...figures(total) }),
      ),
      table(
        'byChannel',
        'By channel',
        [column('channel', 'Channel', 'text'), ...columns],
        ofSet(rows, 'channel').map((r) =>
          row(
            String(r.channel),
            { channel: String(r.channel), ...figures(r) },
            { channel: String(r.channel) },
          ),
        ),
        row('total', { channel: null, ...figures(total) }),
      ),
    ],
  };
};
