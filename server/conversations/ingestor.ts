// Group commit for ingest: while one transaction is being written, arrivals wait in a list; when it
// returns, everything waiting goes in the next transaction. No timer: under light load each message
// commits alone, under heavy load a commit carries many. A batch that fails is retried one message per
// transaction, so a bad message rejects only its own caller.
import type { HubContext } from '#server/context.ts';
import type { Tx } from '#server/db/client.ts';
import type { InboundMessage } from '#shared/channels.ts';
import {
  type IngestInbox,
  type IngestResult,
  ingestInTx,
  type PreparedFiles,
  prepareFiles,
} from './ingest-inbound.ts';
import { publishIngest } from './publish.ts';

type Pending = {
  inbox: IngestInbox;
  message: InboundMessage;
  files: PreparedFiles;
  resolve(r: IngestResult): void;
  reject(e: unknown): void;
};

export type Ingestor = { ingest(inbox: IngestInbox, m: InboundMessage): Promise<IngestResult> };

const MAX_BATCH = 200;
const RETRYABLE = new Set(['40001', '40P01']); // serialization failure, deadlock (between hub nodes)

export function createIngestor(ctx: HubContext): Ingestor {
  const waiting: Pending[] = [];
  let running = false;

  async function runOne(tx: Tx, p: Pending): Promise<IngestResult> {
    return ingestInTx(ctx, tx, p.inbox, p.message, p.files);
  }

  async function commit(batch: Pending[]): Promise<IngestResult[]> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await ctx.db.transaction(async (tx) => {
          const results: IngestResult[] = [];
          for (const p of batch) results.push(await runOne(tx, p));
          return results;
        });
      } catch (err) {
        const code =
          (err as { code?: string; cause?: { code?: string } }).code ??
          (err as { cause?: { code?: string } }).cause?.code;
        if (attempt < 3 && code && RETRYABLE.has(code)) continue;
        throw err;
      }
    }
  }

  async function drain(): Promise<void> {
    running = true;
    try {
      while (waiting.length > 0) {
        const batch = waiting.splice(0, MAX_BATCH);
        try {
          const results = await commit(batch);
          for (const [i, p] of batch.entries()) {
            p.resolve(results[i]);
            publishIngest(ctx, p.inbox.channel, results[i]);
          }
        } catch (err) {
          if (batch.length === 1) {
            batch[0].reject(err);
            continue;
          }
          for (const p of batch) {
            try {
              const [r] = await commit([p]);
              p.resolve(r);
              publishIngest(ctx, p.inbox.channel, r);
            } catch (e) {
              p.reject(e);
            }
          }
        }
      }
    } finally {
      running = false;
    }
  }

  return {
    async ingest(inbox, message) {
      const files = await prepareFiles(ctx, message);
      return new Promise<IngestResult>((resolve, reject) => {
        waiting.push({ inbox, message, files, resolve, reject });
        if (!running) void drain();
      });
    },
  };
}
