import type { StoreKey } from '../types.ts';

// What the widget keeps in the hub origin's localStorage, per inbox: the visitor token (the session), the
// outbox (messages not yet acknowledged — resent with the same clientMessageId after a reconnect or a
// reload; the hub stores each once) and whether the pre-chat form was answered.
export type OutAttachment = { id: string; name: string; mime: string; size: number };
export type OutboxEntry = {
  clientMessageId: string;
  text: string;
  attachments: OutAttachment[];
  createdAt: string;
  /** The hub refused it (not a lost ack): waits for the visitor's retry instead of being resent. */
  failed?: string;
};

/**
 * Reads from memory, seeded by the loader with what the host site's storage holds (third-party storage
 * in the iframe may be partitioned or blocked); writes go to memory, to the loader (`persist`) and, when
 * allowed, to the iframe's own localStorage (the only store when the app runs outside an iframe).
 */
export function localStore(inbox: string, persist: (key: StoreKey, value: string | null) => void) {
  const k = (name: string) => `hub:${inbox}:${name}`;
  const mem = new Map<string, string>();
  const get = (name: StoreKey) => {
    if (mem.has(name)) return mem.get(name)!;
    try {
      return localStorage.getItem(k(name));
    } catch {
      return null;
    }
  };
  const set = (name: StoreKey, v: string | null) => {
    if (v === null) mem.delete(name);
    else mem.set(name, v);
    persist(name, v);
    try {
      if (v === null) localStorage.removeItem(k(name));
      else localStorage.setItem(k(name), v);
    } catch {}
  };
  const seed = (values: Record<string, string>) => {
    for (const [name, v] of Object.entries(values)) mem.set(name, v);
  };
  const outbox = (): OutboxEntry[] => {
    try {
      return JSON.parse(get('outbox') ?? '[]') as OutboxEntry[];
    } catch {
      return [];
    }
  };
  const saveOutbox = (list: OutboxEntry[]) => set('outbox', list.length ? JSON.stringify(list) : null);
  return {
    get,
    set,
    seed,
    outbox,
    put(e: OutboxEntry) {
      saveOutbox([...outbox().filter((o) => o.clientMessageId !== e.clientMessageId), e]);
    },
    drop(id: string) {
      saveOutbox(outbox().filter((o) => o.clientMessageId !== id));
    },
  };
}
export type LocalStore = ReturnType<typeof localStore>;

export const newId = () =>
  typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
