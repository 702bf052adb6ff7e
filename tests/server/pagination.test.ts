// Paging and filtering: the conversation list pages by last activity with an opaque cursor, every
// conversation exactly once; a conversation's messages page by id with `after`; the filters narrow the list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiResponse,
  client,
  incoming,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';

let t: TestHub;

beforeAll(async () => {
  t = await startTestHub();
});
afterAll(() => t?.destroy());

/** Follows nextCursor to the end (from `start`, or the first page); returns the pages. */
async function allPages(
  api: ReturnType<typeof client>,
  path: string,
  limit: number,
  start: string | null = null,
) {
  const pages: any[][] = [];
  const cursors: (string | null)[] = [];
  let cursor: string | null = start;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const res = await api.get(
      `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    pages.push(res.body.data);
    cursor = res.body.nextCursor;
    cursors.push(cursor);
    expect(pages.length).toBeLessThan(50);
  } while (cursor);
  return { pages, cursors, items: pages.flat() };
}

describe('conversation list paging', () => {
  let acct: SeededAccount;
  let inbox: { id: string; token: string };
  /** In the order they were created. */
  const created: string[] = [];

  beforeAll(async () => {
    acct = await seedAccount(t, 'Paging');
    inbox = await acct.apiInbox();
    for (let i = 0; i < 25; i++) {
      const r = await incoming(t.url, inbox, {
        externalId: `p-${i}`,
        contact: { externalId: `cust-p-${i}` },
        text: `conversation ${i}`,
      });
      expect(r.status).toBe(201);
      created.push(r.body.data.conversation.id);
    }
  });

  it('pages through 25 conversations 10 at a time: each exactly once, newest activity first', async () => {
    const api = client(t.url, acct.adminToken);
    const { pages, cursors, items } = await allPages(api, '/conversations', 10);
    expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
    expect(cursors.slice(0, 2).every((c) => typeof c === 'string' && c.length > 0)).toBe(true);
    expect(cursors[2]).toBeNull();
    const ids = items.map((c) => c.id);
    expect(new Set(ids).size).toBe(25);
    // Created one after another, so the newest activity is the last created.
    expect(ids).toEqual([...created].reverse());
    for (let i = 1; i < items.length; i++) {
      expect(Date.parse(items[i - 1].lastActivityAt)).toBeGreaterThanOrEqual(
        Date.parse(items[i].lastActivityAt),
      );
    }
  });

  it('moves a conversation to the top when it has new activity', async () => {
    const api = client(t.url, acct.adminToken);
    const oldest = created[0];
    const bumped = await incoming(t.url, inbox, {
      externalId: 'p-0-again',
      contact: { externalId: 'cust-p-0' },
      text: 'still there?',
    });
    expect(bumped.body.data.conversation.id).toBe(oldest);
    const replied = await api.post(`/conversations/${created[5]}/messages`, {
      text: 'an answer',
      private: true,
    });
    expect(replied.status).toBe(201);
    const { items } = await allPages(api, '/conversations', 10);
    const expected = [
      created[5],
      oldest,
      ...[...created].reverse().filter((id) => id !== oldest && id !== created[5]),
    ];
    expect(items.map((c) => c.id)).toEqual(expected);
  });

  it('neither repeats nor skips a conversation when a new one arrives between pages', async () => {
    const api = client(t.url, acct.adminToken);
    const before = (await allPages(api, '/conversations', 100)).items.map((c) => c.id);
    const first = await api.get('/conversations?limit=10');
    const arrived = await incoming(t.url, inbox, {
      externalId: 'p-late',
      contact: { externalId: 'cust-late' },
      text: 'late',
    });
    const rest = await allPages(api, '/conversations', 10, first.body.nextCursor);
    const seen = [...first.body.data, ...rest.items].map((c) => c.id);
    expect(seen).toEqual(before);
    expect(seen).not.toContain(arrived.body.data.conversation.id);
    // The newcomer heads the list for whoever starts again.
    expect((await api.get('/conversations?limit=1')).body.data[0].id).toBe(arrived.body.data.conversation.id);
  });

  it('pages with a page size of 1 and of exactly the total', async () => {
    const api = client(t.url, acct.adminToken);
    const all = (await allPages(api, '/conversations', 200)).items.map((c) => c.id);
    expect(all).toHaveLength(26);
    const ones = await allPages(api, '/conversations', 1);
    expect(ones.items.map((c) => c.id)).toEqual(all);
    const exact = await api.get(`/conversations?limit=${all.length}`);
    expect(exact.body.data).toHaveLength(all.length);
    expect(exact.body.nextCursor).toBeNull();
  });

  it('returns an empty last page, not an error, for a cursor past the end', async () => {
    const api = client(t.url, acct.adminToken);
    const { cursors } = await allPages(api, '/conversations', 13);
    // 26 conversations in pages of 13: the second page ends exactly at the last one.
    expect(cursors).toEqual([expect.any(String), null]);
    const last = (await api.get('/conversations?limit=25')).body.nextCursor;
    const tail = await api.get(`/conversations?limit=25&cursor=${encodeURIComponent(last)}`);
    expect(tail.body.data).toHaveLength(1);
    expect(tail.body.nextCursor).toBeNull();
  });
});

describe('contact list paging', () => {
  it('pages through the contacts with nextCursor, newest first, each exactly once', async () => {
    const acct = await seedAccount(t, 'Contacts');
    const inbox = await acct.apiInbox();
    const created: string[] = [];
    for (let i = 0; i < 7; i++) {
      const r = await incoming(t.url, inbox, {
        externalId: `c-${i}`,
        contact: { externalId: `cust-c-${i}` },
        text: 'hi',
      });
      created.push(r.body.data.conversation.contactId);
    }
    const { pages, cursors, items } = await allPages(client(t.url, acct.adminToken), '/contacts', 3);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(cursors.at(-1)).toBeNull();
    expect(items.map((c) => c.id)).toEqual([...created].reverse());
  });
});

describe('message paging', () => {
  let acct: SeededAccount;
  let conversationId: string;
  const messageIds: string[] = [];

  beforeAll(async () => {
    acct = await seedAccount(t, 'Messages');
    const inbox = await acct.apiInbox();
    for (let i = 0; i < 12; i++) {
      const r = await incoming(t.url, inbox, {
        externalId: `msg-${i}`,
        contact: { externalId: 'cust-msgs' },
        text: `message ${i}`,
      });
      conversationId = r.body.data.conversation.id;
      messageIds.push(r.body.data.message.id);
    }
  });

  it('returns all messages in order', async () => {
    const res = await client(t.url, acct.adminToken).get(`/conversations/${conversationId}/messages`);
    expect(res.body.data.map((m: any) => m.id)).toEqual(messageIds);
    expect(res.body.data.map((m: any) => m.text)).toEqual(messageIds.map((_, i) => `message ${i}`));
    expect(res.body.nextCursor).toBeNull();
  });

  it('pages with after=<last id seen> and limit exactly: 5, 5, 2', async () => {
    const api = client(t.url, acct.adminToken);
    const seen: string[] = [];
    const sizes: number[] = [];
    let after: string | null = null;
    for (;;) {
      const res: ApiResponse<any> = await api.get(
        `/conversations/${conversationId}/messages?limit=5${after ? `&after=${after}` : ''}`,
      );
      expect(res.status).toBe(200);
      sizes.push(res.body.data.length);
      seen.push(...res.body.data.map((m: any) => m.id));
      if (!res.body.nextCursor) break;
      expect(res.body.nextCursor).toBe(res.body.data.at(-1).id);
      after = res.body.nextCursor;
    }
    expect(sizes).toEqual([5, 5, 2]);
    expect(seen).toEqual(messageIds);
  });

  it('catches up after a reconnect: after=<id> returns only what came later', async () => {
    const api = client(t.url, acct.adminToken);
    const later = await api.get(`/conversations/${conversationId}/messages?after=${messageIds[8]}`);
    expect(later.body.data.map((m: any) => m.id)).toEqual(messageIds.slice(9));
    const none = await api.get(`/conversations/${conversationId}/messages?after=${messageIds[11]}`);
    expect(none.body).toEqual({ data: [], nextCursor: null });
    const reply = await api.post(`/conversations/${conversationId}/messages`, { text: 'new', private: true });
    const fresh = await api.get(`/conversations/${conversationId}/messages?after=${messageIds[11]}`);
    expect(fresh.body.data.map((m: any) => m.id)).toEqual([reply.body.data.id]);
  });
});

describe('conversation filters', () => {
  let acct: SeededAccount;
  let agent: { id: string; token: string };
  let team: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    acct = await seedAccount(t, 'Filters');
    const admin = client(t.url, acct.adminToken);
    const u = await acct.user('agent');
    agent = { id: String(u.user.id), token: u.token };
    team = (await admin.post('/teams', { name: 'Sales', memberIds: [agent.id] })).body.data.id;
    const web = await acct.apiInbox();
    const other = await acct.apiInbox();
    const make = async (name: string, inbox: { id: string; token: string }) => {
      const r = await incoming(t.url, inbox, {
        externalId: `f-${name}`,
        contact: { externalId: `cust-f-${name}` },
        text: name,
      });
      ids[name] = r.body.data.conversation.id;
      return r.body.data.conversation.id as string;
    };
    await make('open', web);
    await admin.post(`/conversations/${await make('pending', web)}/status`, { status: 'pending' });
    await admin.post(`/conversations/${await make('resolved', web)}/status`, { status: 'resolved' });
    await admin.post(`/conversations/${await make('snoozed', other)}/status`, {
      status: 'snoozed',
      snoozedUntil: new Date(Date.now() + 86_400_000).toISOString(),
    });
    await admin.post(`/conversations/${await make('toAdmin', other)}/assign`, {
      assigneeId: String(acct.admin.id),
    });
    await admin.post(`/conversations/${await make('toAgent', other)}/assign`, { assigneeId: agent.id });
    await admin.post(`/conversations/${await make('toTeam', web)}/assign`, { teamId: team });
    ids.web = web.id;
    ids.other = other.id;
  });

  const list = async (query: string, token = acct.adminToken) => {
    const res = await client(t.url, token).get(`/conversations?${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return (res.body.data as any[]).map((c) => c.id).sort();
  };
  const named = (...names: string[]) => names.map((n) => ids[n]).sort();

  it('filters by status', async () => {
    expect(await list('status=open')).toEqual(named('open', 'toAdmin', 'toAgent', 'toTeam'));
    expect(await list('status=pending')).toEqual(named('pending'));
    expect(await list('status=resolved')).toEqual(named('resolved'));
    expect(await list('status=snoozed')).toEqual(named('snoozed'));
  });

  it('filters by inbox', async () => {
    expect(await list(`inboxId=${ids.web}`)).toEqual(named('open', 'pending', 'resolved', 'toTeam'));
    expect(await list(`inboxId=${ids.other}`)).toEqual(named('snoozed', 'toAdmin', 'toAgent'));
  });

  it('filters by assignee: me, none, or a user id', async () => {
    expect(await list('assigneeId=me')).toEqual(named('toAdmin'));
    expect(await list('assigneeId=me', agent.token)).toEqual(named('toAgent'));
    expect(await list(`assigneeId=${agent.id}`)).toEqual(named('toAgent'));
    expect(await list('assigneeId=none')).toEqual(named('open', 'pending', 'resolved', 'snoozed', 'toTeam'));
    // An agent's "unassigned" view holds the pool and their team's unassigned work, nothing else.
    expect(await list('assigneeId=none', agent.token)).toEqual(
      named('open', 'pending', 'resolved', 'snoozed', 'toTeam'),
    );
  });

  it('filters by team, and combines filters', async () => {
    expect(await list(`teamId=${team}`)).toEqual(named('toTeam'));
    expect(await list(`status=open&inboxId=${ids.other}`)).toEqual(named('toAdmin', 'toAgent'));
    expect(await list(`status=open&assigneeId=none&inboxId=${ids.web}`)).toEqual(named('open', 'toTeam'));
    expect(await list(`status=pending&inboxId=${ids.other}`)).toEqual([]);
  });

  it('keeps the filter across pages', async () => {
    const api = client(t.url, acct.adminToken);
    const { pages, items } = await allPages(api, '/conversations?assigneeId=none', 2);
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(items.map((c) => c.id).sort()).toEqual(named('open', 'pending', 'resolved', 'snoozed', 'toTeam'));
    expect(items.every((c) => c.assigneeId === null)).toBe(true);
  });
});
