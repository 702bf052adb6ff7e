// Group commit for ingest: while one transaction is being written, arrivals wait in a list; when it
// returns, everything waiting goes in the next transaction. No timer: under light load each message
// commits alone, under heavy load a commit carries many. A batch that fails is retried one message per
// transaction, so a bad message rejects only its own caller. On PostgreSQL, lanes keyed by thread write
// several batches at once (the per-thread advisory lock in ingest keeps them apart).
import type { HubContext } from '#server/context.ts';
import type { InboundMessage } from '#shared/channels.ts';
import { type PreparedFiles, prepareFiles } from './inbound-files.ts';
import { type IngestResult, ingestInTx } from './ingest-inbound.ts';
import type { IngestInbox } from './ingest-inbox.ts';
import { publishIngest } from './publish.ts';

type Pending = {
  inbox: IngestInbox;
  message: InboundMessage;
  /** Being stored meanwhile: a message takes its place in the lane when it arrives, not when its files
   * are written, so a big attachment never lets a later message of the thread (or a later copy of the
   * same mail) overtake it. */
  files: Promise<PreparedFiles>;
  resolve(r: IngestResult): void;
  reject(e: unknown): void;
};

export type Ingestor = { ingest(inbox: IngestInbox, m: InboundMessage): Promise<IngestResult> };

const MAX_BATCH = 200;
const LANES = 4;
const RETRYABLE = new Set(['40001', '40P01']); // serialization failure, deadlock (between hub nodes)

export function createIngestor(ctx: HubContext): Ingestor {
  // PostgreSQL can write several transactions at once: messages are spread over lanes by thread, so one
  // thread's messages stay in order in one lane. PGlite has one connection: one lane.
  const lanes = Array.from({ length: ctx.database.kind === 'postgres' ? LANES : 1 }, () => ({
    waiting: [] as Pending[],
    running: false,
  }));

  async function commit(batch: (Pending & { prepared: PreparedFiles })[]): Promise<IngestResult[]> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await ctx.db.transaction(async (tx) => {
          const results: IngestResult[] = [];
          for (const p of batch) results.push(await ingestInTx(ctx, tx, p.inbox, p.message, p.prepared));
          return results;
        });
      } catch (err) {
        const code =
          (err as { code?: string; cause?: { code?: string } }).code ??
          (err as { cause?: { code?: string } }).cause?.code;
        // Two lanes (or two hub nodes) can wait on each other through a shared contact: try again.
        if (attempt < 3 && code && RETRYABLE.has(code)) continue;
        throw err;
      }
    }
  }

  function settle(p: Pending, r: IngestResult): void {
    p.resolve(r);
    publishIngest(ctx, p.inbox.channel, r);
  }

  async function drain(lane: (typeof lanes)[number]): Promise<void> {
    lane.running = true;
    try {
      // One turn of the event loop lets the requests already read join this first commit.
      await new Promise((resolve) => setImmediate(resolve));
      while (lane.waiting.length > 0) {
        const batch = await withFiles(lane.waiting.splice(0, MAX_BATCH));
        if (batch.length === 0) continue;
        try {
          const results = await commit(batch);
          for (const [i, p] of batch.entries()) settle(p, results[i]);
        } catch (err) {
          if (batch.length === 1) {
            batch[0].reject(err);
            continue;
          }
          for (const p of batch) {
            try {
              settle(p, (await commit([p]))[0]);
            } catch (e) {
              p.reject(e);
            }
          }
        }
      }
    } finally {
      lane.running = false;
    }
  }

  /** The batch once its files are stored, in arrival order; a message whose files failed is refused alone. */
  async function withFiles(batch: Pending[]) {
    const settled = await Promise.allSettled(batch.map((p) => p.files));
    const ready: (Pending & { prepared: PreparedFiles })[] = [];
    for (const [i, p] of batch.entries()) {
      const r = settled[i];
      if (r.status === 'fulfilled') ready.push({ ...p, prepared: r.value });
      else p.reject(r.reason);
    }
    return ready;
  }

  return {
    ingest(inbox, message) {
      const files = prepareFiles(ctx, message);
      files.catch(() => {}); // observed by withFiles; never an unhandled rejection meanwhile
      const lane = lanes[laneOf(`${inbox.id}:${message.threadKey}`, lanes.length)];
      return new Promise<IngestResult>((resolve, reject) => {
        lane.waiting.push({ inbox, message, files, resolve, reject });
        if (!lane.running) void drain(lane);
      });
    },
  };
}

function laneOf(key: string, count: number): number {
  if (count === 1) return 0;
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (Math.imul(h, 31) + key.charCodeAt(i)) | 0;
  return Math.abs(h) % count;
}
