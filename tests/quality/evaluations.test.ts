// An evaluation from the queue to its settlement (issue 18 item 1): the quality officer scores the five
// criteria and grades errors pinned to the conversation's messages; each grade takes its points off (the
// score: Σ(weight·mark/5)/Σweight×100 − deductions, floor 0); an error pinned to another conversation's
// message is a 400; the agent hears of it, acknowledges or disputes; the supervisor settles, upheld or
// revised. Role refusals (403) and wrong states (409) carry their codes; every step is in the events.
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  eventually,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';
import { type Inbox, type Seeded, seedConversation } from './world.ts';

type Api = ReturnType<typeof client>;

let t: TestHub;
let acct: SeededAccount;
let inbox: Inbox;
let admin: Api;
let qa: Api;
let qa2: Api;
let supervisor: Api;
let ana: Api;
let ben: Api;
let ids: { qa: string; supervisor: string; ana: string; ben: string };
let c1: Seeded;
let c2: Seeded;
const heard: any[] = [];
const sockets: Socket[] = [];

const marks = { problem_solved: 4, courtesy: 5, empathy: 3, personal_touch: 2, competence: 4 };
// 30·4/5 + 20·5/5 + 15·3/5 + 10·2/5 + 25·4/5 = 24 + 20 + 9 + 4 + 20 = 77 (weights sum to 100).
const CRITERIA_77 = 77;

const expectError = (res: { status: number; body: any }, status: number, code: string) =>
  expect({ status: res.status, code: res.body?.error?.code }, JSON.stringify(res.body)).toEqual({
    status,
    code,
  });

beforeAll(async () => {
  t = await startTestHub();
  acct = await seedAccount(t, 'Quality evaluations');
  admin = client(t.url, acct.adminToken);
  inbox = await acct.apiInbox();
  const make = async (role: 'qa' | 'supervisor' | 'agent', name: string) => {
    const u = await acct.user(role, name);
    return { api: client(t.url, u.token), id: String(u.user.id), token: u.token };
  };
  const q = await make('qa', 'Quinn');
  const q2 = await make('qa', 'Quentin');
  const s = await make('supervisor', 'Sofía');
  const a = await make('agent', 'Ana');
  const b = await make('agent', 'Ben');
  [qa, qa2, supervisor, ana, ben] = [q.api, q2.api, s.api, a.api, b.api];
  ids = { qa: q.id, supervisor: s.id, ana: a.id, ben: b.id };
  c1 = await seedConversation(t, inbox, {
    agentId: Number(a.id),
    resolvedAt: new Date('2026-06-02T15:00:00Z'),
    messages: 3,
  });
  c2 = await seedConversation(t, inbox, {
    agentId: Number(b.id),
    resolvedAt: new Date('2026-06-02T16:00:00Z'),
  });
  const socket = connect(`${t.url}/agent`, {
    auth: { token: a.token },
    transports: ['websocket'],
    reconnection: false,
  });
  sockets.push(socket);
  socket.on('notice', (n) => heard.push(n));
  await new Promise<void>((resolve, reject) => {
    socket.once('hello', () => resolve());
    socket.once('connect_error', reject);
  });
}, 60_000);
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await t?.destroy();
});

/** A submitted evaluation of a new conversation of Ana's, by the quality officer. */
async function submitted(scores = marks, errors: unknown[] = []): Promise<{ id: string; c: Seeded }> {
  const c = await seedConversation(t, inbox, {
    agentId: Number(ids.ana),
    resolvedAt: new Date(),
    messages: 2,
  });
  const id = (await qa.post('/evaluations', { conversationId: c.id })).body.data.id;
  const saved = await qa.raw<any>('PUT', `/evaluations/${id}`, { scores, errors });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  expect((await qa.post(`/evaluations/${id}/submit`)).status).toBe(200);
  return { id, c };
}

describe('evaluating a conversation', () => {
  let id: string;

  it('opens a draft of the conversation’s agent, tied to its queue item', async () => {
    await admin.raw('PUT', '/quality/settings', {
      sampling: { perAgent: 5, lowRatingAtMost: null, breached: false },
    });
    const sample = await admin.post('/quality/queue/sample', { week: '2026-06-01' });
    expect(sample.body.data.added.map((i: any) => i.conversationId).sort()).toEqual([c1.id, c2.id].sort());
    const res = await qa.post('/evaluations', { conversationId: c1.id });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    id = res.body.data.id;
    expect(res.body.data).toMatchObject({
      conversationId: c1.id,
      agentId: ids.ana,
      agentName: 'Ana',
      evaluatorId: ids.qa,
      status: 'draft',
      score: null,
      reason: 'sample',
      errors: [],
    });
    const item = (await qa.get('/quality/queue')).body.data.find((i: any) => i.conversationId === c1.id);
    expect(item.evaluationId).toBe(id);
    expectError(await qa2.post('/evaluations', { conversationId: c1.id }), 409, 'already_evaluated');
  });

  it('refuses an error pinned to another conversation’s message, and marks for no criterion', async () => {
    const stray = await qa.raw<any>('PUT', `/evaluations/${id}`, {
      scores: marks,
      errors: [
        { grade: 'minor', messageId: c1.messageIds[0], note: 'fine' },
        { grade: 'major', messageId: c2.messageIds[0], note: 'wrong conversation' },
      ],
    });
    expectError(stray, 400, 'message_not_in_conversation');
    expect(stray.body.error.details.messageIds).toEqual([c2.messageIds[0]]);
    const unknown = await qa.raw<any>('PUT', `/evaluations/${id}`, { scores: { ...marks, speed: 3 } });
    expectError(unknown, 400, 'unknown_criterion');
    const tooHigh = await qa.raw<any>('PUT', `/evaluations/${id}`, { scores: { ...marks, courtesy: 6 } });
    expectError(tooHigh, 400, 'validation_failed');
    const bad = await qa.raw<any>('PUT', `/evaluations/${id}`, {
      errors: [{ grade: 'huge', messageId: c1.messageIds[0] }],
    });
    expectError(bad, 400, 'validation_failed');
    // Nothing of the refused saves stuck.
    expect((await qa.get(`/evaluations/${id}`)).body.data).toMatchObject({ scores: {}, errors: [] });
    // Only its evaluator (or the manager) changes it; scoring half of it cannot be submitted.
    expectError(await qa2.raw<any>('PUT', `/evaluations/${id}`, { comment: 'mine now' }), 403, 'forbidden');
    expect((await qa.raw<any>('PUT', `/evaluations/${id}`, { scores: { courtesy: 5 } })).status).toBe(200);
    const half = await qa.post(`/evaluations/${id}/submit`);
    expectError(half, 400, 'scores_incomplete');
    expect(half.body.error.details.missing).toEqual([
      'problem_solved',
      'empathy',
      'personal_touch',
      'competence',
    ]);
  });

  it('takes each grade’s points off the weighted criteria when submitted', async () => {
    const [m1, m2, m3] = c1.messageIds;
    const saved = await qa.raw<any>('PUT', `/evaluations/${id}`, {
      scores: marks,
      errors: [
        { grade: 'major', messageId: m1, note: 'told the wrong price' },
        { grade: 'minor', messageId: m2, note: 'no time for the activation' },
        { grade: 'd_minor', messageId: m3, note: 'abrupt wording' },
      ],
      comment: 'Kind, but the price was wrong.',
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.data.errors.map((e: any) => [e.grade, e.messageId, e.points])).toEqual([
      ['major', m1, 30],
      ['minor', m2, 10],
      ['d_minor', m3, 3],
    ]);
    expect(saved.body.data.score).toBeNull();
    // The agent sees nothing of a draft.
    expectError(await ana.get(`/evaluations/${id}`), 404, 'not_found');
    expect((await ana.get('/evaluations')).body.data).toEqual([]);

    const done = await qa.post(`/evaluations/${id}/submit`);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.data).toMatchObject({
      status: 'submitted',
      score: CRITERIA_77 - 30 - 10 - 3,
      breakdown: { criteria: CRITERIA_77, deductions: { major: 30, minor: 10, d_minor: 3 }, score: 34 },
    });
    expect(done.body.data.submittedAt).toBeTruthy();
    expectError(await qa.post(`/evaluations/${id}/submit`), 409, 'invalid_state');
    expectError(await qa.raw<any>('PUT', `/evaluations/${id}`, { comment: 'late' }), 409, 'invalid_state');
    // It left the open queue, and the agent was told on their console.
    const open = (await qa.get('/quality/queue')).body.data.map((i: any) => i.conversationId);
    expect(open).not.toContain(c1.id);
    expect(open).toContain(c2.id);
    await eventually(async () =>
      heard.find((n) => n.type === 'evaluation.submitted' && n.evaluationId === id),
    );
    expect(heard.find((n) => n.evaluationId === id)).toMatchObject({ conversationId: c1.id, score: 34 });
  });

  it('scores each grade alone, and never below 0', async () => {
    const full = { problem_solved: 5, courtesy: 5, empathy: 5, personal_touch: 5, competence: 5 };
    const scoreWith = async (grades: string[], scores = full) => {
      const c = await seedConversation(t, inbox, { agentId: Number(ids.ben), messages: 1 });
      const e = (await qa.post('/evaluations', { conversationId: c.id })).body.data.id;
      const errors = grades.map((grade) => ({ grade, messageId: c.messageIds[0], note: grade }));
      await qa.raw('PUT', `/evaluations/${e}`, { scores, errors });
      return (await qa.post(`/evaluations/${e}/submit`)).body.data.score;
    };
    expect(await scoreWith([])).toBe(100);
    expect(await scoreWith(['major'])).toBe(70);
    expect(await scoreWith(['minor'])).toBe(90);
    expect(await scoreWith(['d_minor'])).toBe(97);
    expect(await scoreWith(['d_minor', 'd_minor'])).toBe(94);
    const low = { problem_solved: 1, courtesy: 1, empathy: 1, personal_touch: 1, competence: 1 };
    expect(await scoreWith(['major'], low)).toBe(0); // 20 − 30
  });

  it('lets only the evaluated agent acknowledge, once', async () => {
    const list = await ana.get('/evaluations');
    expect(list.body.data.map((e: any) => e.id)).toEqual([id]);
    expectError(await supervisor.post(`/evaluations/${id}/acknowledge`, {}), 403, 'not_evaluated_agent');
    expectError(await ben.post(`/evaluations/${id}/acknowledge`, {}), 404, 'not_found');
    const ok = await ana.post(`/evaluations/${id}/acknowledge`, { comment: 'Understood.' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.data).toMatchObject({ status: 'acknowledged', agentComment: 'Understood.' });
    expectError(await ana.post(`/evaluations/${id}/acknowledge`, {}), 409, 'invalid_state');
    expectError(
      await ana.post(`/evaluations/${id}/dispute`, { comment: 'changed my mind' }),
      409,
      'invalid_state',
    );
  });

  it('records every step with who and when', async () => {
    const res = await ana.get(`/evaluations/${id}`);
    expect(res.status).toBe(200);
    const steps = res.body.events.map((e: any) => [e.type, e.actorId]);
    expect(steps).toEqual([
      ['evaluation.created', ids.qa],
      ['evaluation.saved', ids.qa],
      ['evaluation.saved', ids.qa],
      ['evaluation.submitted', ids.qa],
      ['evaluation.acknowledged', ids.ana],
    ]);
    expect(res.body.events[0].data).toMatchObject({ reason: 'sample', agentId: ids.ana });
    expect(res.body.events[3].data).toMatchObject({ score: 34 });
    for (const e of res.body.events) expect(Date.parse(e.createdAt)).not.toBeNaN();
  });
});

describe('disputes', () => {
  it('are settled upheld by a supervisor: the score stands', async () => {
    const { id } = await submitted();
    expectError(await ana.post(`/evaluations/${id}/dispute`, {}), 400, 'validation_failed');
    const d = await ana.post(`/evaluations/${id}/dispute`, { comment: 'The customer was rude first.' });
    expect(d.body.data).toMatchObject({ status: 'disputed', agentComment: 'The customer was rude first.' });
    const upheld = { decision: 'upheld', comment: 'Courtesy is owed regardless.' };
    expectError(await ana.post(`/evaluations/${id}/settle`, upheld), 403, 'forbidden');
    expectError(await qa.post(`/evaluations/${id}/settle`, upheld), 403, 'forbidden');
    const res = await supervisor.post(`/evaluations/${id}/settle`, upheld);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data).toMatchObject({
      status: 'settled',
      score: CRITERIA_77,
      settlement: { decision: 'upheld', comment: 'Courtesy is owed regardless.', previousScore: CRITERIA_77 },
    });
    expectError(await supervisor.post(`/evaluations/${id}/settle`, upheld), 409, 'invalid_state');
    const events = (await admin.get(`/evaluations/${id}`)).body.events;
    expect(events.slice(-2).map((e: any) => [e.type, e.actorId])).toEqual([
      ['evaluation.disputed', ids.ana],
      ['evaluation.settled', ids.supervisor],
    ]);
    await eventually(async () => heard.find((n) => n.type === 'evaluation.settled' && n.evaluationId === id));
  });

  it('are settled revised: new marks and errors, the score recomputed', async () => {
    const { id, c } = await submitted(marks);
    expectError(
      await supervisor.post(`/evaluations/${id}/settle`, { decision: 'upheld', comment: 'too early' }),
      409,
      'invalid_state',
    );
    await ana.post(`/evaluations/${id}/dispute`, { comment: 'Empathy was there.' });
    expectError(
      await supervisor.post(`/evaluations/${id}/settle`, { decision: 'revised', comment: 'no change' }),
      400,
      'validation_failed',
    );
    const stray = await supervisor.post(`/evaluations/${id}/settle`, {
      decision: 'revised',
      comment: 'x',
      errors: [{ grade: 'd_minor', messageId: c1.messageIds[0] }],
    });
    expectError(stray, 400, 'message_not_in_conversation');
    const res = await supervisor.post(`/evaluations/${id}/settle`, {
      decision: 'revised',
      comment: 'Empathy 5; one wording slip.',
      scores: { ...marks, empathy: 5 },
      errors: [{ grade: 'd_minor', messageId: c.messageIds[1], note: 'slip' }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // 77 + 15·(5−3)/5 = 83, minus a D-minor's 3.
    expect(res.body.data).toMatchObject({
      status: 'settled',
      score: 80,
      scores: { ...marks, empathy: 5 },
      breakdown: { criteria: 83, deductions: { d_minor: 3 }, score: 80 },
      settlement: { decision: 'revised', previousScore: CRITERIA_77 },
    });
    const settled = (await admin.get(`/evaluations/${id}`)).body.events.at(-1);
    expect(settled).toMatchObject({ type: 'evaluation.settled', data: { previousScore: 77, score: 80 } });
  });
});

describe('who may do what', () => {
  it('an agent cannot evaluate, nor read another agent’s evaluations', async () => {
    expectError(await ana.post('/evaluations', { conversationId: c2.id }), 403, 'forbidden');
    const benEval = (await qa.get(`/evaluations?agentId=${ids.ben}&status=submitted`)).body.data[0];
    expect(benEval).toBeTruthy();
    expectError(await ana.get(`/evaluations/${benEval.id}`), 404, 'not_found');
    expectError(await ana.get(`/evaluations?agentId=${ids.ben}`), 403, 'forbidden');
    const own = (await ana.get('/evaluations')).body.data;
    expect(own.length).toBeGreaterThan(0);
    for (const e of own) expect(e.agentId).toBe(ids.ana);
    expectError(
      await ana.post(`/evaluations/${benEval.id}/dispute`, { comment: 'not mine' }),
      404,
      'not_found',
    );
  });

  it('other roles cannot read evaluations; nobody evaluates their own work', async () => {
    const finance = client(t.url, (await acct.user('finance', 'Fina')).token);
    expectError(await finance.get('/evaluations'), 403, 'forbidden');
    expectError(await finance.get('/quality/settings'), 403, 'forbidden');
    const mine = await seedConversation(t, inbox, { agentId: Number(ids.supervisor) });
    expectError(await supervisor.post('/evaluations', { conversationId: mine.id }), 403, 'own_evaluation');
    const orphan = await seedConversation(t, inbox, { agentId: null });
    expectError(await qa.post('/evaluations', { conversationId: orphan.id }), 400, 'no_agent_to_evaluate');
    const named = await qa.post('/evaluations', { conversationId: orphan.id, agentId: ids.ben });
    expect(named.status).toBe(201);
    expectError(await qa.post('/evaluations', { conversationId: '999999999' }), 404, 'not_found');
  });

  it('filters by status and month', async () => {
    const month = new Date().toISOString().slice(0, 7);
    const settled = await admin.get(`/evaluations?status=settled&month=${month}`);
    expect(settled.body.data.length).toBe(2);
    expect((await admin.get('/evaluations?status=settled&month=2001-01')).body.data).toEqual([]);
    expectError(await admin.get('/evaluations?month=2026-13'), 400, 'validation_failed');
  });
});
