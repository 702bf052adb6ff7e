// One scan, several breakdowns: runs aggregates over a subquery grouped by several sets of its columns at
// once (GROUP BY GROUPING SETS), and tells each result row which set it belongs to. A report by day, by
// channel and in total is then one query instead of three.
import { type SQL, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '#server/db/client.ts';

/** A result row: the grouping set's name (its columns joined by "+", "" for the total) and its values. */
export type GroupedRow = { set: string } & Record<string, unknown>;

export async function grouped(db: Db, source: SQL, sets: string[][], aggregates: SQL): Promise<GroupedRow[]> {
  const dims = [...new Set(sets.flat())];
  const id = (c: string) => sql.identifier(c);
  const flags = dims.map((d) => sql`grouping(${id(d)}) as ${id(`g__${d}`)}`);
  const setSql = sets.map((s) => sql`(${sql.join(s.map(id), sql`, `)})`);
  const r = await db.execute(sql`
    select ${sql.join([...flags, ...dims.map(id)], sql`, `)}, ${aggregates}
    from ${source} as t
    group by grouping sets (${sql.join(setSql, sql`, `)})`);
  return rowsOf<Record<string, unknown>>(r).map((row) => {
    const set = dims.filter((d) => Number(row[`g__${d}`]) === 0).join('+');
    return { ...row, set };
  });
}

/** The rows of one grouping set. */
export const ofSet = (rows: GroupedRow[], ...columns: string[]) =>
  rows.filter((r) => r.set === columns.join('+'));
