// Volume: how many contacts and messages arrived, per day and per channel and inbox, and when in the week
// contacts arrive (an hour-of-week heatmap for staffing). Contacts are counted on the day the customer
// first wrote; messages on the day they were stored, for the conversations the filters keep.
import { and, eq, sql } from 'drizzle-orm';
import { conversations, inboxes, messages } from '#server/db/schema.ts';
import { note, registeredSql, reopenedSql } from './definitions.ts';
import { inRange, localDaySql, localHourSql, type ReportFrame, scopeSql, weekdaySql } from './frame.ts';
import { grouped, ofSet } from './grouped.ts';
import { column, num, type ReportBuilder, row, table } from './table.ts';

export const volumeReport: ReportBuilder = async (ctx, f) => {
  const at = conversations.firstCustomerMessageAt;
  const contacts = await grouped(
    ctx.db,
    sql`(${ctx.db
      .select({
        day: localDaySql(f, at).as('day'),
        weekday: weekdaySql(f, at).as('weekday'),
        hour: localHourSql(f, at).as('hour'),
        inbox_id: sql<number>`${conversations.inboxId}`.as('inbox_id'),
        reopened: sql<boolean>`${reopenedSql}`.as('reopened'),
      })
      .from(conversations)
      .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
      .where(and(scopeSql(f), registeredSql(f)))})`,
    [['day'], ['inbox_id'], ['weekday', 'hour'], []],
    sql`count(*)::int as contacts, count(*) filter (where reopened)::int as reopened`,
  );
  const traffic = await grouped(
    ctx.db,
    sql`(${ctx.db
      .select({
        day: localDaySql(f, messages.createdAt).as('day'),
        inbox_id: sql<number>`${messages.inboxId}`.as('inbox_id'),
        inbound: sql<boolean>`${messages.direction} = 'in'`.as('inbound'),
      })
      .from(messages)
      .innerJoin(inboxes, eq(inboxes.id, messages.inboxId))
      .where(
        and(
          eq(messages.accountId, f.accountId),
          inRange(f, messages.createdAt),
          eq(messages.private, false),
          // A filter about the conversation (team, agent, label, category) needs its row; the channel and
          // inbox are the message's own, and a month of messages need not be matched to a year of
          // conversations for them.
          byConversation(f)
            ? sql`exists (select 1 from ${conversations} where ${conversations.id} = ${messages.conversationId} and ${scopeSql(f)})`
            : sql`${inboxes.accountId} = ${f.accountId}${f.filters.channel ? sql` and ${inboxes.channel} = ${f.filters.channel}` : sql``}${f.filters.inboxId !== undefined ? sql` and ${inboxes.id} = ${f.filters.inboxId}` : sql``}`,
        ),
      )})`,
    [['day'], ['inbox_id'], []],
    sql`count(*) filter (where inbound)::int as messages_in, count(*) filter (where not inbound)::int as messages_out`,
  );
  const boxes = await ctx.db
    .select({ id: inboxes.id, name: inboxes.name, channel: inboxes.channel })
    .from(inboxes)
    .where(eq(inboxes.accountId, f.accountId));
  const key = (v: unknown) => String(v);
  const by = (rows: typeof contacts, k: string) => new Map(rows.map((r) => [key(r[k]), r]));
  const cDay = by(ofSet(contacts, 'day'), 'day');
  const mDay = by(ofSet(traffic, 'day'), 'day');
  const cInbox = by(ofSet(contacts, 'inbox_id'), 'inbox_id');
  const mInbox = by(ofSet(traffic, 'inbox_id'), 'inbox_id');
  const cell = (r: Record<string, unknown> | undefined, k: string) => num(r?.[k]) ?? 0;
  const cTotal = ofSet(contacts)[0];
  const mTotal = ofSet(traffic)[0];
  const figures = (c?: Record<string, unknown>, m?: Record<string, unknown>) => ({
    contacts: cell(c, 'contacts'),
    messagesIn: cell(m, 'messages_in'),
    messagesOut: cell(m, 'messages_out'),
    reopened: cell(c, 'reopened'),
  });
  const counts = [
    column('contacts', 'Contacts', 'count', 'registered'),
    column('messagesIn', 'Messages in', 'count'),
    column('messagesOut', 'Messages out', 'count'),
    column('reopened', 'Reopened', 'count', 'reopened'),
  ];
  const cells = new Map(
    ofSet(contacts, 'weekday', 'hour').map((r) => [`${r.weekday}-${r.hour}`, cell(r, 'contacts')]),
  );
  const active = boxes.filter((b) => cInbox.has(key(b.id)) || mInbox.has(key(b.id)));
  return {
    counting: [note('registered'), note('messages'), note('reopened'), note('heatmap')],
    tables: [
      table(
        'byDay',
        'By day',
        [column('day', 'Day', 'date'), ...counts],
        f.days.map((day) => row(day, { day, ...figures(cDay.get(day), mDay.get(day)) }, { day })),
        row('total', { day: null, ...figures(cTotal, mTotal) }),
      ),
      table(
        'byInbox',
        'By channel and inbox',
        [column('channel', 'Channel', 'text'), column('inbox', 'Inbox', 'text'), ...counts],
        active
          .map((b) =>
            row(
              key(b.id),
              { channel: b.channel, inbox: b.name, ...figures(cInbox.get(key(b.id)), mInbox.get(key(b.id))) },
              { inboxId: key(b.id) },
            ),
          )
          .sort((a, b) => Number(b.cells.contacts) - Number(a.cells.contacts)),
        row('total', { channel: null, inbox: null, ...figures(cTotal, mTotal) }),
      ),
      table(
        'heatmap',
        'Contacts by hour of the week',
        [
          column('weekday', 'Weekday', 'weekday'),
          column('hour', 'Hour', 'hour'),
          column('contacts', 'Contacts', 'count', 'registered'),
        ],
        Array.from({ length: 7 * 24 }, (_, i) => {
          const [weekday, hour] = [Math.floor(i / 24), i % 24];
          return row(
            `${weekday}-${hour}`,
            { weekday, hour, contacts: cells.get(`${weekday}-${hour}`) ?? 0 },
            { weekday: String(weekday), hour: String(hour) },
          );
        }),
      ),
    ],
  };
};

const byConversation = (f: ReportFrame) =>
  [f.filters.teamId, f.filters.agentId, f.filters.labelId, f.filters.category].some((x) => x !== undefined);
