// Routing test helpers: moving the hub's clock and making the timers that are then due runnable through
// the queue (no sleeping for a timer's duration), a team of online agents, and arrivals on an API inbox.
import { sql } from 'drizzle-orm';
import type { Hub } from '#server/hub.ts';
import { client, incoming, type SeededAccount, type TestHub } from './hub.ts';

export { advanceClock, settleQueue } from './clock.ts';

/** Timers waiting in the queue, by kind (what a test expects to have been scheduled). */
export async function pendingTimers(
  hub: Hub,
  kind?: string,
): Promise<{ data: Record<string, unknown>; startAfter: Date }[]> {
  const r = await hub.ctx.db.execute<{ data: Record<string, unknown>; start_after: string }>(
    sql`select data, start_after from pgboss.job where name = 'timer' and state = 'created' order by start_after`,
  );
  const rows =
    (Array.isArray(r) ? r : (r as { rows: { data: Record<string, unknown>; start_after: string }[] }).rows) ??
    [];
  return rows
    .filter((row) => !kind || row.data.kind === kind)
    .map((row) => ({ data: row.data, startAfter: new Date(row.start_after) }));
}

export type Agent = { id: string; token: string; name: string };

/** Agents of the account, online, with a capacity per channel. */
export async function onlineAgents(
  t: TestHub,
  account: SeededAccount,
  n: number,
  capacity: Record<string, number>,
  opts: { online?: boolean; skills?: Record<string, string[]> } = {},
): Promise<Agent[]> {
  const admin = client(t.url, account.adminToken);
  const agents: Agent[] = [];
  for (let i = 0; i < n; i++) {
    const { user, token } = await account.user('agent', `Agent ${i + 1}`);
    const patched = await admin.patch(`/users/${user.id}`, {
      capacity,
      ...(opts.skills ? { skills: opts.skills } : {}),
    });
    if (patched.status !== 200) throw new Error(`capacity: ${JSON.stringify(patched.body)}`);
    if (opts.online !== false) {
      const r = await client(t.url, token).post('/me/presence', { status: 'online' });
      if (r.status !== 200) throw new Error(`presence: ${JSON.stringify(r.body)}`);
    }
    agents.push({ id: String(user.id), token, name: user.name });
  }
  return agents;
}

export async function makeTeam(
  t: TestHub,
  account: SeededAccount,
  body: { name: string; strategy: string; memberIds: string[]; settings?: Record<string, unknown> },
): Promise<string> {
  const r = await client(t.url, account.adminToken).post('/teams', body);
  if (r.status !== 201) throw new Error(`team: ${JSON.stringify(r.body)}`);
  return r.body.data.id;
}

/** An API inbox whose conversations go to `teamId`. */
export async function inboxForTeam(t: TestHub, account: SeededAccount, teamId: string | null) {
  const inbox = await account.apiInbox();
  const r = await client(t.url, account.adminToken).patch(`/inboxes/${inbox.id}`, { teamId });
  if (r.status !== 200) throw new Error(`inbox team: ${JSON.stringify(r.body)}`);
  return inbox;
}

let seq = 0;
/** A customer's first message on a new thread; returns the conversation id. */
export async function arrive(
  t: TestHub,
  inbox: { id: string; token: string },
  text = 'hola',
  who?: string,
): Promise<string> {
  const n = ++seq;
  const r = await incoming(t.url, inbox, {
    externalId: `m-${n}-${Math.random().toString(36).slice(2)}`,
    contact: { externalId: who ?? `c-${n}-${Math.random().toString(36).slice(2)}`, name: `Customer ${n}` },
    text,
  });
  if (r.status !== 201) throw new Error(`incoming: ${JSON.stringify(r.body)}`);
  return (r.body as { data: { conversation: { id: string } } }).data.conversation.id;
}
