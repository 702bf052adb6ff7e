// The console's one outbox (outbox.ts) over localStorage: flushed when the browser comes back online,
// when the agent socket reconnects (conversation-view.tsx), and every 15 seconds while anything waits.
import { useEffect, useState } from 'react';
import type { Api } from '../api.ts';
import { Outbox, type OutboxEntry } from './outbox.ts';

let shared: Outbox | null = null;

export function outboxOf(api: Api): Outbox {
  if (shared) return shared;
  const box = new Outbox(localStorage, (e) =>
    api.post(`/conversations/${e.conversationId}/messages`, e.body),
  );
  shared = box;
  window.addEventListener('online', () => void box.flush());
  setInterval(() => {
    if (box.entries().some((e) => !e.error)) void box.flush();
  }, 15_000);
  void box.flush();
  return box;
}

/** This conversation's waiting sends, kept up to date. */
export function useOutbox(api: Api, conversationId: string): { box: Outbox; entries: OutboxEntry[] } {
  const box = outboxOf(api);
  const [entries, setEntries] = useState(() => box.entries(conversationId));
  useEffect(() => {
    setEntries(box.entries(conversationId));
    return box.subscribe(() => setEntries(box.entries(conversationId)));
  }, [box, conversationId]);
  return { box, entries };
}
