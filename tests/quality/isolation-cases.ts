// Quality's cases for tests/server/isolation.test.ts: account A's admin finds none of B's queue items,
// evaluations or KPI rows — not listed, not readable, not workable (404) — and the settings are per account.
import { expect } from 'vitest';
import { evaluationQueue } from '#server/db/quality-schema.ts';
import { client, type SeededAccount, type TestHub } from '#tests/helpers/hub.ts';

export type QualityOfB = {
  agent: string;
  conversation: string;
  message: string;
  draft: string;
  submitted: string;
  disputed: string;
};
type World = { t: TestHub; A: SeededAccount; B: SeededAccount; q: QualityOfB };

const B_LABEL = 'B secret criterion';
const full = { problem_solved: 5, courtesy: 5, empathy: 5, personal_touch: 5, competence: 5 };

/**
 * B's queue item and three evaluations in three states, all on B's existing second conversation (three
 * agents of B, one evaluation each): the conversations B's snapshot lists stay the two it had.
 */
export async function seedQualityOfB(
  t: TestHub,
  B: SeededAccount,
  conversation: string,
): Promise<QualityOfB> {
  const admin = client(t.url, B.adminToken);
  const qa = client(t.url, (await B.user('qa', 'B quality')).token);
  const agents = [];
  for (const name of ['B evaluated', 'B submitted', 'B disputing']) agents.push(await B.user('agent', name));
  const settings = (await admin.get('/quality/settings')).body.data;
  const criteria = settings.criteria.map((c: any, i: number) =>
    i === 0 ? { ...c, label: { ...c.label, en: B_LABEL } } : c,
  );
  expect((await admin.raw('PUT', '/quality/settings', { criteria })).status).toBe(200);
  const message = (await admin.get(`/conversations/${conversation}/messages`)).body.data[0].id as string;
  // As the weekly run would have queued it (the rule itself: tests/quality/sampling.test.ts).
  await t.hub.ctx.db.insert(evaluationQueue).values({
    accountId: B.accountId,
    conversationId: Number(conversation),
    agentId: agents[0].user.id,
    reason: 'low_rating',
    week: '2026-06-01',
  });
  const open = async (agentId: number) => {
    const res = await qa.post('/evaluations', { conversationId: conversation, agentId: String(agentId) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const id = res.body.data.id as string;
    const saved = await qa.raw('PUT', `/evaluations/${id}`, {
      scores: full,
      errors: [{ grade: 'minor', messageId: message, note: 'B note' }],
    });
    expect(saved.status).toBe(200);
    return id;
  };
  const draft = await open(agents[0].user.id);
  const submitted = await open(agents[1].user.id);
  expect((await qa.post(`/evaluations/${submitted}/submit`)).status).toBe(200);
  const disputed = await open(agents[2].user.id);
  expect((await qa.post(`/evaluations/${disputed}/submit`)).status).toBe(200);
  const disputing = client(t.url, agents[2].token);
  expect((await disputing.post(`/evaluations/${disputed}/dispute`, { comment: 'B disputes' })).status).toBe(
    200,
  );
  return { agent: String(agents[0].user.id), conversation, message, draft, submitted, disputed };
}

export function qualityIsolationCases(world: () => World): { route: string; run: () => Promise<void> }[] {
  const a = () => client(world().t.url, world().A.adminToken);
  const bApi = () => client(world().t.url, world().B.adminToken);
  /** B's evaluations as B sees them: nothing A tried may change them. */
  const bState = async () => {
    const q = world().q;
    const out: unknown[] = [];
    for (const id of [q.draft, q.submitted, q.disputed]) {
      const res = await bApi().get(`/evaluations/${id}`);
      out.push({ data: res.body.data, events: res.body.events.length });
    }
    return out;
  };
  const notFound = async (
    method: 'GET' | 'POST' | 'PUT',
    path: (q: QualityOfB) => string,
    body?: unknown,
  ) => {
    const before = await bState();
    const q = world().q;
    const res = await a().raw<any>(method, path(q), method === 'GET' ? undefined : (body ?? {}));
    expect({ status: res.status, code: res.body?.error?.code }, `${method} ${path(q)}`).toEqual({
      status: 404,
      code: 'not_found',
    });
    expect(await bState()).toEqual(before);
  };
  return [
    {
      route: 'GET /quality/settings',
      run: async () => {
        const res = await a().get('/quality/settings');
        expect(res.status).toBe(200);
        expect(JSON.stringify(res.body)).not.toContain(B_LABEL);
      },
    },
    {
      route: 'PUT /quality/settings',
      run: async () => {
        const res = await a().raw<any>('PUT', '/quality/settings', {
          sampling: { perAgent: 9, lowRatingAtMost: null, breached: false },
        });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        const b = (await bApi().get('/quality/settings')).body.data;
        expect(b.sampling).toEqual({ perAgent: 3, lowRatingAtMost: 2, breached: true });
        expect(b.criteria[0].label.en).toBe(B_LABEL);
      },
    },
    {
      route: 'GET /quality/queue',
      run: async () => {
        const res = await a().get('/quality/queue');
        expect(res.status).toBe(200);
        expect(res.body.data.map((i: any) => i.conversationId)).not.toContain(world().q.conversation);
        expect((await a().get(`/quality/queue?agentId=${world().q.agent}`)).body.data).toEqual([]);
      },
    },
    {
      route: 'POST /quality/queue/sample',
      run: async () => {
        const res = await a().post('/quality/queue/sample', { week: '2026-06-01' });
        expect(res.status).toBe(200);
        expect(JSON.stringify(res.body.data.added)).not.toContain(`"${world().q.agent}"`);
        expect((await bApi().get('/quality/queue')).body.data).toHaveLength(1);
      },
    },
    {
      route: 'GET /evaluations',
      run: async () => {
        const res = await a().get('/evaluations');
        expect(res.status).toBe(200);
        const q = world().q;
        const ids = res.body.data.map((e: any) => e.id);
        for (const id of [q.draft, q.submitted, q.disputed]) expect(ids).not.toContain(id);
        expect((await a().get(`/evaluations?agentId=${q.agent}`)).body.data).toEqual([]);
        expect((await a().get(`/evaluations?conversationId=${q.conversation}`)).body.data).toEqual([]);
      },
    },
    {
      route: 'POST /evaluations',
      run: () => notFound('POST', () => '/evaluations', { conversationId: world().q.conversation }),
    },
    { route: 'GET /evaluations/{id}', run: () => notFound('GET', (q) => `/evaluations/${q.submitted}`) },
    {
      route: 'PUT /evaluations/{id}',
      run: () => notFound('PUT', (q) => `/evaluations/${q.draft}`, { comment: 'from A' }),
    },
    {
      route: 'POST /evaluations/{id}/submit',
      run: () => notFound('POST', (q) => `/evaluations/${q.draft}/submit`),
    },
    {
      route: 'POST /evaluations/{id}/acknowledge',
      run: () => notFound('POST', (q) => `/evaluations/${q.submitted}/acknowledge`, {}),
    },
    {
      route: 'POST /evaluations/{id}/dispute',
      run: () => notFound('POST', (q) => `/evaluations/${q.submitted}/dispute`, { comment: 'from A' }),
    },
    {
      route: 'POST /evaluations/{id}/settle',
      run: () =>
        notFound('POST', (q) => `/evaluations/${q.disputed}/settle`, {
          decision: 'upheld',
          comment: 'from A',
        }),
    },
    {
      route: 'GET /quality/kpi/history',
      run: async () => {
        const month = new Date().toISOString().slice(0, 7);
        const res = await a().get(
          `/quality/kpi/history?from=${month}&to=${month}&agentId=${world().q.agent}`,
        );
        expect(res.status).toBe(200);
        expect(res.body.data[0].agents).toEqual([]);
      },
    },
    {
      route: 'GET /quality/kpi',
      run: async () => {
        const month = new Date().toISOString().slice(0, 7);
        const res = await a().get(`/quality/kpi?month=${month}`);
        expect(res.status).toBe(200);
        expect(res.body.data.agents.map((r: any) => r.agentId)).not.toContain(world().q.agent);
      },
    },
  ];
}
