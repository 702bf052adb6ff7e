// A separate process that takes an inbox's session lease and keeps renewing it, as a hub node does;
// the lease spec kills it with SIGKILL. Usage: lease-holder.ts <databaseUrl> <inboxId> <ttlMs>
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { channelLease } from '#server/inboxes/lease.ts';

const [url, inboxId, ttl] = process.argv.slice(2);
const pool = new pg.Pool({ connectionString: url, max: 1 });
const lease = channelLease(drizzle(pool) as never, Number(inboxId), `holder-${process.pid}`, Number(ttl));
if (!(await lease.acquire())) {
  console.log('not acquired');
  process.exit(2);
}
console.log('holding');
setInterval(() => void lease.renew(), Number(ttl) / 3);
