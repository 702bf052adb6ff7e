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

/**
 * Waits until the queue has run everything that is due: no job waiting whose time has come, none running,
 * none waiting to retry now. What a timer or a routing run would have done is then done, so a spec can
 * say that something did NOT happen without sleeping for a guessed while. A job a handler enqueues in
 * its own transaction is seen before that handler's job completes, so an empty look is final.
 */
export async function settleQueue(target: Hub | TestHub, timeoutMs = 30_000): Promise<void> {
  const hub = 'hub' in target ? target.hub : target;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await hub.ctx.db.execute<{ n: string | number }>(
      sql`select count(*) as n from pgboss.job where state = 'active' or (state in ('created', 'retry') and start_after <= now())`,
    );
    const rows = Array.isArray(r) ? r : (r as unknown as { rows: { n: string | number }[] }).rows;
    if (Number(rows[0]?.n ?? 0) === 0) return;
    if (Date.now() > deadline)
      throw new Error(`the queue still had ${rows[0]?.n} due jobs after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50)); // how often the condition is looked at, as eventually()
  }
}
