// What the attendance report reads: the agents it lists (with the calendar that sets their shifts) and
// their presence sessions over the range. Sessions are found by when they started, which the indexes
// hold: those that started inside the range (account index), plus, per user, the one session that was
// running as the range began (user index, one probe each) — a break taken the evening before still
// counts from the first local midnight.
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '#server/db/client.ts';
import { type Presence, teamMembers, teams, users } from '#server/db/schema.ts';
import { teamSettingsOf } from '#server/routing/settings.ts';
import { hoursOfTeam } from '#server/routing/team-hours.ts';
import type { Hours } from '#shared/business-hours.ts';
import { type Session, type Span, timeline } from './attendance-split.ts';
import type { ReportFrame } from './frame.ts';
import { num } from './table.ts';

export type AttendanceAgent = {
  id: number;
  name: string;
  /** Before this nobody expected them: their account was made, or their first session we read began. */
  since: number;
  hours: Hours | null;
  spans: Span[];
};

type SessionRow = {
  user_id: number | string;
  status: Presence;
  reason: string | null;
  started: number | string;
  ended: number | string | null;
};

/** Users narrowed by the report's agent and team filters (`id` is the user id column to test). */
function userScope(f: ReportFrame, id: SQL): SQL {
  const x = f.filters;
  return sql`${x.agentId !== undefined ? sql`${id} = ${x.agentId}` : sql`true`} and ${
    x.teamId !== undefined
      ? sql`${id} in (select user_id from team_members where team_id = ${x.teamId} and account_id = ${f.accountId})`
      : sql`true`
  }`;
}

async function sessionsOf(db: Db, f: ReportFrame): Promise<SessionRow[]> {
  const from = sql`${f.startsAt.toISOString()}::timestamptz`;
  const to = sql`${f.endsAt.toISOString()}::timestamptz`;
  const ms = (c: string) => sql.raw(`(extract(epoch from ${c}) * 1000)::float8`);
  const r = await db.execute(sql`
    select s.user_id, s.status, s.reason, ${ms('s.started_at')} as started, ${ms('s.ended_at')} as ended
    from presence_sessions s
    where s.account_id = ${f.accountId} and s.started_at >= ${from} and s.started_at < ${to}
      and ${userScope(f, sql`s.user_id`)}
    union all
    select u.id, p.status, p.reason, ${ms('p.started_at')}, ${ms('p.ended_at')}
    from users u cross join lateral (
      select s.status, s.reason, s.started_at, s.ended_at from presence_sessions s
      where s.user_id = u.id and s.started_at < ${from}
      order by s.started_at desc limit 1) p
    where u.account_id = ${f.accountId} and ${userScope(f, sql`u.id`)}
      and (p.ended_at is null or p.ended_at > ${from})`);
  return rowsOf<SessionRow>(r);
}

/**
 * Whose calendar sets each user's shifts: with a team filter, that team's (its own hours, else the
 * account's); otherwise the hours of the one team of theirs that keeps its own, else the account's.
 */
async function hoursOf(db: Db, f: ReportFrame, ids: number[]): Promise<(id: number) => Hours | null> {
  const account = f.settings.businessHours ?? null;
  if (f.filters.teamId !== undefined) {
    const [team] = await db
      .select({ settings: teams.settings })
      .from(teams)
      .where(and(eq(teams.id, f.filters.teamId), eq(teams.accountId, f.accountId)));
    const hours = hoursOfTeam(team, f.settings);
    return () => hours;
  }
  if (!ids.length) return () => account;
  const rows = await db
    .select({ userId: teamMembers.userId, settings: teams.settings })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(and(eq(teamMembers.accountId, f.accountId), inArray(teamMembers.userId, ids)));
  const own = new Map<number, Hours[]>();
  for (const r of rows) {
    const hours = teamSettingsOf(r).businessHours;
    if (hours) own.set(r.userId, [...(own.get(r.userId) ?? []), hours]); // a few teams each
  }
  return (id) => {
    const mine = own.get(id) ?? [];
    return mine.length === 1 ? mine[0] : account;
  };
}

/** The agents the report lists, by name: every enabled agent, and anyone else with presence in the range. */
export async function loadAttendance(db: Db, f: ReportFrame): Promise<AttendanceAgent[]> {
  const [people, sessions] = await Promise.all([
    db
      .select({
        id: users.id,
        name: users.name,
        role: users.role,
        disabled: users.disabled,
        createdAt: users.createdAt,
      })
      .from(users)
      .where(sql`${users.accountId} = ${f.accountId} and ${userScope(f, sql`${users.id}`)}`),
    sessionsOf(db, f),
  ]);
  const byUser = new Map<number, Session[]>();
  for (const s of sessions) {
    const id = Number(s.user_id);
    const list = byUser.get(id) ?? [];
    list.push({ status: s.status, reason: s.reason, startedAt: Number(s.started), endedAt: num(s.ended) });
    byUser.set(id, list);
  }
  const listed = people
    .filter((p) => byUser.has(p.id) || (p.role === 'agent' && !p.disabled))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
  const hours = await hoursOf(
    db,
    f,
    listed.map((p) => p.id),
  );
  const now = f.now.getTime();
  return listed.map((p) => {
    const mine = byUser.get(p.id) ?? [];
    const first = Math.min(...mine.map((s) => s.startedAt));
    return {
      id: p.id,
      name: p.name,
      since: Math.min(p.createdAt.getTime(), first),
      hours: hours(p.id),
      spans: timeline(mine, now),
    };
  });
}
