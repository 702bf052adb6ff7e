// What every use-case receives: the graph built once by the composition root (server/hub.ts).
// There is no module-level state; tests build the same graph against PGlite or PostgreSQL.
import type { AttachmentStore } from '#server/attachments/store.ts';
import type { Config } from '#server/config.ts';
import type { Sealer } from '#server/crypto/secrets.ts';
import type { Database, Db, Tx } from '#server/db/client.ts';
import type { Conversation, Message } from '#server/db/schema.ts';
import type { ChannelManager } from '#server/inboxes/channel-manager.ts';
import type { Logger } from '#server/logger.ts';
import type { Queue } from '#server/queue/queue.ts';
import type { Publisher } from '#server/realtime/publisher.ts';

/** Work later issues (routing, protocols) attach to an inbound message, inside the ingest transaction. */
export type IngestFollowUp = (
  tx: Tx,
  event: { conversation: Conversation; message: Message; conversationCreated: boolean },
) => Promise<void>;

export type HubContext = {
  config: Config;
  database: Database;
  db: Db;
  log: Logger;
  queue: Queue;
  sealer: Sealer;
  publisher: Publisher;
  channels: ChannelManager;
  attachments: AttachmentStore;
  followUps: IngestFollowUp[];
};
