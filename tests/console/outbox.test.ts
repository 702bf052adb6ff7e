// The console's outbox (agent-console/src/components/outbox.ts): replies written offline wait in the
// browser's storage and go out in order, once each, when the hub answers; a refusal stays with its reason.
import { describe, expect, it } from 'vitest';
import { Outbox, type OutboxEntry, retryable } from '../../agent-console/src/components/outbox.ts';

function memory() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
}
const offline = () => Object.assign(new Error('the hub cannot be reached'), { status: 0, code: 'offline' });
const entry = (id: string, conversationId = '7') => ({
  clientMessageId: id,
  conversationId,
  body: { text: `reply ${id}`, clientMessageId: id },
});

describe('console outbox', () => {
  it('keeps sends while the hub is unreachable and delivers them in order when it answers', async () => {
    const storage = memory();
    let up = false;
    const sent: string[] = [];
    const box = new Outbox(storage, async (e: OutboxEntry) => {
      if (!up) throw offline();
      sent.push(e.clientMessageId);
    });
    box.add(entry('a'));
    box.add(entry('b', '8'));
    box.add(entry('a')); // the same send twice is kept once
    await box.flush();
    expect(sent).toEqual([]);
    expect(box.entries().map((e) => e.clientMessageId)).toEqual(['a', 'b']);
    expect(box.entries('8').map((e) => e.clientMessageId)).toEqual(['b']);
    // A reload: a new outbox on the same storage still has both.
    const again = new Outbox(storage, async (e) => {
      if (!up) throw offline();
      sent.push(e.clientMessageId);
    });
    expect(again.entries()).toHaveLength(2);
    up = true;
    await again.flush();
    expect(sent).toEqual(['a', 'b']);
    expect(again.entries()).toEqual([]);
  });

  it('stops at the first unreachable send, so nothing overtakes an earlier reply', async () => {
    const calls: string[] = [];
    const box = new Outbox(memory(), async (e) => {
      calls.push(e.clientMessageId);
      throw offline();
    });
    box.add(entry('a'));
    box.add(entry('b'));
    await box.flush();
    expect(calls).toEqual(['a']);
  });

  it('marks a refused send with the hub’s reason, skips it, and sends it again only when asked', async () => {
    let refuse = true;
    const sent: string[] = [];
    const box = new Outbox(memory(), async (e) => {
      if (e.clientMessageId === 'a' && refuse)
        throw Object.assign(new Error('conversation is resolved'), { status: 409, code: 'invalid_state' });
      sent.push(e.clientMessageId);
    });
    let changes = 0;
    box.subscribe(() => changes++);
    box.add(entry('a'));
    box.add(entry('b'));
    await box.flush();
    expect(sent).toEqual(['b']);
    expect(box.entries()).toEqual([
      expect.objectContaining({
        clientMessageId: 'a',
        error: { code: 'invalid_state', message: 'conversation is resolved' },
      }),
    ]);
    await box.flush();
    expect(sent).toEqual(['b']);
    refuse = false;
    await box.retry('a');
    expect(sent).toEqual(['b', 'a']);
    expect(box.entries()).toEqual([]);
    expect(changes).toBeGreaterThan(3);
  });

  it('runs one flush at a time', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let calls = 0;
    const box = new Outbox(memory(), async () => {
      calls++;
      await gate;
    });
    box.add(entry('a'));
    const one = box.flush();
    const two = box.flush();
    expect(one).toBe(two);
    release();
    await one;
    expect(calls).toBe(1);
  });

  it('retries what may pass later and not what the hub refused', () => {
    expect(retryable({ status: 0 })).toBe(true);
    expect(retryable({ status: 503 })).toBe(true);
    expect(retryable({ status: 429 })).toBe(true);
    expect(retryable({ status: 400 })).toBe(false);
    expect(retryable({ status: 404 })).toBe(false);
  });
});
