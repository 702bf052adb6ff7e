// Moves the hub's clock forward instead of sleeping: timer handlers compare with ctx.clock, and the timer
// jobs waiting in pg-boss that are due by the new time (due by the database's clock otherwise) are made
// runnable at once. One that is not due yet stays where it is.
import { sql } from 'drizzle-orm';
import type { Hub } from '#server/hub.ts';
import type { TestHub } from './hub.ts';

const offsets = new WeakMap<Hub, number>();

export async function advanceClock(target: Hub | TestHub, ms: number): Promise<Date> {
  const hub = 'hub' in target ? target.hub : target;
  const offset = (offsets.get(hub) ?? 0) + ms;
  offsets.set(hub, offset);
  hub.ctx.clock = { now: () => new Date(Date.now() + offset) };
  const now = hub.ctx.clock.now();
  await hub.ctx.db.execute(
    sql`update pgboss.job set start_after = now() where name = 'timer' and state = 'created' and (data->>'dueAt')::timestamptz <= ${now.toISOString()}::timestamptz`,
  );
  return now;
}
