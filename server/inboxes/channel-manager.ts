// Keeps one running ChannelConnection per inbox: started at boot, restarted when an admin saves the
// inbox, stopped at shutdown. It is the adapters' way into the hub (receive → ingest) and the outbox's
// way out (connection(inboxId).send).
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { eq } from 'drizzle-orm';
import { channelRegistry } from '#channels/registry.ts';
import type { ChannelConnection, ChannelContext, ChannelHealth } from '#channels/types.ts';
import type { ChannelManager, HubContext, RunningInbox } from '#server/context.ts';
import { applyDeliveryUpdate } from '#server/conversations/apply-delivery-update.ts';
import { applyMessageChange } from '#server/conversations/apply-message-change.ts';
import { ingestInboxOf } from '#server/conversations/ingest-inbox.ts';
import type { Ingestor } from '#server/conversations/ingestor.ts';
import { resolveThread } from '#server/conversations/resolve-thread.ts';
import { type Inbox, inboxes } from '#server/db/schema.ts';
import type { ChannelKind } from '#shared/channels.ts';
import { channelStore } from './channel-store.ts';
import { channelLease } from './lease.ts';

export function createChannelManager(getCtx: () => HubContext, ingestor: () => Ingestor): ChannelManager {
  const running = new Map<number, RunningInbox>();
  /** This process, as the owner named in session leases. */
  const nodeId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  async function launch(row: Inbox): Promise<void> {
    const ctx = getCtx();
    const definition = channelRegistry[row.channel as ChannelKind];
    if (!definition) {
      ctx.log.warn({ inboxId: row.id, channel: row.channel }, 'no adapter for this channel kind');
      return;
    }
    const info = ingestInboxOf(row);
    const abort = new AbortController();
    const log = ctx.log.child({ inboxId: row.id, channel: row.channel });
    const publishInbox = () => {
      const current = running.get(row.id);
      getCtx().publisher.inboxUpdated(row.accountId, {
        id: String(row.id),
        channel: row.channel as ChannelKind,
        health: current?.health.health ?? 'failed',
        healthDetail: current?.health.detail ?? null,
        pairing: current?.pairing ?? null,
      });
    };
    const setHealth = (health: ChannelHealth, detail?: string) => {
      const current = running.get(row.id);
      if (current && current.connection === connection) {
        current.health = { health, detail: detail ?? null };
        publishInbox();
      }
      ctx.db
        .update(inboxes)
        .set({ health, healthDetail: detail ?? null })
        .where(eq(inboxes.id, row.id))
        .catch((err: unknown) => log.warn({ err }, 'could not record inbox health'));
    };
    let config: unknown;
    let secret: string | null;
    try {
      config = definition.configSchema.parse(ctx.sealer.open(row.configEncrypted));
      secret = row.secretEncrypted ? ctx.sealer.open<string>(row.secretEncrypted) : null;
    } catch (err) {
      // One unreadable inbox (HUB_SECRET changed, config from an older version) must not stop the hub.
      log.error({ err }, 'inbox config cannot be read');
      setHealth(
        'failed',
        'the saved configuration cannot be read: was HUB_SECRET changed? Save the inbox again',
      );
      return;
    }
    // Declared before create(): setHealth (above) compares against it, and may run during create().
    let connection: ChannelConnection;
    const context: ChannelContext<unknown> = {
      inbox: info,
      config,
      secret,
      log,
      signal: abort.signal,
      receive: async (m) => {
        await ingestor().ingest(info, m);
      },
      updateStatus: (u) => applyDeliveryUpdate(getCtx(), u),
      changeMessage: (c) => applyMessageChange(getCtx(), c),
      resolveThread: (hint) => resolveThread(getCtx(), row.id, hint),
      cursor: channelStore(() => getCtx().db, row.id),
      pairing(p) {
        const current = running.get(row.id);
        if (current?.connection !== connection) return;
        current.pairing = p;
        publishInbox();
      },
      alert(detail) {
        log.error({ detail }, 'inbox alert');
        getCtx().publisher.inboxAlert(row.accountId, { inboxId: String(row.id), detail });
      },
      setHealth,
      visitors: ctx.widget,
    };
    connection = definition.create(context);
    const entry: RunningInbox = {
      inbox: info,
      definition,
      connection,
      context,
      abort,
      health: { health: 'connecting', detail: null },
      pairing: null,
      owned: !definition.singleOwner,
      timer: null,
    };
    running.set(row.id, entry);
    const start = async () => {
      try {
        await connection.start();
      } catch (err) {
        log.error({ err }, 'channel failed to start');
        setHealth('failed', (err as Error).message);
      }
    };
    if (!definition.singleOwner) return start();

    // One process at a time holds this session: take the lease, keep renewing it, and let go of the
    // connection the moment it is lost; a node that does not hold it keeps trying.
    // Loading a large module blocks the event loop for a while: do it before holding the lease,
    // whose renewals would otherwise stall and let it lapse to another node mid-start.
    await connection.prepare?.();
    if (running.get(row.id) !== entry) return;
    const ttlMs = ctx.config.CHANNEL_LEASE_SECONDS * 1000;
    const lease = channelLease(ctx.db, row.id, nodeId, ttlMs);
    entry.lease = lease;
    const tick = async () => {
      if (running.get(row.id) !== entry) return;
      try {
        if (entry.owned) {
          if (await lease.renew()) return;
          log.warn('lost the session lease to another hub node; disconnecting');
          entry.owned = false;
          await connection.stop();
          setHealth('connecting', 'the session is held by another hub node');
        } else if (await lease.acquire()) {
          entry.owned = true;
          log.info('took the session lease');
          await start();
        } else if (entry.health.detail !== 'the session is held by another hub node') {
          setHealth('connecting', 'the session is held by another hub node');
        }
      } catch (err) {
        log.warn({ err }, 'session lease check failed');
      }
    };
    await tick();
    entry.timer = setInterval(() => void tick(), Math.max(250, ttlMs / 3));
    entry.timer.unref();
  }

  async function halt(inboxId: number): Promise<void> {
    const r = running.get(inboxId);
    if (!r) return;
    running.delete(inboxId);
    if (r.timer) clearInterval(r.timer);
    r.abort.abort();
    await r.connection
      .stop()
      .catch((err: unknown) => getCtx().log.warn({ err, inboxId }, 'channel stop failed'));
    // Hand the session over at once instead of making the next node wait for the lease to expire.
    if (r.owned && r.lease) await r.lease.release().catch(() => {});
  }

  return {
    async startAll() {
      const rows = await getCtx().db.select().from(inboxes);
      // In parallel: one slow mail server does not hold up the others (or the hub's start).
      await Promise.all(rows.map(launch));
    },
    async stopAll() {
      await Promise.all([...running.keys()].map(halt));
    },
    async reload(inboxId) {
      await halt(inboxId);
      const [row] = await getCtx().db.select().from(inboxes).where(eq(inboxes.id, inboxId));
      if (row) await launch(row);
    },
    get: (inboxId) => running.get(inboxId),
    async ensure(inboxId) {
      const known = running.get(inboxId);
      if (known) return known;
      const [row] = await getCtx().db.select().from(inboxes).where(eq(inboxes.id, inboxId));
      if (row && !running.has(inboxId)) await launch(row);
      return running.get(inboxId);
    },
  };
}
