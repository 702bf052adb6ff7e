// Sends the hub could not take yet. A reply written while the network is down is kept here, in this
// browser's storage (a reload or a closed laptop loses nothing), shown in its conversation as "waiting for
// the connection", and sent in order as soon as the hub answers again. Each entry keeps the client id it was
// first tried with, so a send that did reach the hub before the drop is stored there once. A refusal (a
// 4xx: the conversation was closed, an attachment is gone) is not retried: the entry stays, marked with the
// hub's reason, until the agent retries or discards it.

export type OutboxEntry = {
  clientMessageId: string;
  conversationId: string;
  /** The body of POST /conversations/:id/messages, clientMessageId included. */
  body: Record<string, unknown> & { text?: string; private?: boolean };
  queuedAt: string;
  /** Set when the hub refused it: not retried by itself any more. */
  error?: { code: string; message: string };
};

export type OutboxStorage = { getItem(k: string): string | null; setItem(k: string, v: string): void };
export type Sender = (entry: OutboxEntry) => Promise<unknown>;
/** What a failed send threw: offline (status 0) and 5xx are worth another try, anything else is a refusal. */
export type SendFailure = { status: number; code: string; message: string };

const KEY = 'hub.outbox';

export class Outbox {
  private flushing: Promise<void> | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly storage: OutboxStorage,
    private readonly send: Sender,
  ) {}

  entries(conversationId?: string): OutboxEntry[] {
    let all: OutboxEntry[] = [];
    try {
      all = JSON.parse(this.storage.getItem(KEY) ?? '[]');
    } catch {
      all = [];
    }
    return conversationId ? all.filter((e) => e.conversationId === conversationId) : all;
  }

  add(entry: Omit<OutboxEntry, 'queuedAt'>, now = new Date()): void {
    if (this.entries().some((e) => e.clientMessageId === entry.clientMessageId)) return;
    this.write([...this.entries(), { ...entry, queuedAt: now.toISOString() }]);
  }

  discard(clientMessageId: string): void {
    this.write(this.entries().filter((e) => e.clientMessageId !== clientMessageId));
  }

  /** Makes a refused entry eligible again (the agent pressed retry), then flushes. */
  retry(clientMessageId: string): Promise<void> {
    this.write(
      this.entries().map((e) => (e.clientMessageId === clientMessageId ? { ...e, error: undefined } : e)),
    );
    return this.flush();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Sends the waiting entries oldest first; stops at the first one the hub cannot be reached for (the
   * rest would fail the same way, and order matters in a conversation). One flush runs at a time.
   */
  flush(): Promise<void> {
    this.flushing ??= this.run().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async run(): Promise<void> {
    for (const entry of this.entries()) {
      if (entry.error) continue;
      try {
        await this.send(entry);
        this.discard(entry.clientMessageId);
      } catch (err) {
        const f = err as Partial<SendFailure>;
        if (retryable(f)) return;
        this.write(
          this.entries().map((e) =>
            e.clientMessageId === entry.clientMessageId
              ? { ...e, error: { code: f.code ?? 'error', message: f.message ?? String(err) } }
              : e,
          ),
        );
      }
    }
  }

  private write(list: OutboxEntry[]): void {
    this.storage.setItem(KEY, JSON.stringify(list));
    for (const l of this.listeners) l();
  }
}

/** Offline, a timeout or the hub in trouble: try again later. A 4xx is the hub's answer: it stands. */
export function retryable(f: Partial<SendFailure>): boolean {
  return f.status === undefined || f.status === 0 || f.status === 408 || f.status === 429 || f.status >= 500;
}
