// What every report starts from: the range of days it covers, as instants in the account's time zone,
// and the filters that narrow the conversations it counts. An agent asks for their own figures only: the
// frame sets agentId to them whatever they asked, so no report can show them a colleague's numbers.
import { type AnyColumn, and, eq, exists, gte, lt, type SQL, sql } from 'drizzle-orm';
import type { Auth } from '#server/auth/auth.ts';
import type { HubContext } from '#server/context.ts';
import type { Db } from '#server/db/client.ts';
import { conversationLabels, conversations, inboxes } from '#server/db/schema.ts';
import { AppError } from '#server/errors.ts';
import { loadRoutingSettings } from '#server/routing/settings.ts';
import { isTimeZone } from '#shared/business-hours.ts';
import type { ChannelKind } from '#shared/channels.ts';
import type { ReportQuery } from '#shared/reports.schema.ts';
import type { RoutingSettings } from '#shared/routing.schema.ts';

/** Long enough for a year beside the one before it; longer ranges are a bulk export's job. */
export const MAX_RANGE_DAYS = 400;

export type ReportFilters = {
  channel?: ChannelKind;
  inboxId?: number;
  teamId?: number;
  agentId?: number;
  labelId?: number;
  category?: string;
  /** The sales report's campaign. */
  campaignId?: number;
};

export type ReportFrame = {
  accountId: number;
  /** The days asked for, both included, and the instants they cover: [startsAt, endsAt). */
  from: string;
  to: string;
  timeZone: string;
  startsAt: Date;
  endsAt: Date;
  /** Each local day of the range, in order: a by-day table lists every one, quiet days too. */
  days: string[];
  filters: ReportFilters;
  settings: RoutingSettings;
  /** The report's now: a wait still running is counted up to it. */
  now: Date;
  /**
   * The lowest and highest conversation id among the range's contacts (null: none). Every contact's id is
   * inside, so a join of holds, ratings or steps to the contacts can read that stretch of their
   * conversation index instead of looking each contact up (ids follow time, so it is about the range).
   */
  contactIds: { lo: number; hi: number } | null;
};

export async function reportFrame(
  ctx: HubContext,
  auth: Auth,
  q: Omit<ReportQuery, 'format' | 'table'>,
): Promise<ReportFrame> {
  const settings = await loadRoutingSettings(ctx.db, auth.accountId);
  const timeZone = q.timeZone ?? settings.businessHours?.timezone ?? 'UTC';
  if (!isTimeZone(timeZone)) throw new AppError('validation_failed', `unknown time zone ${timeZone}`);
  if (q.from > q.to) throw new AppError('validation_failed', 'from must not be after to');
  const days = daysBetween(q.from, q.to);
  if (days.length > MAX_RANGE_DAYS)
    throw new AppError('validation_failed', `a report covers at most ${MAX_RANGE_DAYS} days`);
  const id = (v?: string) => (v === undefined ? undefined : Number(v));
  const filters: ReportFilters = {
    channel: q.channel,
    inboxId: id(q.inboxId),
    teamId: id(q.teamId),
    agentId: auth.user.role === 'agent' ? auth.user.id : id(q.agentId),
    labelId: id(q.labelId),
    category: q.category,
    campaignId: id(q.campaignId),
  };
  const startsAt = localMidnight(q.from, timeZone);
  const endsAt = localMidnight(nextDay(q.to), timeZone);
  return {
    accountId: auth.accountId,
    from: q.from,
    to: q.to,
    timeZone,
    startsAt,
    endsAt,
    days,
    filters,
    settings,
    now: ctx.clock.now(),
    contactIds: await contactIdRange(ctx.db, auth.accountId, startsAt, endsAt),
  };
}

/** The lowest and highest id of the account's contacts whose first message is in [startsAt, endsAt). */
export async function contactIdRange(
  db: Db,
  accountId: number,
  startsAt: Date,
  endsAt: Date,
): Promise<ReportFrame['contactIds']> {
  // "+ 0": a bare min(id) is planned as a walk of the primary key from the account's first conversation,
  // filtering every older one; this way it reads the range's entries of the contacts' time index.
  const [ids] = await db
    .select({
      lo: sql<string | null>`min(${conversations.id} + 0)`,
      hi: sql<string | null>`max(${conversations.id} + 0)`,
    })
    .from(conversations)
    .where(
      and(
        eq(conversations.accountId, accountId),
        gte(conversations.firstCustomerMessageAt, startsAt),
        lt(conversations.firstCustomerMessageAt, endsAt),
      ),
    );
  return ids?.lo == null || ids.hi == null ? null : { lo: Number(ids.lo), hi: Number(ids.hi) };
}

/**
 * A conversation-id column bounded to the range's contacts (frame.contactIds); nothing passes when the
 * range has none. Only a narrowing: the join it is added to still matches each row to its contact.
 */
export function ofContactIds(f: ReportFrame, column: AnyColumn | SQL): SQL {
  if (!f.contactIds) return sql`false`;
  return sql`${column} between ${f.contactIds.lo} and ${f.contactIds.hi}`;
}

/**
 * The conversations a report may count: the account's, narrowed by the filters. Reads `conversations`
 * joined with `inboxes` (every report query joins them).
 */
export function scopeSql(f: ReportFrame): SQL {
  const x = f.filters;
  return and(
    eq(conversations.accountId, f.accountId),
    x.channel ? eq(inboxes.channel, x.channel) : undefined,
    x.inboxId !== undefined ? eq(conversations.inboxId, x.inboxId) : undefined,
    x.teamId !== undefined ? eq(conversations.teamId, x.teamId) : undefined,
    // The agent holds or held it (a transfer leaves it in both agents' figures).
    x.agentId !== undefined
      ? sql`(${conversations.assigneeId} = ${x.agentId} or ${x.agentId}::bigint = any(${conversations.heldBy}))`
      : undefined,
    x.category ? eq(conversations.category, x.category) : undefined,
    x.labelId !== undefined
      ? exists(
          sql`select 1 from ${conversationLabels} where ${conversationLabels.conversationId} = ${conversations.id} and ${conversationLabels.labelId} = ${x.labelId}`,
        )
      : undefined,
  ) as SQL;
}

/** An instant column inside the range. */
export const inRange = (f: ReportFrame, column: AnyColumn) =>
  and(gte(column, f.startsAt), lt(column, f.endsAt)) as SQL;

/** The local day (YYYY-MM-DD), hour (0–23) and weekday (0 = Sunday) of an instant column. */
export const localDaySql = (f: ReportFrame, column: SQL | object) =>
  sql<string>`to_char(${column} at time zone ${f.timeZone}, 'YYYY-MM-DD')`;
export const localHourSql = (f: ReportFrame, column: SQL | object) =>
  sql<number>`extract(hour from ${column} at time zone ${f.timeZone})::int`;
export const weekdaySql = (f: ReportFrame, column: SQL | object) =>
  sql<number>`extract(dow from ${column} at time zone ${f.timeZone})::int`;

/**
 * Bins: instants grouped by the stretch of local time they fall in, the whole hour where the zone's offset
 * is whole hours all through the range, else the quarter hour (every zone's offset is a multiple of 15
 * minutes). A report groups its rows by bin in SQL, a cheap hash of a timestamp, and sums the bins into
 * days, hours and weekdays here (localOfBin), instead of formatting every row's local time in SQL.
 */
export function binMinutes(f: ReportFrame): 15 | 60 {
  const instants = [...f.days.map((d) => localMidnight(d, f.timeZone)), f.endsAt];
  return instants.every((t) => offsetMs(t, f.timeZone) % 3_600_000 === 0) ? 60 : 15;
}

/** The bin of an instant column: the start of its bin (binMinutes), counted from the range's start. */
export const binSql = (f: ReportFrame, column: SQL | AnyColumn) =>
  sql`date_bin(${`${binMinutes(f)} minutes`}::interval, ${column}, ${f.startsAt.toISOString()}::timestamptz)`;

export type LocalTime = { day: string; hour: number; weekday: number; month: string };

/** The local day, hour, weekday (0 = Sunday) and month of a bin's start, as the driver returned it. */
export function localOfBin(f: ReportFrame): (bin: unknown) => LocalTime {
  const seen = new Map<number, LocalTime>();
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone: f.timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    weekday: 'short',
  });
  const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  return (bin) => {
    const t = bin instanceof Date ? bin.getTime() : Date.parse(String(bin));
    let local = seen.get(t);
    if (!local) {
      const p = Object.fromEntries(fmt.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
      const day = `${p.year}-${p.month}-${p.day}`;
      local = { day, hour: Number(p.hour), weekday: weekdays.indexOf(p.weekday), month: day.slice(0, 7) };
      seen.set(t, local);
    }
    return local;
  };
}

/** The filters as the report echoes them (ids as strings). */
export function filtersJson(f: ReportFrame): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(f.filters)) if (v !== undefined) out[k] = String(v);
  return out;
}

export function rangeJson(f: ReportFrame) {
  return {
    from: f.from,
    to: f.to,
    timeZone: f.timeZone,
    startsAt: f.startsAt.toISOString(),
    endsAt: f.endsAt.toISOString(),
  };
}

export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to && out.length <= MAX_RANGE_DAYS; d = nextDay(d)) out.push(d);
  return out;
}

export function nextDay(day: string): string {
  const t = Date.parse(`${day}T00:00:00Z`) + 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** The instant a local day starts in a zone (DST-aware: the zone's offset at that instant). */
export function localMidnight(day: string, timeZone: string): Date {
  const wall = Date.parse(`${day}T00:00:00Z`);
  let t = wall - offsetMs(new Date(wall), timeZone);
  // Once more at the guess: the offset may differ on either side of a DST change.
  t = wall - offsetMs(new Date(t), timeZone);
  return new Date(t);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** How far the zone's wall clock is ahead of UTC at `at`, in ms. */
function offsetMs(at: Date, timeZone: string): number {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
  const wall = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return wall - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * The agents a conversation belongs to, as the agent filter keeps them: everyone who held it
 * (conversations.held_by, kept from its holds) and its assignee, each once. A by-agent table counts a
 * transferred conversation for each agent who held it.
 */
export const agentsSql = sql<
  number[]
>`(case when ${conversations.assigneeId} is null or ${conversations.assigneeId} = any(${conversations.heldBy}) then ${conversations.heldBy} else ${conversations.heldBy} || ${conversations.assigneeId} end)`;
