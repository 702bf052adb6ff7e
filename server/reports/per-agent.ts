// A report's figures per agent: the rows of `source` (one or more per contact, aliased `alias`, with the
// agents the contact belongs to as `agents`: frame.ts agentsSql) spread over those agents,
// grouped by agent, names joined after the grouping (inside it the planner looked a user up per row).
// With an agent filter, that agent's row only.
import { type SQL, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '#server/db/client.ts';
import { users } from '#server/db/schema.ts';
import type { ReportFrame } from './frame.ts';

export async function perAgent<Figures>(
  db: Db,
  f: ReportFrame,
  source: SQL,
  alias: 'x' | 't',
  figures: SQL,
  /** A figure of `figures` the rows are ordered by, most first. */
  orderBy: string,
): Promise<(Figures & { agent_id: number; name: string })[]> {
  const only = f.filters.agentId;
  const r = await db.execute(sql`
    select g.*, ${users.name} as name from (
      select a.agent_id, ${figures}
      from ${source}
      cross join lateral unnest(${sql.raw(alias)}.agents) as a (agent_id)
      ${only === undefined ? sql`` : sql`where a.agent_id = ${only}`}
      group by a.agent_id
    ) g
    join ${users} on ${users.id} = g.agent_id
    order by g.${sql.identifier(orderBy)} desc, ${users.name}`);
  return rowsOf<Figures & { agent_id: number; name: string }>(r);
}
