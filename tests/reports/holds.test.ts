// Handle time's source: the database keeps who held each conversation (assigned and open) through the
// hub's real flows — routed to an agent, transferred to a colleague, set pending while waiting on the
// customer, opened again by the customer's answer, resolved — whichever code made the change.
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationHolds, conversations } from '#server/db/schema.ts';
import { tenth } from '#server/reports/definitions.ts';
import { client, eventually, seedAccount, startTestHub, type TestHub } from '#tests/helpers/hub.ts';
import { readReport, utcDay } from '#tests/helpers/reports.ts';
import { arrive, inboxForTeam, makeTeam, onlineAgents } from '#tests/helpers/routing.ts';

let t: TestHub;

beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => {
  await t?.stop();
});

const holdsOf = (id: string) =>
  t.hub.ctx.db
    .select()
    .from(conversationHolds)
    .where(eq(conversationHolds.conversationId, Number(id)))
    .orderBy(asc(conversationHolds.id));

describe('who held a conversation', () => {
  it('follows routing, a transfer, pending, the customer’s answer and the resolve', async () => {
    const account = await seedAccount(t);
    const [a, b] = await onlineAgents(t, account, 2, { api: 5 });
    const team = await makeTeam(t, account, { name: 'Care', strategy: 'least_busy', memberIds: [a.id] });
    const inbox = await inboxForTeam(t, account, team);
    const id = await arrive(t, inbox, 'mi línea no tiene tono', 'cust-holds');
    const mine = client(t.url, a.token);
    await eventually(async () => (await mine.get(`/conversations/${id}`)).body.data?.assigneeId === a.id);
    expect(await holdsOf(id)).toMatchObject([{ userId: Number(a.id), endedAt: null }]);

    expect(
      (await mine.post(`/conversations/${id}/transfer`, { assigneeId: b.id, note: 'Línea revisada' })).status,
    ).toBe(200);
    const theirs = client(t.url, b.token);
    expect(
      (await theirs.post(`/conversations/${id}/messages`, { text: '¿Puede reiniciar el equipo?' })).status,
    ).toBe(201);
    expect((await theirs.post(`/conversations/${id}/status`, { status: 'pending' })).status).toBe(200);
    let holds = await holdsOf(id);
    // Ana's hold ends where Beto's begins; Beto's ends when it goes pending.
    expect(holds.map((h) => h.userId)).toEqual([Number(a.id), Number(b.id)]);
    expect(holds[0].endedAt?.getTime()).toBe(holds[1].startedAt.getTime());
    expect(holds[1].endedAt).not.toBeNull();

    // The customer answers: open again, still Beto's, a new hold.
    await arrive(t, inbox, 'ya lo reinicié', 'cust-holds');
    await eventually(async () => (await holdsOf(id)).length === 3);
    expect((await theirs.post(`/conversations/${id}/status`, { status: 'resolved' })).status).toBe(200);
    holds = await holdsOf(id);
    expect(holds.map((h) => [h.userId, h.endedAt !== null])).toEqual([
      [Number(a.id), true],
      [Number(b.id), true],
      [Number(b.id), true],
    ]);
    // Pending time is not held: the gap between Beto's two holds.
    expect(holds[2].startedAt.getTime()).toBeGreaterThanOrEqual(holds[1].endedAt!.getTime());

    // The times report splits the handle time between them by these holds.
    const now = t.hub.ctx.clock.now().getTime();
    const { table } = await readReport(
      t.url,
      account.adminToken,
      'times',
      `from=${utcDay(now - 86_400_000)}&to=${utcDay(now + 86_400_000)}&timeZone=UTC`,
    );
    const seconds = (h: (typeof holds)[number]) => (h.endedAt!.getTime() - h.startedAt.getTime()) / 1000;
    const row = (u: { id: string }) => table('byAgent').rows.find((r) => r.key === u.id)?.cells;
    expect(row(a)).toMatchObject({ handled: 1 });
    expect(row(b)).toMatchObject({ handled: 1 });
    // The tables show seconds to a tenth: the same rounding of the same sums (a 50 ms hold reads 0.1).
    expect(row(a)?.handleAvg).toBe(tenth(seconds(holds[0])));
    expect(row(b)?.handleAvg).toBe(tenth(seconds(holds[1]) + seconds(holds[2])));
    // Beto sent the first reply: the conversation remembers him as its first responder, and the first
    // response is his, not the transferring agent's.
    const [stored] = await t.hub.ctx.db
      .select({ responder: conversations.firstResponderId, heldBy: conversations.heldBy })
      .from(conversations)
      .where(eq(conversations.id, Number(id)));
    expect(stored.responder).toBe(Number(b.id));
    // Who held it, each once in the order they first did (Beto's second hold adds nobody): what the
    // agent filter and the by-agent tables read.
    expect(stored.heldBy).toEqual([Number(a.id), Number(b.id)]);
    expect(row(b)?.firstResponseAvg).not.toBeNull();
    expect(row(a)?.firstResponseAvg).toBeNull();
  });
});
