// Ingest: a redelivery is stored once, concurrent arrivals on a new thread make one conversation, an
// echo of our own send is not stored again, and a resolved thread reopens within the inbox's window.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  incoming,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';

let t: TestHub;
let acct: SeededAccount;
let inbox: { id: string; token: string; secret: string };

beforeAll(async () => {
  t = await startTestHub();
  acct = await seedAccount(t);
  inbox = await acct.apiInbox();
});
afterAll(() => t?.destroy());

describe('ingest', () => {
  it('stores a redelivered message once and answers 200 with the same message', async () => {
    const body = { externalId: 'dup-1', contact: { externalId: 'cust-dup', name: 'Ana' }, text: 'hola' };
    const first = await incoming(t.url, inbox, body);
    const second = await incoming(t.url, inbox, body);
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body.data.message.id).toBe(first.body.data.message.id);
    const api = client(t.url, acct.adminToken);
    const msgs = await api.get(`/conversations/${first.body.data.conversation.id}/messages`);
    expect(msgs.body.data.filter((m: any) => m.externalId === 'dup-1')).toHaveLength(1);
  });

  it('makes one conversation and keeps all 50 messages when they arrive at once on a new thread', async () => {
    const sends = Array.from({ length: 50 }, (_, i) =>
      incoming(t.url, inbox, {
        externalId: `burst-${i}`,
        contact: { externalId: 'cust-burst', name: 'Burst' },
        threadKey: 'thread-burst',
        text: `message ${i}`,
      }),
    );
    const results = await Promise.all(sends);
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(201));
    const conversationIds = new Set(results.map((r) => r.body.data.conversation.id));
    expect(conversationIds.size).toBe(1);
    const [id] = conversationIds;
    const msgs = await client(t.url, acct.adminToken).get(`/conversations/${id}/messages?limit=500`);
    expect(msgs.body.data).toHaveLength(50);
    const contacts = await client(t.url, acct.adminToken).get('/contacts?q=cust-burst');
    expect(contacts.body.data).toHaveLength(1);
  });

  it('makes one conversation when separate transactions race on a new thread (as several hub nodes would)', async () => {
    const { ingestInTx } = await import('#server/conversations/ingest-inbound.ts');
    const ctx = t.hub.ctx;
    const running = ctx.channels.get(Number(inbox.id))!;
    // Bypass this node's group commit: each message in its own transaction, all at once.
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        ctx.db.transaction((tx) =>
          ingestInTx(ctx, tx, running.inbox, {
            channel: 'api',
            inboxId: Number(inbox.id),
            externalId: `nodes-${i}`,
            threadKey: 'thread-nodes',
            sender: { externalId: 'cust-nodes' },
            text: `m${i}`,
          }),
        ),
      ),
    );
    expect(new Set(results.map((r) => r.conversation.id)).size).toBe(1);
    expect(results.filter((r) => r.conversationCreated)).toHaveLength(1);
    expect(new Set(results.map((r) => r.contact.id)).size).toBe(1);
  });

  it('stores one message when the same external id arrives many times at once', async () => {
    const body = { externalId: 'race-1', contact: { externalId: 'cust-race' }, text: 'once' };
    const results = await Promise.all(Array.from({ length: 10 }, () => incoming(t.url, inbox, body)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 200)).toHaveLength(9);
    expect(new Set(results.map((r) => r.body.data.message.id)).size).toBe(1);
  });

  it('keeps arrival order when the first message carries a big file: the first copy of a mail is kept, a thread stays in order', async () => {
    const running = t.hub.ctx.channels.get(Number(inbox.id))!;
    // A 3 MB file takes a while to hash and write; the message after it has nothing to store.
    const big = new Uint8Array(3 * 1024 * 1024).fill(0x61);
    const base = { channel: 'api' as const, inboxId: running.inbox.id, sender: { externalId: 'cust-order' } };
    // Two copies of one mail (the same Message-ID in two files): the first one read is the one kept.
    const [firstCopy, secondCopy] = await Promise.all([
      t.hub.ingestor.ingest(running.inbox, {
        ...base,
        externalId: 'same-mail',
        threadKey: 'order-1',
        text: 'first copy, with the scan',
        attachments: [{ data: big, name: 'scan.txt', mime: 'text/plain' }],
      }),
      t.hub.ingestor.ingest(running.inbox, {
        ...base,
        externalId: 'same-mail',
        threadKey: 'order-1',
        text: 'second copy',
      }),
    ]);
    expect(firstCopy.duplicate).toBe(false);
    expect(secondCopy.duplicate).toBe(true);
    expect(secondCopy.message.text).toBe('first copy, with the scan');
    // A photo then a line of text, sent together: stored in that order.
    const [photo, line] = await Promise.all([
      t.hub.ingestor.ingest(running.inbox, {
        ...base,
        externalId: 'order-photo',
        threadKey: 'order-2',
        text: 'here is the photo',
        attachments: [{ data: big.map(() => 0x62), name: 'photo.txt', mime: 'text/plain' }],
      }),
      t.hub.ingestor.ingest(running.inbox, {
        ...base,
        externalId: 'order-line',
        threadKey: 'order-2',
        text: 'and my number',
      }),
    ]);
    expect(photo.message.id).toBeLessThan(line.message.id);
  });

  it('keeps the same sender on concurrent new threads as one contact', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        incoming(t.url, inbox, {
          externalId: `multi-${i}`,
          contact: { externalId: 'cust-multi' },
          threadKey: `multi-thread-${i}`,
          text: 'x',
        }),
      ),
    );
    expect(new Set(results.map((r) => r.body.data.conversation.contactId)).size).toBe(1);
    expect(new Set(results.map((r) => r.body.data.conversation.id)).size).toBe(8);
  });

  it('does not store the echo of a message the hub itself sent', async () => {
    const first = await incoming(t.url, inbox, {
      externalId: 'echo-in',
      contact: { externalId: 'cust-echo' },
      text: 'hi',
    });
    const conversationId = first.body.data.conversation.id;
    const { ingestInTx } = await import('#server/conversations/ingest-inbound.ts');
    const ctx = t.hub.ctx;
    const running = ctx.channels.get(Number(inbox.id))!;
    // An outbound message that the channel reported back with our own external id.
    const { messages } = await import('#server/db/schema.ts');
    const [out] = await ctx.db
      .insert(messages)
      .values({
        accountId: acct.accountId,
        conversationId: Number(conversationId),
        inboxId: Number(inbox.id),
        direction: 'out',
        senderType: 'agent',
        status: 'sent',
        text: 'our reply',
        externalId: 'api-out-echo',
      })
      .returning();
    const echo = await ctx.db.transaction((tx) =>
      ingestInTx(ctx, tx, running.inbox, {
        channel: 'api',
        inboxId: Number(inbox.id),
        externalId: 'api-out-echo',
        threadKey: 'contact:cust-echo',
        sender: { externalId: 'cust-echo' },
        text: 'our reply',
      }),
    );
    expect(echo.duplicate).toBe(true);
    expect(echo.message.id).toBe(out.id);
    const msgs = await client(t.url, acct.adminToken).get(`/conversations/${conversationId}/messages`);
    expect(msgs.body.data.map((m: any) => m.direction)).toEqual(['in', 'out']);
  });

  it('reopens a resolved conversation when the customer writes again within the window', async () => {
    const api = client(t.url, acct.adminToken);
    const first = await incoming(t.url, inbox, {
      externalId: 'ro-1',
      contact: { externalId: 'cust-ro' },
      text: 'a',
    });
    const id = first.body.data.conversation.id;
    expect((await api.post(`/conversations/${id}/status`, { status: 'resolved' })).body.data.status).toBe(
      'resolved',
    );
    const again = await incoming(t.url, inbox, {
      externalId: 'ro-2',
      contact: { externalId: 'cust-ro' },
      text: 'b',
    });
    expect(again.body.data.conversation.id).toBe(id);
    expect(again.body.data.conversation.status).toBe('open');
    const events = await api.get(`/conversations/${id}/events`);
    expect(events.body.data.map((e: any) => e.type)).toEqual([
      'conversation.created',
      'conversation.status_changed',
      'conversation.reopened',
    ]);
  });

  it('starts a new conversation when the inbox policy says not to reopen', async () => {
    const api = client(t.url, acct.adminToken);
    const other = await acct.apiInbox();
    await api.patch(`/inboxes/${other.id}`, { settings: { reopenWithinHours: 0 } });
    const first = await incoming(t.url, other, {
      externalId: 'nr-1',
      contact: { externalId: 'cust-nr' },
      text: 'a',
    });
    await api.post(`/conversations/${first.body.data.conversation.id}/status`, { status: 'resolved' });
    const again = await incoming(t.url, other, {
      externalId: 'nr-2',
      contact: { externalId: 'cust-nr' },
      text: 'b',
    });
    expect(again.body.data.conversation.id).not.toBe(first.body.data.conversation.id);
    expect(again.body.data.conversation.contactId).toBe(first.body.data.conversation.contactId);
  });

  it('wakes a pending conversation when the customer writes', async () => {
    const api = client(t.url, acct.adminToken);
    const first = await incoming(t.url, inbox, {
      externalId: 'pw-1',
      contact: { externalId: 'cust-pw' },
      text: 'a',
    });
    const id = first.body.data.conversation.id;
    await api.post(`/conversations/${id}/status`, { status: 'pending' });
    const again = await incoming(t.url, inbox, {
      externalId: 'pw-2',
      contact: { externalId: 'cust-pw' },
      text: 'b',
    });
    expect(again.body.data.conversation.status).toBe('open');
  });
});
