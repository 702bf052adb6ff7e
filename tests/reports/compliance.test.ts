// The protocol-compliance report (issue 16, report 6) against the month of quality-world.ts, counted by
// hand: the required steps done of those that applied, per template, step and agent; a step the hub must
// not run there (public post, turned off) does not apply, an agent's skip and the hourly cap are missed;
// the drill-down lists the conversations that missed a step; filters, an agent's view, exports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, type SeededAccount, seedAccount, startTestHub, type TestHub } from '#tests/helpers/hub.ts';
import { exportedTable } from '#tests/helpers/reports.ts';
import { closeAllVisitors } from '#tests/helpers/widget.ts';
import { type QualityWorld, seedQualityWorld, worldDrill, worldReport } from './quality-world.ts';

let t: TestHub;
let a: SeededAccount;
let w: QualityWorld;

beforeAll(async () => {
  t = await startTestHub();
  a = await seedAccount(t, 'Compliance month');
  w = await seedQualityWorld(t, a);
}, 120_000);
afterAll(async () => {
  closeAllVisitors();
  await t?.destroy();
});

const report = (query = '', token = a.adminToken) => worldReport(t, w, 'compliance', query, token);
const drill = (query: string, token = a.adminToken) => worldDrill(t, w, query, token);

const statuses = async (id: string) =>
  Object.fromEntries(
    (await client(t.url, a.adminToken).get(`/conversations/${id}/protocol`)).body.data.steps.map(
      (s: { key: string; status: string }) => [s.key, s.status],
    ),
  );

describe('compliance report', () => {
  it('the flows driven today left the checklists the counts below start from', async () => {
    // R1: Ana ticked spelling and skipped "clear and direct"; nobody fell silent, so no closure check.
    expect(await statuses(w.ids.R1)).toEqual({
      check_equipment: 'done',
      greeting: 'done',
      identification: 'done',
      agent_introduction: 'done',
      receive_request: 'done',
      correct_spelling: 'done',
      clear_direct: 'skipped',
      closure_check: 'pending',
      farewell: 'done',
      survey: 'done',
    });
    // R2: Beto ticked nothing.
    expect(await statuses(w.ids.R2)).toMatchObject({
      check_equipment: 'done',
      agent_introduction: 'done',
      correct_spelling: 'pending',
      clear_direct: 'pending',
      closure_check: 'pending',
      farewell: 'done',
      survey: 'done',
    });
  });

  it('counts required steps done of those that applied, per template, step and agent', async () => {
    const { table, data } = await report();
    expect(data.tables.map((x) => x.key)).toEqual(['byTemplate', 'byStep', 'byAgent']);
    // Chat (10 required steps): R1 8/10, R2 7/10, S1 10/10, S2 9/10, S3 8/10, S8 9/9 (greeting turned
    // off) = 51 of 59. Social (6): S4 6/6, S5 3/4 (greeting and survey under a public post), S6 4/6
    // (survey capped, "answer each" skipped) = 13 of 16. R3, S7 follow no protocol; S10 is open; S9 old.
    const templates = Object.fromEntries(table('byTemplate').rows.map((r) => [r.key, r.cells]));
    expect(templates).toEqual({
      chat: expect.objectContaining({
        requiredSteps: 10,
        conversations: 6,
        applicable: 59,
        done: 51,
        missed: 8,
        compliance: 86.44,
      }),
      social: expect.objectContaining({
        requiredSteps: 6,
        conversations: 3,
        applicable: 16,
        done: 13,
        missed: 3,
        compliance: 81.25,
      }),
    });
    expect(table('byTemplate').totals?.cells).toMatchObject({
      conversations: 9,
      applicable: 75,
      done: 64,
      missed: 11,
      compliance: 85.33,
    });

    const steps = Object.fromEntries(
      table('byStep').rows.map((r) => [r.key, [r.cells.applicable, r.cells.done, r.cells.missed]]),
    );
    expect(steps).toEqual({
      'chat.check_equipment': [6, 6, 0],
      'chat.greeting': [5, 5, 0],
      'chat.identification': [6, 6, 0],
      'chat.agent_introduction': [6, 6, 0],
      'chat.receive_request': [6, 6, 0],
      'chat.correct_spelling': [6, 4, 2], // R2 never ticked it, S3 skipped by Ceci
      'chat.clear_direct': [6, 4, 2], // R1 skipped by Ana, R2 never ticked it
      'chat.closure_check': [6, 2, 4], // R1 R2 S2 S3
      'chat.farewell': [6, 6, 0],
      'chat.survey': [6, 6, 0],
      'social.greeting': [2, 2, 0],
      'social.receive_request': [3, 3, 0],
      'social.answer_individually': [3, 2, 1], // S6
      'social.closure_check': [3, 2, 1], // S5
      'social.farewell': [3, 3, 0],
      'social.survey': [2, 1, 1], // S6: the hourly cap kept it from being sent
    });
    expect(table('byStep').rows.find((r) => r.key === 'chat.closure_check')?.cells.compliance).toBe(33.33);

    // Who holds or held it: Ana R1 S1 S8 = 27 of 29; Beto R2 S8 S5 S6 = 23 of 29; Ceci S2 S3 S4 = 23 of 26.
    const { ana, beto, ceci } = w.agents;
    expect(
      table('byAgent').rows.map((r) => [
        r.cells.agent,
        r.cells.conversations,
        r.cells.applicable,
        r.cells.done,
        r.cells.compliance,
      ]),
    ).toEqual([
      ['Beto', 4, 29, 23, 79.31],
      ['Ana', 3, 29, 27, 93.1],
      ['Ceci', 3, 26, 23, 88.46],
    ]);
    expect(table('byAgent').rows.map((r) => r.drill)).toEqual(
      [beto, ana, ceci].map((x) => ({ agentId: String(x.user.id) })),
    );
  });

  it('drills into the conversations that missed a step', async () => {
    const { table } = await report();
    const row = table('byStep').rows.find((r) => r.key === 'chat.closure_check');
    expect(row?.drill).toEqual({ protocol: 'chat', step: 'closure_check' });
    expect(table('byStep').columns.find((c) => c.key === 'missed')?.drill).toBe('step_missed');
    expect(await drill('metric=step_missed&protocol=chat&step=closure_check')).toEqual([
      'R1',
      'R2',
      'S2',
      'S3',
    ]);
    expect(await drill('metric=step_missed&protocol=chat&step=correct_spelling')).toEqual(['R2', 'S3']);
    expect(await drill('metric=step_missed&protocol=chat&step=greeting')).toEqual([]);
    expect(await drill('metric=step_missed&protocol=social&step=survey')).toEqual(['S6']);
    expect(await drill('metric=step_missed&protocol=social&step=greeting')).toEqual([]);
    expect(
      await drill(`metric=step_missed&protocol=chat&step=clear_direct&agentId=${w.agents.ana.user.id}`),
    ).toEqual(['R1']);
  });

  it('narrows by channel and by agent; an agent sees their own; marketing may not read it', async () => {
    const social = await report('&channel=facebook');
    expect(social.table('byTemplate').rows.map((r) => r.key)).toEqual(['social']);
    expect(social.table('byTemplate').totals?.cells).toMatchObject({
      applicable: 16,
      done: 13,
      compliance: 81.25,
    });

    const ceci = String(w.agents.ceci.user.id);
    const filtered = await report(`&agentId=${ceci}`);
    // Ceci's S2 S3 (chat, 17 of 20) and S4 (social, 6 of 6).
    expect(filtered.table('byTemplate').rows.map((r) => [r.key, r.cells.applicable, r.cells.done])).toEqual([
      ['chat', 20, 17],
      ['social', 6, 6],
    ]);
    expect(filtered.table('byAgent').rows.map((r) => r.key)).toEqual([ceci]);

    const own = await report(`&agentId=${w.agents.ana.user.id}`, w.agents.ceci.token);
    expect(own.data.filters).toMatchObject({ agentId: ceci });
    expect(own.table('byStep').totals?.cells).toEqual(filtered.table('byStep').totals?.cells);
    expect(own.table('byAgent').rows.map((r) => r.key)).toEqual([ceci]);
    expect(await drill('metric=step_missed&protocol=chat&step=closure_check', w.agents.ceci.token)).toEqual([
      'S2',
      'S3',
    ]);

    const marketing = await a.user('marketing', 'Mara');
    expect((await client(t.url, marketing.token).get(`/reports/compliance?${w.month}`)).status).toBe(403);
  });

  it('exports the by-step table as CSV and Excel with the same cells', async () => {
    const byStep = (await report()).table('byStep');
    const out = await exportedTable(t.url, a.adminToken, 'compliance', w.month, byStep, 'protocol');
    expect(out.csv[0]).toBe(out.header.join(','));
    expect(out.csv).toContain('chat,closure_check,Closure check,6,6,2,4,33.33');
    expect(out.csv.at(-1)).toBe('Total,,,9,75,64,11,85.33');
    expect(out.sheet[0]).toEqual(out.header);
    expect(out.sheet.slice(1)).toEqual(out.expected);
  });
});
