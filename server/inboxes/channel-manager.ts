// Keeps one running ChannelConnection per inbox: started at boot, restarted when an admin saves the
// inbox, stopped at shutdown. It is the adapters' way into the hub (receive → ingest) and the outbox's
// way out (connection(inboxId).send).
import { and, eq } from 'drizzle-orm';
import { channelRegistry } from '#channels/registry.ts';
import type { AnyChannelDefinition, ChannelConnection, ChannelHealth } from '#channels/types.ts';
import type { HubContext } from '#server/context.ts';
import { applyDeliveryUpdate } from '#server/conversations/apply-delivery-update.ts';
import type { IngestInbox } from '#server/conversations/ingest-inbound.ts';
import type { Ingestor } from '#server/conversations/ingestor.ts';
import { resolveThread } from '#server/conversations/resolve-thread.ts';
import { channelCursors, type Inbox, inboxes } from '#server/db/schema.ts';
import type { ChannelKind } from '#shared/channels.ts';

export type RunningInbox = {
  inbox: IngestInbox;
  definition: AnyChannelDefinition;
  connection: ChannelConnection;
  abort: AbortController;
};

export type ChannelManager = {
  startAll(): Promise<void>;
  stopAll(): Promise<void>;
  /** (Re)starts the connection of one inbox from its saved row. */
  reload(inboxId: number): Promise<void>;
  get(inboxId: number): RunningInbox | undefined;
  /** The running inbox, started from its row first if this node has not started it yet (an inbox
   * created through another hub node). */
  ensure(inboxId: number): Promise<RunningInbox | undefined>;
};

export function createChannelManager(getCtx: () => HubContext, ingestor: () => Ingestor): ChannelManager {
  const running = new Map<number, RunningInbox>();

  async function launch(row: Inbox): Promise<void> {
    const ctx = getCtx();
    const definition = channelRegistry[row.channel as ChannelKind];
    if (!definition) {
      ctx.log.warn({ inboxId: row.id, channel: row.channel }, 'no adapter for this channel kind');
      return;
    }
    const info: IngestInbox = {
      id: row.id,
      accountId: row.accountId,
      name: row.name,
      channel: row.channel as ChannelKind,
      token: row.token,
      teamId: row.teamId,
      settings: row.settings,
    };
    const abort = new AbortController();
    const log = ctx.log.child({ inboxId: row.id, channel: row.channel });
    const setHealth = (health: ChannelHealth, detail?: string) => {
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
    const connection = definition.create({
      inbox: info,
      config,
      secret,
      log,
      signal: abort.signal,
      receive: async (m) => {
        await ingestor().ingest(info, m);
      },
      updateStatus: (u) => applyDeliveryUpdate(getCtx(), u),
      resolveThread: (hint) => resolveThread(getCtx(), row.id, hint),
      cursor: {
        async get<T>(key: string) {
          const [c] = await getCtx()
            .db.select()
            .from(channelCursors)
            .where(and(eq(channelCursors.inboxId, row.id), eq(channelCursors.key, key)));
          return c ? (c.value as T) : null;
        },
        async set(key, value) {
          await getCtx()
            .db.insert(channelCursors)
            .values({ inboxId: row.id, key, value })
            .onConflictDoUpdate({
              target: [channelCursors.inboxId, channelCursors.key],
              set: { value, updatedAt: new Date() },
            });
        },
      },
      setHealth,
    });
    running.set(row.id, { inbox: info, definition, connection, abort });
    try {
      await connection.start();
    } catch (err) {
      log.error({ err }, 'channel failed to start');
      setHealth('failed', (err as Error).message);
    }
  }

  async function halt(inboxId: number): Promise<void> {
    const r = running.get(inboxId);
    if (!r) return;
    running.delete(inboxId);
    r.abort.abort();
    await r.connection
      .stop()
      .catch((err: unknown) => getCtx().log.warn({ err, inboxId }, 'channel stop failed'));
  }

  return {
    async startAll() {
      const rows = await getCtx().db.select().from(inboxes);
      for (const row of rows) await launch(row);
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
