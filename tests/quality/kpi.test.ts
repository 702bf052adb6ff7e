// The monthly agent KPI (issue 18 item 2) on a seeded month, against a hand count: the average score of
// the evaluations that stand (a disputed one, a draft and another month's are left out), the survey
// ratings as 0–100, the first responses on time — weighted as the manager set, a missing figure's weight
// shared by the others — and the ranking.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { evaluations } from '#server/db/quality-schema.ts';
import { conversations } from '#server/db/schema.ts';
import { client, type SeededAccount, seedAccount, startTestHub, type TestHub } from '#tests/helpers/hub.ts';
import { type Inbox, seedConversation } from './world.ts';

let t: TestHub;
let acct: SeededAccount;
let inbox: Inbox;
let admin: ReturnType<typeof client>;
let qa: ReturnType<typeof client>;
const people: Record<'ana' | 'ben' | 'cy', string> = { ana: '', ben: '', cy: '' };
const full = { problem_solved: 5, courtesy: 5, empathy: 5, personal_touch: 5, competence: 5 };

/** An evaluation of the agent scored 100 minus the grades' points, submitted at `at`. */
async function evaluation(agent: string, grades: string[], at: string, then?: 'dispute' | 'draft') {
  const c = await seedConversation(t, inbox, { agentId: Number(agent) });
  const id = (await qa.post('/evaluations', { conversationId: c.id })).body.data.id;
  const errors = grades.map((grade) => ({ grade, messageId: c.messageIds[0] }));
  await qa.raw('PUT', `/evaluations/${id}`, { scores: full, errors });
  if (then === 'draft') return;
  expect((await qa.post(`/evaluations/${id}/submit`)).status).toBe(200);
  await t.hub.ctx.db
    .update(evaluations)
    .set({ submittedAt: new Date(at) })
    .where(eq(evaluations.id, Number(id)));
  if (then === 'dispute') {
    const [e] = await t.hub.ctx.db
      .select()
      .from(evaluations)
      .where(eq(evaluations.id, Number(id)));
    expect(e.status).toBe('submitted');
    await t.hub.ctx.db
      .update(evaluations)
      .set({ status: 'disputed' })
      .where(eq(evaluations.id, Number(id)));
  }
}

async function firstResponse(agent: string, met: boolean, at: string) {
  const c = await seedConversation(t, inbox, { agentId: Number(agent) });
  await t.hub.ctx.db
    .update(conversations)
    .set({ firstResponderId: Number(agent), firstResponseMet: met, firstAgentReplyAt: new Date(at) })
    .where(eq(conversations.id, Number(c.id)));
}

beforeAll(async () => {
  t = await startTestHub();
  acct = await seedAccount(t, 'Quality KPI');
  admin = client(t.url, acct.adminToken);
  inbox = await acct.apiInbox();
  qa = client(t.url, (await acct.user('qa', 'Quinn')).token);
  for (const [key, name] of [
    ['ana', 'Ana'],
    ['ben', 'Ben'],
    ['cy', 'Cy'],
  ] as const)
    people[key] = String((await acct.user('agent', name)).user.id);
  const { ana, ben } = people;
  // Ana: 100 and 70 count (avg 85); a disputed 40, a draft and April's 97 do not.
  await evaluation(ana, [], '2026-03-03T10:00:00Z');
  await evaluation(ana, ['major'], '2026-03-31T23:59:00Z');
  await evaluation(ana, ['major', 'major'], '2026-03-15T10:00:00Z', 'dispute');
  await evaluation(ana, [], '2026-03-15T10:00:00Z', 'draft');
  await evaluation(ana, ['d_minor'], '2026-04-01T00:00:00Z');
  // Ben: 90.
  await evaluation(ben, ['minor'], '2026-03-20T10:00:00Z');
  // Ratings: Ana 5 and 4 in March (avg 4.5 → 87.5), a 1 in February that does not count; Ben none.
  await seedConversation(t, inbox, {
    agentId: Number(ana),
    rating: 5,
    ratedAt: new Date('2026-03-05T12:00:00Z'),
  });
  await seedConversation(t, inbox, {
    agentId: Number(ana),
    rating: 4,
    ratedAt: new Date('2026-03-06T12:00:00Z'),
  });
  await seedConversation(t, inbox, {
    agentId: Number(ana),
    rating: 1,
    ratedAt: new Date('2026-02-28T23:00:00Z'),
  });
  // First responses: Ana 3 of 4 on time (75); Ben 2 of 2 (100); one of Ben's in April does not count.
  for (const met of [true, true, true, false]) await firstResponse(ana, met, '2026-03-10T09:00:00Z');
  for (const met of [true, true]) await firstResponse(ben, met, '2026-03-11T09:00:00Z');
  await firstResponse(ben, false, '2026-04-02T09:00:00Z');
}, 90_000);
afterAll(() => t?.destroy());

it('equals the hand count of the seeded month, and ranks the agents', async () => {
  const res = await qa.get('/quality/kpi?month=2026-03');
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const { ana, ben, cy } = people;
  expect(res.body.data.weights).toEqual({ evaluations: 60, satisfaction: 25, firstResponse: 15 });
  expect(res.body.data.agents).toEqual([
    {
      rank: 1,
      agentId: ben,
      agentName: 'Ben',
      evaluations: 1,
      evaluationScore: 90,
      ratings: 0,
      ratingAverage: null,
      satisfactionScore: null,
      firstResponses: 2,
      firstResponseScore: 100,
      // (60·90 + 15·100) / (60 + 15): no ratings, so satisfaction's weight is shared out.
      kpi: 92,
    },
    {
      rank: 2,
      agentId: ana,
      agentName: 'Ana',
      evaluations: 2,
      evaluationScore: 85,
      ratings: 2,
      ratingAverage: 4.5,
      satisfactionScore: 87.5,
      firstResponses: 4,
      firstResponseScore: 75,
      // (60·85 + 25·87.5 + 15·75) / 100 = 84.125
      kpi: 84.1,
    },
    {
      rank: 3,
      agentId: cy,
      agentName: 'Cy',
      evaluations: 0,
      evaluationScore: null,
      ratings: 0,
      ratingAverage: null,
      satisfactionScore: null,
      firstResponses: 0,
      firstResponseScore: null,
      kpi: null,
    },
  ]);
});

it("follows the manager's weights", async () => {
  const set = await admin.raw<any>('PUT', '/quality/settings', {
    kpiWeights: { evaluations: 1, satisfaction: 1, firstResponse: 0 },
  });
  expect(set.status, JSON.stringify(set.body)).toBe(200);
  const rows = (await qa.get('/quality/kpi?month=2026-03')).body.data.agents;
  // Ana (85 + 87.5) / 2 = 86.25 → 86.3; Ben has only his evaluations: 90.
  expect(rows.map((r: any) => [r.agentName, r.kpi, r.rank])).toEqual([
    ['Ben', 90, 1],
    ['Ana', 86.3, 2],
    ['Cy', null, 3],
  ]);
  const april = (await qa.get('/quality/kpi?month=2026-04')).body.data.agents;
  expect(april.find((r: any) => r.agentName === 'Ana')).toMatchObject({
    evaluations: 1,
    evaluationScore: 97,
  });
});

it('keeps its history month by month, for everyone or one agent', async () => {
  const res = await qa.get(`/quality/kpi/history?from=2026-02&to=2026-04&agentId=${people.ana}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  // February: only the rating of 1 (0 on 0–100); March as counted above; April: the 97.
  expect(
    res.body.data.map((m: any) => [m.month, m.agents.map((r: any) => [r.agentName, r.kpi, r.rank])]),
  ).toEqual([
    ['2026-02', [['Ana', 0, 1]]],
    ['2026-03', [['Ana', 86.3, 2]]],
    ['2026-04', [['Ana', 97, 1]]],
  ]);
  const all = await qa.get('/quality/kpi/history?from=2026-03&to=2026-03');
  expect(all.body.data[0].agents.map((r: any) => r.agentName)).toEqual(['Ben', 'Ana', 'Cy']);
  const reversed = await qa.get('/quality/kpi/history?from=2026-04&to=2026-03');
  expect([reversed.status, reversed.body.error.code]).toEqual([400, 'validation_failed']);
  const long = await qa.get('/quality/kpi/history?from=2024-01&to=2026-03');
  expect([long.status, long.body.error.code]).toEqual([400, 'validation_failed']);
});

it('is for the evaluators and the manager, and wants a month', async () => {
  const agent = client(t.url, (await acct.user('agent', 'Dee')).token);
  const refused = await agent.get('/quality/kpi?month=2026-03');
  expect([refused.status, refused.body.error.code]).toEqual([403, 'forbidden']);
  const bad = await qa.get('/quality/kpi?month=March');
  expect([bad.status, bad.body.error.code]).toEqual([400, 'validation_failed']);
});
