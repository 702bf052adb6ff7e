// The sampling rule on a seeded week (issue 18 item 1): in the account's time zone (La Paz, UTC−4), every
// resolved conversation rated at or below the threshold, every one with a breached target, and N more per
// agent drawn in the documented fixed order (sha256 of "<week>:<id>") — none twice, nothing resolved
// outside the week, nothing without an agent; a rerun adds nothing, a larger N tops up. The queue worker
// runs the same rule, and the weekly cron is registered. The manager's settings and their 400 codes too.
import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluationEvents } from '#server/db/quality-schema.ts';
import { settleQueue } from '#tests/helpers/clock.ts';
import { client, type SeededAccount, seedAccount, startTestHub, type TestHub } from '#tests/helpers/hub.ts';
import { type Inbox, seedConversation } from './world.ts';

const WEEK = '2026-06-01'; // a Monday
const at = (iso: string) => new Date(iso);

let t: TestHub;
let acct: SeededAccount;
let inbox: Inbox;
let admin: ReturnType<typeof client>;
let ana: number;
let ben: number;
const seeded: Record<string, string> = {};
const anaPlain: string[] = [];

beforeAll(async () => {
  t = await startTestHub();
  acct = await seedAccount(t, 'Quality sampling');
  admin = client(t.url, acct.adminToken);
  inbox = await acct.apiInbox();
  ana = (await acct.user('agent', 'Ana')).user.id;
  ben = (await acct.user('agent', 'Ben')).user.id;
  const hours = await admin.patch('/routing/settings', {
    businessHours: { timezone: 'America/La_Paz', week: [{ day: 1, from: '08:00', to: '18:00' }] },
  });
  expect(hours.status, JSON.stringify(hours.body)).toBe(200);
  const rule = await admin.raw<any>('PUT', '/quality/settings', {
    sampling: { perAgent: 2, lowRatingAtMost: 2, breached: true },
  });
  expect(rule.status, JSON.stringify(rule.body)).toBe(200);

  const seed = (name: string, o: Parameters<typeof seedConversation>[2]) =>
    seedConversation(t, inbox, o).then((c) => {
      seeded[name] = c.id;
      return c.id;
    });
  // Inside the week (La Paz): Monday 00:00 local is 04:00 UTC; Sunday 23:59 local is Monday 03:59 UTC.
  for (let i = 0; i < 5; i++)
    anaPlain.push(await seed(`ana${i}`, { agentId: ana, resolvedAt: at(`2026-06-0${2 + i}T15:00:00Z`) }));
  anaPlain.push(await seed('anaRated3', { agentId: ana, resolvedAt: at('2026-06-03T16:00:00Z'), rating: 3 }));
  await seed('anaLow', { agentId: ana, resolvedAt: at('2026-06-01T04:00:00Z'), rating: 1 });
  await seed('benPlain', { agentId: ben, resolvedAt: at('2026-06-08T03:59:00Z') });
  await seed('benBreached', { agentId: ben, resolvedAt: at('2026-06-05T12:00:00Z'), breached: true });
  // Outside the week, or not eligible.
  await seed('anaBefore', { agentId: ana, resolvedAt: at('2026-06-01T03:59:00Z'), rating: 1 });
  await seed('anaAfter', { agentId: ana, resolvedAt: at('2026-06-08T04:00:00Z'), breached: true });
  await seed('anaOpen', { agentId: ana, rating: 1 });
  await seed('nobody', { agentId: null, resolvedAt: at('2026-06-03T12:00:00Z'), rating: 1 });
}, 60_000);
afterAll(() => t?.destroy());

/** The documented fixed order of the sample: sha256("<week>:<conversation id>"). */
const drawOrder = (ids: string[]) =>
  [...ids].sort((a, b) => {
    const [x, y] = [a, b].map((id) => createHash('sha256').update(`${WEEK}:${id}`).digest('hex'));
    return x < y ? -1 : x > y ? 1 : 0;
  });

const queued = async () => (await admin.get('/quality/queue')).body.data as any[];

describe('the sampling rule', () => {
  it('queues the low-rated, the breached and N per agent of the week, and nothing else', async () => {
    const res = await admin.post('/quality/queue/sample', { week: '2026-06-04' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data).toMatchObject({
      week: WEEK,
      startsAt: '2026-06-01T04:00:00.000Z',
      endsAt: '2026-06-08T04:00:00.000Z',
    });
    const got = res.body.data.added.map((i: any) => [i.conversationId, i.agentId, i.reason]).sort();
    const expected = [
      [seeded.anaLow, String(ana), 'low_rating'],
      [seeded.benBreached, String(ben), 'breached'],
      [seeded.benPlain, String(ben), 'sample'],
      ...drawOrder(anaPlain)
        .slice(0, 2)
        .map((id) => [id, String(ana), 'sample']),
    ].sort();
    expect(got).toEqual(expected);
    const item = res.body.data.added.find((i: any) => i.conversationId === seeded.anaLow);
    expect(item).toMatchObject({
      agentName: 'Ana',
      rating: 1,
      channel: 'api',
      week: WEEK,
      evaluationId: null,
    });

    const list = await queued();
    expect(list.map((i) => i.conversationId).sort()).toEqual(expected.map((e) => e[0]).sort());
    const ids = list.map((i) => i.conversationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const outside of ['anaBefore', 'anaAfter', 'anaOpen', 'nobody'])
      expect(ids).not.toContain(seeded[outside]);
    expect((await admin.get('/quality/queue?reason=sample')).body.data).toHaveLength(3);
    expect((await admin.get(`/quality/queue?agentId=${ben}`)).body.data).toHaveLength(2);
    // The run is in the audit trail, with who ran it.
    const runs = await t.hub.ctx.db
      .select()
      .from(evaluationEvents)
      .where(eq(evaluationEvents.accountId, acct.accountId));
    expect(runs.map((e) => [e.type, e.actorId, e.data])).toEqual([
      ['queue.sampled', acct.admin.id, { week: WEEK, sample: 3, low_rating: 1, breached: 1 }],
    ]);
  });

  it('adds nothing on a rerun, and tops each agent up when N grows — never a conversation twice', async () => {
    const again = await admin.post('/quality/queue/sample', { week: WEEK });
    expect(again.body.data.added).toEqual([]);
    await admin.raw('PUT', '/quality/settings', {
      sampling: { perAgent: 3, lowRatingAtMost: 2, breached: true },
    });
    const more = await admin.post('/quality/queue/sample', { week: WEEK });
    // Ana had 2 of her 6: the third in the draw order; Ben has no other conversation in the week.
    expect(more.body.data.added.map((i: any) => [i.conversationId, i.reason])).toEqual([
      [drawOrder(anaPlain)[2], 'sample'],
    ]);
    const ids = (await queued()).map((i) => i.conversationId);
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
  });

  it('runs the same rule as a queue job, and registers the weekly run', async () => {
    // The week before: Ana's Sunday-night conversation (rated 1) belongs there.
    await t.hub.ctx.queue.send('quality-work', {
      kind: 'sample',
      accountId: acct.accountId,
      week: '2026-05-25',
    });
    await settleQueue(t);
    const list = await admin.get('/quality/queue?week=2026-05-25');
    expect(list.body.data.map((i: any) => [i.conversationId, i.reason])).toEqual([
      [seeded.anaBefore, 'low_rating'],
    ]);
    // The weekly run samples each account's last complete week: the week of a week ago, whatever today is.
    const weekAgo = new Date(Date.now() - 7 * 86_400_000);
    const recent = (await seedConversation(t, inbox, { agentId: ben, resolvedAt: weekAgo, rating: 2 })).id;
    await t.hub.ctx.queue.send('quality-work', { kind: 'weekly-sample' });
    await settleQueue(t);
    const weekly = (await queued()).filter((i) => i.conversationId === recent);
    expect(weekly.map((i) => [i.reason, i.agentId])).toEqual([['low_rating', String(ben)]]);
    expect(new Date(`${weekly[0].week}T12:00:00Z`).getUTCDay()).toBe(1);
    const r = await t.hub.ctx.db.execute<{ cron: string }>(
      sql`select cron from pgboss.schedule where name = 'quality-work'`,
    );
    const rows = Array.isArray(r) ? r : (r as unknown as { rows: { cron: string }[] }).rows;
    expect(rows.map((x) => x.cron)).toEqual(['7 * * * 1']);
  });

  it('lets only the manager run it, and the evaluators read the queue', async () => {
    const qa = client(t.url, (await acct.user('qa', 'Quinn')).token);
    const agent = client(t.url, (await acct.user('agent', 'Ada')).token);
    expect((await qa.get('/quality/queue')).status).toBe(200);
    const refused = await qa.post('/quality/queue/sample', { week: WEEK });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'forbidden']);
    const agentRead = await agent.get('/quality/queue');
    expect([agentRead.status, agentRead.body.error.code]).toEqual([403, 'forbidden']);
    const bad = await admin.post('/quality/queue/sample', { week: '2026-13-01' });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'validation_failed']);
  });
});

describe('the quality settings', () => {
  it('start from QP-14: five criteria and three grades with their definitions in es/en/ar', async () => {
    const other = await seedAccount(t, 'Fresh');
    const res = await client(t.url, other.adminToken).get('/quality/settings');
    expect(res.status).toBe(200);
    const s = res.body.data;
    expect(s.criteria.map((c: any) => c.key)).toEqual([
      'problem_solved',
      'courtesy',
      'empathy',
      'personal_touch',
      'competence',
    ]);
    expect(s.grades.map((g: any) => [g.key, g.points])).toEqual([
      ['major', 30],
      ['minor', 10],
      ['d_minor', 3],
    ]);
    for (const item of [...s.criteria, ...s.grades])
      for (const lang of ['es', 'en', 'ar']) {
        expect(item.label[lang]).toBeTruthy();
        expect(item.definition[lang]).toBeTruthy();
      }
    expect(s.grades[0].definition.ar).toContain('تكلفة أو جهد غير لازم');
    expect(s.sampling).toEqual({ perAgent: 3, lowRatingAtMost: 2, breached: true });
    expect(s.criterionMax).toBe(5);
  });

  it('take the manager’s changes part by part, and refuse what cannot score with a code', async () => {
    const supervisor = client(t.url, (await acct.user('supervisor', 'Sofía')).token);
    const qa = client(t.url, (await acct.user('qa', 'Quentin')).token);
    const current = (await supervisor.get('/quality/settings')).body.data;
    const criteria = current.criteria.map((c: any) => (c.key === 'empathy' ? { ...c, weight: 40 } : c));
    const saved = await supervisor.raw<any>('PUT', '/quality/settings', { criteria });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.data.criteria.find((c: any) => c.key === 'empathy').weight).toBe(40);
    expect(saved.body.data.sampling.perAgent).toBe(3); // the part not given stays
    const codeOf = async (body: unknown) => {
      const r = await supervisor.raw<any>('PUT', '/quality/settings', body);
      return [r.status, r.body.error?.code];
    };
    expect(await codeOf({ criteria: [...criteria, criteria[0]] })).toEqual([400, 'duplicate_criterion']);
    expect(await codeOf({ criteria: criteria.map((c: any) => ({ ...c, weight: 0 })) })).toEqual([
      400,
      'no_weight',
    ]);
    expect(await codeOf({ grades: [current.grades[0], current.grades[0], current.grades[1]] })).toEqual([
      400,
      'duplicate_grade',
    ]);
    expect(await codeOf({ kpiWeights: { evaluations: 0, satisfaction: 0, firstResponse: 0 } })).toEqual([
      400,
      'no_weight',
    ]);
    expect(await codeOf({ sampling: { perAgent: -1, lowRatingAtMost: 2, breached: true } })).toEqual([
      400,
      'validation_failed',
    ]);
    expect(await codeOf({})).toEqual([400, 'validation_failed']);
    const label = { ...criteria[0], label: { es: 'x', en: 'y' } };
    expect(await codeOf({ criteria: [label] })).toEqual([400, 'validation_failed']);
    const refused = await qa.raw<any>('PUT', '/quality/settings', { criteria });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'forbidden']);
    expect((await qa.get('/quality/settings')).status).toBe(200);
    expect((await supervisor.get('/quality/settings')).body.data.criteria).toEqual(criteria);
  });
});
