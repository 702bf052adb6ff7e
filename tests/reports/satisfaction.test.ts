// The satisfaction report (issue 16, report 5) against the month of quality-world.ts, counted by hand:
// contacts, surveyed (asked, or rated anyway), rated, response rate, average and distribution per channel,
// team and agent; the comments newest first; the drill-down listing exactly the counted conversations;
// the channel and agent filters; an agent's own view; marketing refused; CSV and Excel as the table.
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
  a = await seedAccount(t, 'Satisfaction month');
  w = await seedQualityWorld(t, a);
}, 120_000);
afterAll(async () => {
  closeAllVisitors();
  await t?.destroy();
});

const report = (query = '', token = a.adminToken) => worldReport(t, w, 'satisfaction', query, token);
const drill = (query: string, token = a.adminToken) => worldDrill(t, w, query, token);

describe('satisfaction report', () => {
  it('counts the month by channel, team and agent', async () => {
    const { table, data } = await report();
    // Contacts of the month: R1 R2 R3 S1–S8 S10 = 12 (S9 is 40 days old).
    // Surveyed: asked R1 R2 S1 S2 S3 S4 S8 (7) + rated anyway S6 S7 (2) = 9; not S5 (public), R3, S10.
    // Rated: R1 5, S1 4, S2 2, S4 5, S6 1, S7 5, S8 3 = 7, summing 25: average 25 / 7 = 3.57;
    // response rate 7 / 9 = 77.78 %.
    expect(table('byChannel').totals?.cells).toMatchObject({
      contacts: 12,
      surveyed: 9,
      rated: 7,
      responseRate: 77.78,
      averageRating: 3.57,
    });
    const cells = (key: string) =>
      Object.fromEntries(table(key).rows.map((r) => [r.key, r.cells])) as Record<
        string,
        Record<string, unknown>
      >;
    // web chat R1 R2 S1 S2 S3 S8 S10: surveyed 6 (not S10), rated R1 S1 S2 S8 = 5+4+2+3 = 14 / 4 = 3.5.
    // Facebook S4 S5 S6: surveyed S4 S6, rated 5 and 1: 3. API R3 S7: surveyed and rated S7 (5).
    expect(cells('byChannel')).toMatchObject({
      webchat: { contacts: 7, surveyed: 6, rated: 4, responseRate: 66.67, averageRating: 3.5 },
      facebook: { contacts: 3, surveyed: 2, rated: 2, responseRate: 100, averageRating: 3 },
      api: { contacts: 2, surveyed: 1, rated: 1, responseRate: 100, averageRating: 5 },
    });
    expect(table('byChannel').rows.map((r) => r.key)).toEqual(['webchat', 'facebook', 'api']);
    // Norte R1 R2 S1 S5 S6 S8 S10: surveyed R1 R2 S1 S6 S8, rated 5+4+1+3 = 13 / 4 = 3.25.
    // Sur S2 S3 S4: all surveyed, rated 2 and 5. No team: R3 S7.
    expect(cells('byTeam')).toMatchObject({
      [w.teams.Norte]: {
        team: 'Norte',
        contacts: 7,
        surveyed: 5,
        rated: 4,
        responseRate: 80,
        averageRating: 3.25,
      },
      [w.teams.Sur]: {
        team: 'Sur',
        contacts: 3,
        surveyed: 3,
        rated: 2,
        responseRate: 66.67,
        averageRating: 3.5,
      },
      none: { team: null, contacts: 2, surveyed: 1, rated: 1, averageRating: 5 },
    });
    // Who holds or held it: Ana R1 R3 S1 S7 S8 (rated 5 4 5 3 = 17 / 4); Beto R2 S5 S6 S8 S10 (S8 before
    // the transfer; rated 1 and 3); Ceci S2 S3 S4.
    const { ana, beto, ceci } = w.agents;
    expect(table('byAgent').rows.map((r) => r.key)).toEqual([ana, beto, ceci].map((x) => String(x.user.id)));
    expect(cells('byAgent')).toMatchObject({
      [ana.user.id]: {
        agent: 'Ana',
        contacts: 5,
        surveyed: 4,
        rated: 4,
        responseRate: 100,
        averageRating: 4.25,
      },
      [beto.user.id]: {
        agent: 'Beto',
        contacts: 5,
        surveyed: 3,
        rated: 2,
        responseRate: 66.67,
        averageRating: 2,
      },
      [ceci.user.id]: {
        agent: 'Ceci',
        contacts: 3,
        surveyed: 3,
        rated: 2,
        responseRate: 66.67,
        averageRating: 3.5,
      },
    });
    // Scores: 5 ×3 (R1 S4 S7), 4 S1, 3 S8, 2 S2, 1 S6; shares of 7.
    expect(table('distribution').rows.map((r) => [r.key, r.cells.rated, r.cells.share])).toEqual([
      ['5', 3, 42.86],
      ['4', 1, 14.29],
      ['3', 1, 14.29],
      ['2', 1, 14.29],
      ['1', 1, 14.29],
    ]);
    expect(table('distribution').totals?.cells).toMatchObject({ rated: 7, share: 100 });
    // Comments newest first, each with the agent the rating went to; S9's is outside the month.
    expect(
      table('comments').rows.map((r) => [
        r.key,
        r.cells.rating,
        r.cells.channel,
        r.cells.agent,
        r.cells.comment,
      ]),
    ).toEqual([
      [w.ids.R1, 5, 'webchat', 'Ana', 'muy rápido'],
      [w.ids.S8, 3, 'webchat', 'Ana', 'regular'],
      [w.ids.S1, 4, 'webchat', 'Ana', 'bien'],
      [w.ids.S2, 2, 'webchat', 'Ceci', 'lento'],
      [w.ids.S6, 1, 'facebook', 'Beto', 'pésimo'],
    ]);
    expect(data.tables.map((x) => x.key)).toEqual([
      'byChannel',
      'byTeam',
      'byAgent',
      'distribution',
      'comments',
    ]);
  });

  it('drills into exactly the conversations counted', async () => {
    const { table } = await report();
    expect(table('distribution').rows[0].drill).toEqual({ rating: '5' });
    expect(table('byChannel').columns.find((c) => c.key === 'rated')?.drill).toBe('rated');
    expect(await drill('metric=rated&rating=5')).toEqual(['R1', 'S4', 'S7']);
    expect(await drill('metric=rated&rating=1')).toEqual(['S6']);
    expect(await drill('metric=rated')).toEqual(['R1', 'S1', 'S2', 'S4', 'S6', 'S7', 'S8']);
    expect(await drill('metric=rated&channel=facebook')).toEqual(['S4', 'S6']);
    expect(await drill(`metric=rated&teamId=${w.teams.Sur}`)).toEqual(['S2', 'S4']);
    expect(await drill(`metric=rated&agentId=${w.agents.beto.user.id}`)).toEqual(['S6', 'S8']);
    expect(await drill(`metric=registered&agentId=${w.agents.beto.user.id}`)).toEqual([
      'R2',
      'S10',
      'S5',
      'S6',
      'S8',
    ]);
  });

  it('narrows by channel and by agent; an agent sees their own; marketing may not read it', async () => {
    const webchat = await report('&channel=webchat');
    expect(webchat.table('byChannel').rows.map((r) => r.key)).toEqual(['webchat']);
    expect(webchat.table('byChannel').totals?.cells).toMatchObject({
      contacts: 7,
      rated: 4,
      averageRating: 3.5,
    });
    expect(webchat.table('distribution').rows.map((r) => r.cells.rated)).toEqual([1, 1, 1, 1, 0]);

    const beto = String(w.agents.beto.user.id);
    const filtered = await report(`&agentId=${beto}`);
    // Beto's R2 S5 S6 S8 S10: asked R2 S8, rated anyway S6; rated 1 and 3.
    expect(filtered.table('byChannel').totals?.cells).toMatchObject({
      contacts: 5,
      surveyed: 3,
      rated: 2,
      averageRating: 2,
    });
    expect(filtered.table('byAgent').rows.map((r) => r.key)).toEqual([beto]);

    // Beto asks for Ana's figures and gets his own.
    const own = await report(`&agentId=${w.agents.ana.user.id}`, w.agents.beto.token);
    expect(own.data.filters).toMatchObject({ agentId: beto });
    expect(own.table('byAgent').rows.map((r) => r.key)).toEqual([beto]);
    expect(own.table('byChannel').totals?.cells).toEqual(filtered.table('byChannel').totals?.cells);
    expect(own.table('comments').rows.map((r) => r.key)).toEqual([w.ids.S8, w.ids.S6]);
    expect(await drill('metric=rated', w.agents.beto.token)).toEqual(['S6', 'S8']);

    const marketing = await a.user('marketing', 'Mara');
    expect((await client(t.url, marketing.token).get(`/reports/satisfaction?${w.month}`)).status).toBe(403);
  });

  it('exports the by-agent table as CSV and Excel with the same cells', async () => {
    const byAgent = (await report()).table('byAgent');
    const out = await exportedTable(t.url, a.adminToken, 'satisfaction', w.month, byAgent, 'agent');
    expect(out.csv[0]).toBe(out.header.join(','));
    expect(out.csv.slice(1)).toEqual(
      out.expected.map((r) => r.map((v) => (v === null ? '' : String(v))).join(',')),
    );
    expect(out.csv[1]).toBe('Ana,5,4,4,100,4.25');
    expect(out.sheet[0]).toEqual(out.header);
    expect(out.sheet.slice(1)).toEqual(out.expected);
  });

  it('gives the agents report each agent’s figures exactly as the times, satisfaction and compliance reports do', async () => {
    // One instant for the four: a hold still running counts up to the report's now.
    const clock = t.hub.ctx.clock;
    const at = clock.now();
    t.hub.ctx.clock = { now: () => at };
    const [agents, times, satisfaction, compliance] = await Promise.all(
      ['agents', 'times', 'satisfaction', 'compliance'].map((name) =>
        worldReport(t, w, name, '', a.adminToken),
      ),
    ).finally(() => {
      t.hub.ctx.clock = clock;
    });
    const rows = (r: typeof agents) => new Map(r.table('byAgent').rows.map((x) => [x.key, x.cells]));
    const borrowed = [
      [rows(times), ['handled', 'firstResponseAvg', 'nextResponseAvg', 'resolutionAvg', 'handleAvg']],
      [rows(satisfaction), ['rated', 'averageRating']],
      [rows(compliance), ['compliance']],
    ] as const;
    const listed = agents.table('agents').rows;
    // Ana and Beto held conversations this month; both are listed with figures from each report.
    expect(listed.map((r) => r.cells.agent)).toEqual(expect.arrayContaining(['Ana', 'Beto']));
    let compared = 0;
    for (const r of listed)
      for (const [source, keys] of borrowed)
        for (const k of keys) {
          const theirs = source.get(r.key)?.[k];
          expect(r.cells[k], `${r.cells.agent} ${k}`).toEqual(
            theirs ?? (k === 'handled' || k === 'rated' ? 0 : null),
          );
          if (theirs !== undefined && theirs !== null) compared++;
        }
    expect(compared).toBeGreaterThan(10);
  });
});
