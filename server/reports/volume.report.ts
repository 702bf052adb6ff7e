// Volume: how many contacts and messages arrived, per day and per channel and inbox, and when in the week
// contacts arrive (an hour-of-week heatmap for staffing). Contacts are counted on the day the customer
// first wrote; messages on the day they were stored, for the conversations the filters keep.
import { and, eq, sql } from 'drizzle-orm';
import { conversations, inboxes, messages } from '#server/db/schema.ts';
import { note, registeredSql, reopenedSql } from './definitions.ts';
import { binSql, inRange, localOfBin, type ReportFrame, scopeSql } from './frame.ts';
import { column, type ReportBuilder, row, table } from './table.ts';

export const volumeReport: ReportBuilder = async (ctx, f) => {
  const at = conversations.firstCustomerMessageAt;
  // Both statements group by bin (frame.ts binSql) and inbox; the days, the week's hours and the totals
  // are summed from the bins here.
  const [contactBins, messageBins] = await Promise.all([
    ctx.db
      .select({
        bin: binSql(f, at).as('bin'),
        inboxId: conversations.inboxId,
        contacts: sql<number>`count(*)::int`,
        reopened: sql<number>`count(*) filter (where ${reopenedSql})::int`,
      })
      .from(conversations)
      .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
      .where(and(scopeSql(f), registeredSql(f)))
      .groupBy(sql`bin`, conversations.inboxId),
    ctx.db
      .select({
        bin: binSql(f, messages.createdAt).as('bin'),
        inboxId: messages.inboxId,
        messagesIn: sql<number>`count(*) filter (where ${messages.direction} = 'in')::int`,
        messagesOut: sql<number>`count(*) filter (where ${messages.direction} <> 'in')::int`,
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
      )
      .groupBy(sql`bin`, messages.inboxId),
  ]);
  const local = localOfBin(f);
  const counts = (keys: string[]) =>
    new Map(keys.map((k) => [k, { contacts: 0, reopened: 0, messagesIn: 0, messagesOut: 0 }]));
  type Sum = { contacts: number; reopened: number; messagesIn: number; messagesOut: number };
  const add = (m: Map<string, Sum>, k: string, v: Partial<Sum>) => {
    const cur = m.get(k) ?? { contacts: 0, reopened: 0, messagesIn: 0, messagesOut: 0 };
    for (const [name, n] of Object.entries(v)) cur[name as keyof Sum] += Number(n ?? 0);
    m.set(k, cur);
  };
  const perDay = counts(f.days);
  const perInbox = new Map<string, Sum>();
  const perHourOfWeek = new Map<string, Sum>();
  const total = new Map<string, Sum>();
  for (const b of contactBins) {
    const t = local(b.bin);
    const v = { contacts: b.contacts, reopened: b.reopened };
    add(perDay, t.day, v);
    add(perInbox, String(b.inboxId), v);
    add(perHourOfWeek, `${t.weekday}-${t.hour}`, v);
    add(total, '', v);
  }
  for (const b of messageBins) {
    const t = local(b.bin);
    const v = { messagesIn: b.messagesIn, messagesOut: b.messagesOut };
    add(perDay, t.day, v);
    add(perInbox, String(b.inboxId), v);
    add(total, '', v);
  }
  const boxes = await ctx.db
    .select({ id: inboxes.id, name: inboxes.name, channel: inboxes.channel })
    .from(inboxes)
    .where(eq(inboxes.accountId, f.accountId));
  const key = (v: unknown) => String(v);
  const figures = (x?: Sum) => ({
    contacts: x?.contacts ?? 0,
    messagesIn: x?.messagesIn ?? 0,
    messagesOut: x?.messagesOut ?? 0,
    reopened: x?.reopened ?? 0,
  });
  const columns = [
    column('contacts', 'Contacts', 'count', 'registered'),
    column('messagesIn', 'Messages in', 'count'),
    column('messagesOut', 'Messages out', 'count'),
    column('reopened', 'Reopened', 'count', 'reopened'),
  ];
  const active = boxes.filter((b) => perInbox.has(key(b.id)));
  return {
    counting: [note('registered'), note('messages'), note('reopened'), note('heatmap')],
    tables: [
      table(
        'byDay',
        'By day',
        [column('day', 'Day', 'date'), ...columns],
        f.days.map((day) => row(day, { day, ...figures(perDay.get(day)) }, { day })),
        row('total', { day: null, ...figures(total.get('')) }),
      ),
      table(
        'byInbox',
        'By channel and inbox',
        [column('channel', 'Channel', 'text'), column('inbox', 'Inbox', 'text'), ...columns],
        active
          .map((b) =>
            row(
              key(b.id),
              { channel: b.channel, inbox: b.name, ...figures(perInbox.get(key(b.id))) },
              { inboxId: key(b.id) },
            ),
          )
          .sort((a, b) => Number(b.cells.contacts) - Number(a.cells.contacts)),
        row('total', { channel: null, inbox: null, ...figures(total.get('')) }),
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
            { weekday, hour, contacts: perHourOfWeek.get(`${weekday}-${hour}`)?.contacts ?? 0 },
            { weekday: String(weekday), hour: String(hour) },
          );
        }),
      ),
    ],
  };
};

const byConversation = (f: ReportFrame) =>
  [f.filters.teamId, f.filters.agentId, f.filters.labelId, f.filters.category].some((x) => x !== undefined);
