// The composition root: builds the database, queue, channel manager, HTTP and socket servers once and
// passes them down. main.ts runs it; tests build the very same graph against PGlite or PostgreSQL.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import { Server as SocketServer } from 'socket.io';
import { answerClientError } from '#server/api/client-error.ts';
import { buildApp } from '#server/app.ts';
import { createAttachmentStore } from '#server/attachments/store.ts';
import type { Config } from '#server/config.ts';
import type { HubContext } from '#server/context.ts';
import { startDeliveryWorkers } from '#server/conversations/deliver-message.job.ts';
import { createIngestor, type Ingestor } from '#server/conversations/ingestor.ts';
import { installSnooze } from '#server/conversations/wake-snoozed.ts';
import { createSealer, randomToken } from '#server/crypto/secrets.ts';
import { openDatabase } from '#server/db/client.ts';
import { createDomainEvents } from '#server/events/domain-events.ts';
import { installFollowUps } from '#server/followups/install-followups.ts';
import { createChannelManager } from '#server/inboxes/channel-manager.ts';
import { createLogger, type Logger } from '#server/logger.ts';
import { emailProtocol } from '#server/protocol/email-protocol.ts';
import { installProtocols, startProtocolWorkers } from '#server/protocol/protocol.ts';
import { startQualityWorkers } from '#server/quality/install-quality.ts';
import { createQueue } from '#server/queue/queue.ts';
import { attachAgentNamespace } from '#server/realtime/agent-namespace.ts';
import { consoleOriginOnly } from '#server/realtime/console-origin.ts';
import { agentNamespaceOf } from '#server/realtime/namespaces.ts';
import { createPublisher } from '#server/realtime/publisher.ts';
import { withFloorEvents } from '#server/reports/floor-events.ts';
import { attachFloorWatch } from '#server/reports/floor-socket.ts';
import { createFloorWatch } from '#server/reports/floor-watch.ts';
import { installRouting, startRouteWorkers } from '#server/routing/install-routing.ts';
import { createTimers } from '#server/routing/timers.ts';
import { installSales, startSalesWorkers } from '#server/sales/install-sales.ts';
import { installSocial } from '#server/social/install-social.ts';
import { startSocialWorkers } from '#server/social/moderate-item.job.ts';
import { withMentionEvents } from '#server/social/publish-mentions.ts';
import type { TrustProxy } from '#server/widget/client-address.ts';
import { createWidgetLimits } from '#server/widget/rate-limits.ts';
import { createVisitorTokens } from '#server/widget/visitor-token.ts';
import { createWidgetLink, withWidgetEvents } from '#server/widget/widget-link.ts';
import { attachWidgetNamespace } from '#server/widget/widget-namespace.ts';

export const version = '0.1.0';

export type Hub = {
  ctx: HubContext;
  ingestor: Ingestor;
  http: HttpServer;
  io: SocketServer;
  /** Listening address, e.g. http://127.0.0.1:3000 (after start). */
  url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
};

export async function createHub(config: Config, opts: { log?: Logger } = {}): Promise<Hub> {
  const log = opts.log ?? createLogger(config.LOG_LEVEL);
  if (config.DATA_DIR !== ':memory:') mkdirSync(config.DATA_DIR, { recursive: true });
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  const queue = createQueue(database, config, log);
  let io: SocketServer | null = null;
  let ingestor: Ingestor | null = null;
  const secret = hubSecret(config, log);
  const widget = createWidgetLink(() => io);
  // One Redis connection per node: the socket.io adapter duplicates it for its blocking reads, and the
  // widget's rate limits count in it so that they hold across nodes.
  const redis = config.REDIS_URL ? await connectRedis(config.REDIS_URL) : null;
  const agentNs = () => (io ? agentNamespaceOf(io) : null);
  const floor = createFloorWatch(agentNs, () => ctx);

  const ctx: HubContext = {
    config,
    database,
    db: database.db,
    log,
    queue,
    sealer: createSealer(secret),
    publisher: withFloorEvents(
      withMentionEvents(
        withWidgetEvents(createPublisher(agentNs), () => ctx, widget),
        () => ctx,
      ),
      floor,
      agentNs,
    ),
    channels: createChannelManager(
      () => ctx,
      () => ingestor!,
    ),
    attachments: createAttachmentStore(
      config.DATA_DIR === ':memory:' ? join(process.cwd(), 'data') : config.DATA_DIR,
      config.MAX_UPLOAD_BYTES,
    ),
    events: createDomainEvents(),
    clock: { now: () => new Date() },
    timers: createTimers(() => ctx),
    visitorTokens: createVisitorTokens(secret),
    widget,
    limits: createWidgetLimits({ redis, prefix: config.REDIS_PREFIX }),
  };
  installProtocols(ctx, [emailProtocol]);
  installRouting(ctx);
  installSnooze(ctx);
  installSocial(ctx);
  installSales(ctx);
  installFollowUps(ctx);
  ingestor = createIngestor(ctx);

  const app = buildApp(ctx, ingestor, version);
  const http = createServer(app);
  http.on('clientError', answerClientError);
  io = new SocketServer(http, {
    // Other sites may reach /widget (tokens, never cookies: no credentials to anyone); /agent checks the
    // origin itself (console-origin.ts), which also covers WebSockets, where CORS does not apply.
    cors: { origin: '*', credentials: false },
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000 },
    maxHttpBufferSize: 1e6,
  });
  agentNamespaceOf(io).use(consoleOriginOnly(config.PUBLIC_URL));
  attachAgentNamespace(io, () => ctx);
  attachFloorWatch(agentNamespaceOf(io), () => ctx);
  // Visitors' addresses are found as express finds req.ip: through the app's one `trust proxy` setting.
  attachWidgetNamespace(io, () => ctx, ingestor, app.get('trust proxy fn') as TrustProxy);
  if (redis) attachRedisAdapter(io, redis, config.REDIS_PREFIX);

  const hub: Hub = {
    ctx,
    ingestor,
    http,
    io,
    url: '',
    async start() {
      await queue.start();
      await ctx.channels.startAll();
      await startDeliveryWorkers(ctx);
      await startProtocolWorkers(ctx);
      await ctx.timers.start();
      await startRouteWorkers(ctx);
      await startSocialWorkers(ctx);
      await startSalesWorkers(ctx);
      await startQualityWorkers(ctx);
      await new Promise<void>((resolve, reject) => {
        http.once('error', reject);
        http.listen(config.PORT, config.HOST, () => resolve());
      });
      const { port } = http.address() as AddressInfo;
      const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST;
      hub.url = config.PUBLIC_URL ?? `http://${host}:${port}`;
    },
    async stop() {
      floor.stop();
      io?.disconnectSockets(true);
      await new Promise<void>((resolve) => io!.close(() => resolve()));
      // Channels first: their abort signals cut in-flight sends, whose jobs then go back to the queue.
      await ctx.channels.stopAll();
      await queue.stop({ graceful: true });
      await redis?.quit();
      await database.close();
    },
  };
  return hub;
}

/** With several hub nodes, socket rooms are shared through a Redis stream (with connection-state recovery). */
function attachRedisAdapter(io: SocketServer, client: RedisClient, prefix: string): void {
  io.adapter(
    createAdapter(client, { streamName: `${prefix}:socket.io`, channelPrefix: `${prefix}:socket.io` }),
  );
}

type RedisClient = Awaited<ReturnType<typeof connectRedis>>;

async function connectRedis(url: string) {
  const client = createClient({ url });
  await client.connect();
  return client;
}

/** HUB_SECRET seals inbox credentials. Without one, a generated secret is kept in DATA_DIR (mode 600). */
function hubSecret(config: Config, log: Logger): string {
  if (config.HUB_SECRET) return config.HUB_SECRET;
  if (config.DATA_DIR === ':memory:') return randomToken(32);
  const file = join(config.DATA_DIR, 'hub-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomToken(32);
  writeFileSync(file, secret, { mode: 0o600 });
  log.warn({ file }, 'HUB_SECRET is not set: generated one and stored it in the data directory; back it up');
  return secret;
}
