// Service level: % of contacts answered within their channel's first-response target (chat: 20 s), per
// channel, per day, per hour of the day, and per month as the 109 procedure reports it to the regulator
// (answered within 20 s ÷ all registered × 100). One pass over the range's contacts, grouped by local
// hour and channel, summed into each breakdown (serviceLevelGroups), so a month costs one scan.
import { eq, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '#server/db/client.ts';
import { conversations, inboxes } from '#server/db/schema.ts';
import {
  abandonedSql,
  answeredSql,
  firstResponseSql,
  note,
  percent,
  registeredSql,
  targetSecondsSql,
  tenth,
  unansweredSql,
  withinTargetSql,
} from './definitions.ts';
import { binSql, localOfBin, type ReportFrame, scopeSql } from './frame.ts';
import { type Cell, column, num, type ReportBuilder, row, table } from './table.ts';

type Group = {
  g_channel: number;
  g_day: number;
  g_hour: number;
  g_month: number;
  channel: string | null;
  day: string | null;
  hour: number | null;
  month: string | null;
  registered: number;
  targeted: number;
  answered: number;
  within: number;
  fr_avg: number | null;
  abandoned: number;
  unanswered: number;
  target: number | null;
};

export const serviceLevelReport: ReportBuilder = async (ctx, f) => {
  const groups = await serviceLevelGroups(ctx.db, f);
  // grouping(x) is 0 in the rows grouped by x: each grouping set holds one column.
  const of = (k: 'channel' | 'day' | 'hour' | 'month') => groups.filter((g) => Number(g[`g_${k}`]) === 0);
  const all = groups.find((g) => [g.g_channel, g.g_day, g.g_hour, g.g_month].every((x) => Number(x) === 1));
  const figures = (g: Group | undefined): Record<string, Cell> => ({
    registered: num(g?.registered) ?? 0,
    answered: num(g?.answered) ?? 0,
    answeredWithin: num(g?.within) ?? 0,
    notAnswered: (num(g?.registered) ?? 0) - (num(g?.answered) ?? 0),
    serviceLevel: percent(num(g?.within), num(g?.targeted)),
    averageFirstResponse: tenth(num(g?.fr_avg)),
    abandoned: num(g?.abandoned) ?? 0,
    unanswered: num(g?.unanswered) ?? 0,
  });
  const byKey = <K extends 'channel' | 'day' | 'hour' | 'month'>(k: K) =>
    new Map(of(k).map((g) => [String(g[k]), g]));

  const channels = byKey('channel');
  const days = byKey('day');
  const hours = byKey('hour');
  const months = byKey('month');
  const counts = [
    column('registered', 'Contacts', 'count', 'registered'),
    column('answeredWithin', 'Within target', 'count', 'answered_within'),
    column('serviceLevel', 'Service level', 'percent'),
  ];
  return {
    counting: [
      note('registered'),
      note('answered'),
      note('firstResponse'),
      note('serviceLevel'),
      note('unanswered'),
    ],
    tables: [
      table(
        'byDay',
        'By day',
        [
          column('day', 'Day', 'date'),
          ...counts,
          column('averageFirstResponse', 'Average first response', 'seconds'),
        ],
        f.days.map((day) => row(day, { day, ...figures(days.get(day)) }, { day })),
        row('total', { day: null, ...figures(all) }),
      ),
      table(
        'byChannel',
        'By channel',
        [
          column('channel', 'Channel', 'text'),
          column('targetSeconds', 'Target', 'seconds'),
          column('registered', 'Contacts', 'count', 'registered'),
          column('answered', 'Answered', 'count', 'answered'),
          column('answeredWithin', 'Within target', 'count', 'answered_within'),
          column('notAnswered', 'Not answered', 'count', 'not_answered'),
          column('serviceLevel', 'Service level', 'percent'),
          column('averageFirstResponse', 'Average first response', 'seconds'),
          column('abandoned', 'Abandoned', 'count', 'abandoned'),
          column('unanswered', 'Unanswered (QP-14)', 'count', 'unanswered'),
        ],
        [...channels.values()]
          .sort((a, b) => Number(b.registered) - Number(a.registered))
          .map((g) =>
            row(
              String(g.channel),
              { channel: g.channel, targetSeconds: num(g.target), ...figures(g) },
              { channel: String(g.channel) },
            ),
          ),
        row('total', { channel: null, targetSeconds: null, ...figures(all) }),
      ),
      table(
        'byHour',
        'By hour of the day',
        [column('hour', 'Hour', 'hour'), ...counts],
        Array.from({ length: 24 }, (_, h) =>
          row(String(h), { hour: h, ...figures(hours.get(String(h))) }, { hour: String(h) }),
        ),
      ),
      table(
        'regulator',
        'Monthly indicator (109): answered within target ÷ all registered × 100',
        [column('month', 'Month', 'text'), ...counts],
        monthsOf(f).map((m) =>
          row(m.month, { month: m.month, ...figures(months.get(m.month)) }, { from: m.from, to: m.to }),
        ),
      ),
    ],
  };
};

/** Every calendar month the range touches, each clipped to the range. */
function monthsOf(f: ReportFrame) {
  const out: { month: string; from: string; to: string }[] = [];
  for (const day of f.days) {
    const month = day.slice(0, 7);
    const last = out.at(-1);
    if (last?.month === month) last.to = day;
    else out.push({ month, from: day, to: day });
  }
  return out;
}

/**
 * The contacts' figures by channel, day, hour of the day, month and in total. The database groups the
 * range's contacts by bin (frame.ts binSql: a local hour or quarter) and channel, one cheap hash; the
 * breakdowns are summed from those rows here.
 */
export async function serviceLevelGroups(db: Db, f: ReportFrame): Promise<Group[]> {
  const inner = db
    .select({
      channel: sql<string>`${inboxes.channel}`.as('channel'),
      bin: binSql(f, conversations.firstCustomerMessageAt).as('bin'),
      target: targetSecondsSql(f).as('target'),
      answered: sql<boolean>`${answeredSql}`.as('answered'),
      within: sql<boolean>`${withinTargetSql(f)}`.as('within'),
      fr: sql<number>`${firstResponseSql}`.as('fr'),
      abandoned: sql<boolean>`${abandonedSql}`.as('abandoned'),
      unanswered: sql<boolean>`${unansweredSql(f)}`.as('unanswered'),
    })
    .from(conversations)
    .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
    .where(sql`${scopeSql(f)} and ${registeredSql(f)}`)
    .as('t');
  const r = await db.execute(sql`
    select bin, channel,
      count(*)::int as registered,
      count(*) filter (where target is not null)::int as targeted,
      count(*) filter (where answered)::int as answered,
      count(*) filter (where within)::int as within,
      sum(fr) filter (where answered)::float8 as fr_sum,
      count(fr) filter (where answered)::int as fr_n,
      count(*) filter (where abandoned)::int as abandoned,
      count(*) filter (where unanswered)::int as unanswered,
      max(target) as target
    from ${inner}
    group by bin, channel`);
  type Bin = {
    bin: unknown;
    channel: string;
    registered: number;
    targeted: number;
    answered: number;
    within: number;
    fr_sum: number | null;
    fr_n: number;
    abandoned: number;
    unanswered: number;
    target: number | null;
  };
  type Sum = Omit<Bin, 'bin' | 'channel'>;
  const local = localOfBin(f);
  const sets = {
    channel: new Map<string, Sum>(),
    day: new Map<string, Sum>(),
    hour: new Map<string, Sum>(),
    month: new Map<string, Sum>(),
    all: new Map<string, Sum>(),
  };
  const add = (m: Map<string, Sum>, k: string, b: Bin) => {
    const cur = m.get(k) ?? {
      registered: 0,
      targeted: 0,
      answered: 0,
      within: 0,
      fr_sum: null,
      fr_n: 0,
      abandoned: 0,
      unanswered: 0,
      target: null,
    };
    cur.registered += Number(b.registered);
    cur.targeted += Number(b.targeted);
    cur.answered += Number(b.answered);
    cur.within += Number(b.within);
    if (b.fr_sum !== null) cur.fr_sum = (cur.fr_sum ?? 0) + Number(b.fr_sum);
    cur.fr_n += Number(b.fr_n);
    cur.abandoned += Number(b.abandoned);
    cur.unanswered += Number(b.unanswered);
    if (b.target !== null) cur.target = Math.max(cur.target ?? 0, Number(b.target));
    m.set(k, cur);
  };
  for (const b of rowsOf<Bin>(r)) {
    const t = local(b.bin);
    add(sets.channel, String(b.channel), b);
    add(sets.day, t.day, b);
    add(sets.hour, String(t.hour), b);
    add(sets.month, t.month, b);
    add(sets.all, '', b);
  }
  const group = (k: keyof typeof sets, key: string, v: Sum): Group => ({
    g_channel: k === 'channel' ? 0 : 1,
    g_day: k === 'day' ? 0 : 1,
    g_hour: k === 'hour' ? 0 : 1,
    g_month: k === 'month' ? 0 : 1,
    channel: k === 'channel' ? key : null,
    day: k === 'day' ? key : null,
    hour: k === 'hour' ? Number(key) : null,
    month: k === 'month' ? key : null,
    registered: v.registered,
    targeted: v.targeted,
    answered: v.answered,
    within: v.within,
    fr_avg: v.fr_n ? (v.fr_sum ?? 0) / v.fr_n : null,
    abandoned: v.abandoned,
    unanswered: v.unanswered,
    target: v.target,
  });
  return (Object.keys(sets) as (keyof typeof sets)[]).flatMap((k) =>
    [...sets[k]].map(([key, v]) => group(k, key, v)),
  );
}
