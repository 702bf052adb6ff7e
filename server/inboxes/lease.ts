// One owner per channel session (a WhatsApp number may be connected from one process only, or the phone
// logs both out). A lease row per inbox: taken when free or expired, renewed by its owner well before it
// expires; a node that dies stops renewing and another node takes over after `ttlMs`.
import { sql } from 'drizzle-orm';
import type { Db } from '#server/db/client.ts';

export type Lease = {
  /** Takes the lease if it is free, expired or already ours; true when we hold it now. */
  acquire(): Promise<boolean>;
  /** Extends our lease; false when it is no longer ours (it expired and another node took it). */
  renew(): Promise<boolean>;
  release(): Promise<void>;
};

export function channelLease(db: Db, inboxId: number, owner: string, ttlMs: number): Lease {
  const take = async (onlyOurs: boolean) => {
    const ttl = `${Math.ceil(ttlMs)} milliseconds`;
    const rows = (await db.execute(sql`
      insert into channel_leases (inbox_id, owner, expires_at)
      values (${inboxId}, ${owner}, now() + ${ttl}::interval)
      on conflict (inbox_id) do update set owner = excluded.owner, expires_at = excluded.expires_at
      where channel_leases.owner = ${owner}
        ${onlyOurs ? sql`` : sql`or channel_leases.expires_at < now()`}
      returning owner`)) as unknown as { rows: { owner: string }[] };
    return rows.rows.length === 1;
  };
  return {
    acquire: () => take(false),
    renew: () => take(true),
    async release() {
      await db.execute(sql`delete from channel_leases where inbox_id = ${inboxId} and owner = ${owner}`);
    },
  };
}
