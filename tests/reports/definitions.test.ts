// The reports' definitions against a month counted by hand: November 2026 in La Paz (UTC−4), seeded as
// rows with chosen instants (what the hub's flows store; first-response.test.ts drives the flows that
// decide "within target"). Contacts across midnight, a transfer splitting handle time, pending time left
// out of handle time, a reopened contact, one abandoned, one still waiting, one just outside the month.
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  contacts,
  conversationEvents,
  conversationHolds,
  conversations,
  inboxes,
  messages,
  type User,
} from '#server/db/schema.ts';
import { client, type SeededAccount, seedAccount, startTestHub, type TestHub } from '#tests/helpers/hub.ts';
import { readReport } from '#tests/helpers/reports.ts';

let t: TestHub;
let a: SeededAccount;
let agentA: { user: User; token: string };
let agentB: { user: User; token: string };
const ids: Record<string, string> = {};

/** A La Paz wall-clock time (no DST there). */
const lp = (s: string) => new Date(`${s.replace(' ', 'T')}-04:00`);
const month = 'from=2026-11-01&to=2026-11-30';

beforeAll(async () => {
  t = await startTestHub();
  a = await seedAccount(t, 'Reports month');
  agentA = await a.user('agent', 'Ana');
  agentB = await a.user('agent', 'Beto');
  const admin = client(t.url, a.adminToken);
  const patched = await admin.patch('/routing/settings', {
    businessHours: { timezone: 'America/La_Paz', week: [{ day: 1, from: '08:00', to: '18:00' }] },
    sla: { webchat: { firstResponseSeconds: 20 }, email: { firstResponseSeconds: 28_800 } },
    unansweredSeconds: 60,
  });
  expect(patched.status).toBe(200);
  const db = t.hub.ctx.db;
  // Inbox rows only: no channel connection is started for them.
  const inbox = async (channel: string) =>
    (
      await db
        .insert(inboxes)
        .values({
          accountId: a.accountId,
          name: channel,
          channel,
          configEncrypted: 'x',
          token: `${channel}-${a.accountId}`,
        })
        .returning()
    )[0];
  const chat = await inbox('webchat');
  const mail = await inbox('email');
  const [contact] = await db.insert(contacts).values({ accountId: a.accountId, name: 'Cliente' }).returning();
  const A = agentA.user.id;
  const B = agentB.user.id;
  type Seed = {
    key: string;
    inboxId: number;
    first: string;
    started?: string;
    reply?: string;
    /** Who sent the first reply (as the hub stores it with the reply): the sender of its first message out. */
    responder?: number;
    met?: boolean | null;
    resolved?: string;
    assignee?: number;
    status?: 'open' | 'resolved';
  };
  const seeds: Seed[] = [
    // C1: answered 15 s after the questions ended, within 20 s; resolved after 10 min.
    {
      key: 'c1',
      inboxId: chat.id,
      first: '2026-11-02 09:00:00',
      started: '2026-11-02 09:00:30',
      reply: '2026-11-02 09:00:45',
      responder: A,
      met: true,
      resolved: '2026-11-02 09:10:00',
      assignee: A,
    },
    // C2: written 10 s before midnight (a contact of the 2nd), answered 50 s later on the 3rd: late.
    {
      key: 'c2',
      inboxId: chat.id,
      first: '2026-11-02 23:59:50',
      reply: '2026-11-03 00:00:40',
      responder: A,
      met: false,
      resolved: '2026-11-03 00:20:00',
      assignee: B,
    },
    // C3: nobody answered; closed after 3 min: abandoned, and unanswered past 60 s.
    { key: 'c3', inboxId: chat.id, first: '2026-11-03 10:00:00', resolved: '2026-11-03 10:03:00' },
    // C4: an e-mail answered in 2 h (within its 8 h), pending overnight, answered again, resolved.
    {
      key: 'c4',
      inboxId: mail.id,
      first: '2026-11-04 14:00:00',
      reply: '2026-11-04 16:00:00',
      responder: A,
      met: true,
      resolved: '2026-11-05 10:00:00',
      assignee: A,
    },
    // C5: 23:30 on the 30th in La Paz is already December in UTC: still November's.
    {
      key: 'c5',
      inboxId: chat.id,
      first: '2026-11-30 23:30:00',
      reply: '2026-11-30 23:30:10',
      responder: B,
      met: true,
      resolved: '2026-11-30 23:40:00',
      assignee: B,
    },
    // C6: ten minutes into December: outside the month.
    {
      key: 'c6',
      inboxId: chat.id,
      first: '2026-12-01 00:10:00',
      reply: '2026-12-01 00:10:05',
      met: true,
      resolved: '2026-12-01 00:20:00',
      assignee: A,
    },
    // C7: still waiting, nobody has it: unanswered, not abandoned.
    { key: 'c7', inboxId: chat.id, first: '2026-11-10 08:00:00', status: 'open' },
  ];
  for (const s of seeds) {
    const [c] = await db
      .insert(conversations)
      .values({
        accountId: a.accountId,
        inboxId: s.inboxId,
        contactId: contact.id,
        threadKey: s.key,
        // Stored resolved (or unassigned), so the holds trigger adds nothing: the holds are seeded below.
        status: s.status ?? 'resolved',
        assigneeId: s.assignee ?? null,
        firstCustomerMessageAt: lp(s.first),
        firstResponseStartedAt: lp(s.started ?? s.first),
        firstAgentReplyAt: s.reply ? lp(s.reply) : null,
        firstResponderId: s.responder ?? null,
        firstResponseMet: s.met ?? null,
        resolvedAt: s.resolved ? lp(s.resolved) : null,
        createdAt: lp(s.first),
      })
      .returning();
    ids[s.key] = String(c.id);
  }
  const id = (k: string) => Number(ids[k]);
  const msg = (
    k: string,
    at: string,
    dir: 'in' | 'out',
    extra: Partial<typeof messages.$inferInsert> = {},
  ) => ({
    accountId: a.accountId,
    conversationId: id(k),
    inboxId: k === 'c4' ? mail.id : chat.id,
    direction: dir,
    senderType: dir === 'in' ? ('contact' as const) : ('agent' as const),
    status: dir === 'in' ? ('received' as const) : ('sent' as const),
    text: 'x',
    createdAt: lp(at),
    ...extra,
  });
  await db.insert(messages).values([
    msg('c1', '2026-11-02 09:00:00', 'in'),
    msg('c1', '2026-11-02 09:00:45', 'out', { senderId: A, waitedSince: lp('2026-11-02 09:00:30') }),
    msg('c2', '2026-11-02 23:59:50', 'in'),
    msg('c2', '2026-11-03 00:00:40', 'out', { senderId: A, waitedSince: lp('2026-11-02 23:59:50') }),
    msg('c3', '2026-11-03 10:00:00', 'in'),
    msg('c4', '2026-11-04 14:00:00', 'in'),
    msg('c4', '2026-11-04 16:00:00', 'out', { senderId: A, waitedSince: lp('2026-11-04 14:00:00') }),
    msg('c4', '2026-11-05 09:00:00', 'in'),
    // The next response: 30 min after the customer wrote again.
    msg('c4', '2026-11-05 09:30:00', 'out', { senderId: A, waitedSince: lp('2026-11-05 09:00:00') }),
    // A private note: neither traffic nor a response.
    msg('c4', '2026-11-05 09:31:00', 'out', { senderId: A, private: true }),
    msg('c5', '2026-11-30 23:30:00', 'in'),
    msg('c5', '2026-11-30 23:30:10', 'out', { senderId: B, waitedSince: lp('2026-11-30 23:30:00') }),
    msg('c6', '2026-12-01 00:10:00', 'in'),
    msg('c7', '2026-11-10 08:00:00', 'in'),
  ]);
  const hold = (k: string, user: number, from: string, to: string) => ({
    accountId: a.accountId,
    conversationId: id(k),
    userId: user,
    startedAt: lp(from),
    endedAt: lp(to),
  });
  await db.insert(conversationHolds).values([
    hold('c1', A, '2026-11-02 09:00:40', '2026-11-02 09:10:00'), // 560 s
    // Transferred at 00:05: A held 300 s, B 900 s.
    hold('c2', A, '2026-11-03 00:00:00', '2026-11-03 00:05:00'),
    hold('c2', B, '2026-11-03 00:05:00', '2026-11-03 00:20:00'),
    // Held 2 h, pending overnight (not held), then 1 h: 10 800 s.
    hold('c4', A, '2026-11-04 14:00:00', '2026-11-04 16:00:00'),
    hold('c4', A, '2026-11-05 09:00:00', '2026-11-05 10:00:00'),
    hold('c5', B, '2026-11-30 23:30:05', '2026-11-30 23:40:00'), // 595 s
    hold('c6', A, '2026-12-01 00:10:00', '2026-12-01 00:20:00'),
  ]);
  await db.insert(conversationEvents).values({
    accountId: a.accountId,
    conversationId: id('c4'),
    type: 'conversation.reopened',
    actorType: 'contact',
    createdAt: lp('2026-11-05 09:00:00'),
  });
}, 60_000);

afterAll(async () => {
  await t?.stop();
});

const report = (name: string, q = month, token = a.adminToken) => readReport(t.url, token, name, q);

describe('the service-level report of a month counted by hand', () => {
  it('counts six contacts, three answered within target: 50 %, by channel, day, hour and month', async () => {
    const { data, table } = await report('service-level');
    expect(data.tables.map((x) => x.key)).toEqual(['byDay', 'byChannel', 'byHour', 'regulator']);
    const chat = table('byChannel').rows.find((r) => r.key === 'webchat')?.cells;
    // C1, C2, C3, C5, C7; answered C1, C2, C5; within C1 and C5; FR (15 + 50 + 10) / 3 = 25 s;
    // abandoned C3; unanswered past 60 s: C3 (180 s) and C7 (still waiting).
    expect(chat).toMatchObject({
      targetSeconds: 20,
      registered: 5,
      answered: 3,
      answeredWithin: 2,
      notAnswered: 2,
      serviceLevel: 40,
      averageFirstResponse: 25,
      abandoned: 1,
      unanswered: 2,
    });
    // C4: answered in 7 200 s, within its 8 h, and past the 60 s QP-14 threshold.
    expect(table('byChannel').rows.find((r) => r.key === 'email')?.cells).toMatchObject({
      registered: 1,
      answeredWithin: 1,
      serviceLevel: 100,
      averageFirstResponse: 7200,
      unanswered: 1,
    });
    expect(table('byChannel').totals?.cells).toMatchObject({
      registered: 6,
      answeredWithin: 3,
      serviceLevel: 50,
    });
    const day = (d: string) => table('byDay').rows.find((r) => r.key === d)?.cells;
    expect(table('byDay').rows).toHaveLength(30);
    expect(day('2026-11-02')).toMatchObject({ registered: 2, answeredWithin: 1, serviceLevel: 50 });
    expect(day('2026-11-03')).toMatchObject({ registered: 1, answeredWithin: 0, serviceLevel: 0 });
    expect(day('2026-11-30')).toMatchObject({ registered: 1, answeredWithin: 1, serviceLevel: 100 });
    expect(day('2026-11-15')).toMatchObject({ registered: 0, serviceLevel: null });
    // Hour 23: C2 (late) and C5 (within).
    expect(table('byHour').rows[23].cells).toMatchObject({
      registered: 2,
      answeredWithin: 1,
      serviceLevel: 50,
    });
    expect(table('regulator').rows).toEqual([
      expect.objectContaining({
        key: '2026-11',
        cells: expect.objectContaining({ registered: 6, answeredWithin: 3, serviceLevel: 50 }),
      }),
    ]);
  });

  it('reads the days in the account’s zone: in UTC, C5 belongs to December and C6 to November', async () => {
    const { table } = await report('service-level', `${month}&timeZone=UTC`);
    // UTC: C5 is 2026-12-01 03:30 (out), C6 is 2026-12-01 04:10 (out): C1 C2 C3 C4 C7.
    expect(table('byChannel').totals?.cells.registered).toBe(5);
  });

  it('lists the conversations behind a number', async () => {
    const list = async (q: string) => {
      const r = await client(t.url, a.adminToken).get(`/reports/conversations?${month}&${q}`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return (r.body.data as { id: string }[]).map((c) => c.id).sort();
    };
    const of = (...keys: string[]) => keys.map((k) => ids[k]).sort();
    expect(await list('metric=answered_within')).toEqual(of('c1', 'c4', 'c5'));
    expect(await list('metric=answered_late')).toEqual(of('c2'));
    expect(await list('metric=unanswered')).toEqual(of('c3', 'c4', 'c7'));
    expect(await list('metric=abandoned')).toEqual(of('c3'));
    expect(await list('metric=registered&day=2026-11-02')).toEqual(of('c1', 'c2'));
    expect(await list('metric=registered&hour=23')).toEqual(of('c2', 'c5'));
    expect(await list(`metric=handled&agentId=${agentB.user.id}`)).toEqual(of('c2', 'c5'));
    expect(await list('metric=reopened')).toEqual(of('c4'));
    // Paged: two at a time, newest contact first, nothing twice.
    const first = await client(t.url, a.adminToken).get(
      `/reports/conversations?${month}&metric=registered&limit=4`,
    );
    const second = await client(t.url, a.adminToken).get(
      `/reports/conversations?${month}&metric=registered&limit=4&cursor=${first.body.nextCursor}`,
    );
    const all = [...first.body.data, ...second.body.data].map((c: { id: string }) => c.id);
    expect(all).toEqual([ids.c5, ids.c7, ids.c4, ids.c3, ids.c2, ids.c1]);
    expect(second.body.nextCursor).toBeNull();
  });

  it('keeps an agent to their own figures: Beto held C2 and C5', async () => {
    const own = await report('service-level', month, agentB.token);
    expect(own.data.filters).toEqual({ agentId: String(agentB.user.id) });
    expect(own.table('byChannel').totals?.cells).toMatchObject({ registered: 2, answeredWithin: 1 });
    // Asking for a colleague's changes nothing.
    const asked = await report('service-level', `${month}&agentId=${agentA.user.id}`, agentB.token);
    expect(asked.table('byChannel').totals?.cells.registered).toBe(2);
    const drill = await client(t.url, agentB.token).get(`/reports/conversations?${month}&metric=registered`);
    expect(drill.body.data.map((c: { id: string }) => c.id).sort()).toEqual([ids.c2, ids.c5].sort());
  });

  it('lets finance read and refuses marketing and QA', async () => {
    const finance = await a.user('finance');
    expect((await client(t.url, finance.token).get(`/reports/volume?${month}`)).status).toBe(200);
    // The filters' choices, which finance cannot read from the admin lists.
    const choices = (await client(t.url, finance.token).get('/reports/filters')).body.data;
    expect(choices.inboxes.map((i: { channel: string }) => i.channel).sort()).toEqual(['email', 'webchat']);
    expect(choices.agents.map((u: { name: string }) => u.name)).toEqual(
      expect.arrayContaining(['Ana', 'Beto']),
    );
    const mine = (await client(t.url, agentB.token).get('/reports/filters')).body.data;
    expect(mine.agents).toEqual([{ id: String(agentB.user.id), name: 'Beto' }]);
    for (const role of ['marketing', 'qa'] as const) {
      const u = await a.user(role);
      const r = await client(t.url, u.token).get(`/reports/service-level?${month}`);
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('forbidden');
    }
  });

  it('refuses a reversed range, an unknown zone, a year and a half and an unknown report with a code', async () => {
    const get = (q: string) => client(t.url, a.adminToken).get(q);
    for (const q of [
      '/reports/service-level?from=2026-11-30&to=2026-11-01',
      '/reports/service-level?from=2026-11-01&to=2026-11-30&timeZone=Mars/Olympus',
      '/reports/service-level?from=2025-01-01&to=2026-11-30',
      '/reports/service-level?from=2026-11-01',
      '/reports/service-level?from=2026-13-01&to=2026-13-02',
    ]) {
      const r = await get(q);
      expect(r.status, q).toBe(400);
      expect(r.body.error.code).toBe('validation_failed');
    }
    expect((await get(`/reports/nothing?${month}`)).status).toBe(404);
    expect((await get(`/reports/service-level?${month}&format=csv&table=nope`)).status).toBe(400);
  });
});

describe('the times of the month', () => {
  it('counts first, next, resolution and handle times with medians and p90', async () => {
    const { table } = await report('times');
    // First responses 10, 15, 50, 7200: average 1818.75; p50 (15 + 50) / 2; p90 50 + 0.7 × 7150.
    // Resolutions 600, 1210, 180, 72 000, 600: average 14 918. Handle 560, 1200, 10 800, 595: 3288.75.
    // One next response: 1800 s.
    expect(table('byTeam').totals?.cells).toMatchObject({
      contacts: 6,
      firstResponseAvg: 1818.8,
      firstResponseP50: 32.5,
      firstResponseP90: 5055,
      nextResponseAvg: 1800,
      resolutionAvg: 14_918,
      resolutionP50: 600,
      handleAvg: 3288.8,
    });
    const agent = (u: { user: User }) =>
      table('byAgent').rows.find((r) => r.key === String(u.user.id))?.cells;
    // Ana sent the first replies of C1, C2, C4 (15, 50, 7200: 2421.7); held C1 560, C2 300, C4 10 800;
    // has C1 and C4 (600, 72 000). Beto: C5's first reply (10); held C2 900 and C5 595; has C2 and C5.
    expect(agent(agentA)).toMatchObject({
      handled: 3,
      firstResponseAvg: 2421.7,
      nextResponseAvg: 1800,
      resolutionAvg: 36_300,
      handleAvg: 3886.7,
      handleP50: 560,
    });
    expect(agent(agentB)).toMatchObject({
      handled: 2,
      firstResponseAvg: 10,
      resolutionAvg: 905,
      handleAvg: 747.5,
    });
    expect(table('byDay').rows.find((r) => r.key === '2026-11-02')?.cells).toMatchObject({
      contacts: 2,
      firstResponseAvg: 32.5,
      handleAvg: 880,
    });
  });
});

describe('the agents of the month', () => {
  it('gives one row per agent with the figures of every report', async () => {
    const { table } = await report('agents');
    const row = (u: { user: User }) => table('agents').rows.find((r) => r.key === String(u.user.id))?.cells;
    // Ana sent four public replies (C1, C2, C4 twice) and the first reply of C1, C2, C4: C1 and C4 met.
    expect(row(agentA)).toMatchObject({
      agent: 'Ana',
      handled: 3,
      repliesSent: 4,
      firstReplies: 3,
      withinTarget: 66.67,
      firstResponseAvg: 2421.7,
      handleAvg: 3886.7,
    });
    expect(row(agentB)).toMatchObject({
      agent: 'Beto',
      handled: 2,
      repliesSent: 1,
      firstReplies: 1,
      withinTarget: 100,
    });
    // Beto's own: only his row.
    const own = await report('agents', month, agentB.token);
    expect(own.table('agents').rows.map((r) => r.key)).toEqual([String(agentB.user.id)]);
  });
});

describe('volume and abandoned', () => {
  it('counts contacts, public messages both ways, reopenings and the hour of the week', async () => {
    const { table } = await report('volume');
    const day = (d: string) => table('byDay').rows.find((r) => r.key === d)?.cells;
    // Messages are counted on the day they were stored: C2's answer is the 3rd's; the note not at all.
    expect(day('2026-11-02')).toMatchObject({ contacts: 2, messagesIn: 2, messagesOut: 1 });
    expect(day('2026-11-03')).toMatchObject({ contacts: 1, messagesIn: 1, messagesOut: 1 });
    expect(day('2026-11-04')).toMatchObject({ contacts: 1, reopened: 1 });
    expect(table('byDay').totals?.cells).toMatchObject({
      contacts: 6,
      messagesIn: 7,
      messagesOut: 5,
      reopened: 1,
    });
    const email = table('byInbox').rows.find((r) => r.cells.channel === 'email')?.cells;
    expect(email).toMatchObject({ contacts: 1, messagesIn: 2, messagesOut: 2 });
    // 2 Nov 2026 was a Monday: C1 at 9, C2 at 23; C5 (30 Nov) is a Monday at 23 too.
    const cell = (w: number, h: number) =>
      table('heatmap').rows.find((r) => r.key === `${w}-${h}`)?.cells.contacts;
    expect(cell(1, 9)).toBe(1);
    expect(cell(1, 23)).toBe(2);
    expect(table('heatmap').rows.reduce((n, r) => n + Number(r.cells.contacts), 0)).toBe(6);
    // Narrowed by the message's own channel, and by a filter about the conversation (Beto held C2, C5).
    const mail = await report('volume', `${month}&channel=email`);
    expect(mail.table('byDay').totals?.cells).toMatchObject({ contacts: 1, messagesIn: 2, messagesOut: 2 });
    const beto = await report('volume', `${month}&agentId=${agentB.user.id}`);
    expect(beto.table('byDay').totals?.cells).toMatchObject({ contacts: 2, messagesIn: 2, messagesOut: 2 });
  });

  it('sums its quarter-hour bins into the days and hours of a zone half an hour off UTC', async () => {
    // India is La Paz + 9:30: C2 (23:59:50 on the 2nd) is 09:29:50 on Tuesday the 3rd there, C1 18:30 on
    // Monday the 2nd, C4 23:30 on Wednesday the 4th; C5 is already 1 December. An hour-wide bin would
    // put C2 at 8 or 10 o'clock.
    const { table } = await report('volume', 'from=2026-11-01&to=2026-11-30&timeZone=Asia/Kolkata');
    const day = (d: string) => table('byDay').rows.find((r) => r.key === d)?.cells;
    expect(table('byDay').totals?.cells).toMatchObject({ contacts: 5, messagesIn: 6, messagesOut: 4 });
    expect(day('2026-11-02')).toMatchObject({ contacts: 1, messagesIn: 1, messagesOut: 1 });
    expect(day('2026-11-03')).toMatchObject({ contacts: 2, messagesIn: 2, messagesOut: 1 });
    expect(day('2026-11-04')).toMatchObject({ contacts: 1, reopened: 1 });
    const cell = (w: number, h: number) =>
      table('heatmap').rows.find((r) => r.key === `${w}-${h}`)?.cells.contacts;
    expect([cell(1, 18), cell(2, 9), cell(2, 19), cell(3, 23)]).toEqual([1, 1, 1, 1]);
    expect(table('heatmap').rows.reduce((n, r) => n + Number(r.cells.contacts), 0)).toBe(5);
  });

  it('counts the abandoned contact, its wait, and QP-14’s unanswered ones', async () => {
    const { table, data } = await report('abandoned');
    // The note on QP-14 names the account's threshold, in English and as a value a translation fills in.
    expect(data.counting.find((n) => n.key === 'unansweredThreshold')).toEqual({
      key: 'unansweredThreshold',
      text: "Unanswered (QP-14): a contact that waited for its first reply longer than the manager's threshold. The threshold is 60 s (routing settings).",
      values: { seconds: 60 },
    });
    expect(table('byDay').totals?.cells).toMatchObject({
      contacts: 6,
      abandoned: 1,
      abandonRate: 16.67,
      waitBeforeLeavingAvg: 180,
      unanswered: 3,
      unansweredRate: 50,
    });
    expect(table('byChannel').rows.find((r) => r.key === 'email')?.cells).toMatchObject({
      abandoned: 0,
      unanswered: 1,
    });
  });
});

describe('exports', () => {
  it('writes a table as CSV and as an Excel workbook with the same cells', async () => {
    const { table } = await report('service-level');
    const byChannel = table('byChannel');
    const csv = await fetch(`${t.url}/api/v1/reports/service-level?${month}&format=csv&table=byChannel`, {
      headers: { authorization: `Bearer ${a.adminToken}` },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain(
      'service-level-byChannel-2026-11-01_2026-11-30.csv',
    );
    const lines = (await csv.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(byChannel.columns.map((c) => c.label).join(','));
    expect(lines).toHaveLength(byChannel.rows.length + 2);
    const webchat = lines.find((l) => l.startsWith('webchat,'))?.split(',');
    expect(webchat).toEqual(
      byChannel.columns.map((c) =>
        String(byChannel.rows.find((r) => r.key === 'webchat')?.cells[c.key] ?? ''),
      ),
    );
    expect(lines.at(-1)?.startsWith('Total,')).toBe(true);

    const xlsx = await fetch(`${t.url}/api/v1/reports/service-level?${month}&format=xlsx&table=byChannel`, {
      headers: { authorization: `Bearer ${a.adminToken}` },
    });
    expect(xlsx.status).toBe(200);
    const [sheet] = await readXlsxFile(Buffer.from(await xlsx.arrayBuffer()));
    expect(sheet.sheet).toBe('By channel');
    const rows = sheet.data;
    expect(rows[0]).toEqual(byChannel.columns.map((c) => c.label));
    const sheetWebchat = rows.find((r) => r[0] === 'webchat');
    expect(sheetWebchat).toEqual(
      byChannel.columns.map((c) => byChannel.rows.find((r) => r.key === 'webchat')?.cells[c.key] ?? null),
    );
  });
});
