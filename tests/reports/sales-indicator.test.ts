// The sales indicator (issue 17) against a month counted by hand: November 2026 in La Paz (UTC−4). The
// portfolio is imported and worked over REST (two campaigns, three advisors, every outcome); the steps
// after the documents (registration, the officer's approval, the installation) are inserted as the
// audit trail's rows, because their flows need accepted documents and a reviewed registration and are
// specified in tests/sales/registration.test.ts. The events are then placed in time explicitly (the
// desk stamps them with the database's clock), one call just before November by La Paz's clock.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saleEvents, sales } from '#server/db/sales-schema.ts';
import {
  client,
  eventually,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';
import { type Cells, exportedTable, readReport } from '#tests/helpers/reports.ts';

let t: TestHub;
let a: SeededAccount;
let supervisorToken: string;
const advisors: Record<'ana' | 'beto' | 'carla', { id: string; token: string }> = {} as never;
let campaignNorte: string;
let campaignTv: string;
let teamId: string;
const sale: Record<'s1' | 's2' | 's3' | 's4', number> = {} as never;
/** Beto's declined call, moved to 31 October 22:00 in La Paz (1 November 02:00 UTC). */
let octoberCallId: number;

const lp = (s: string) => new Date(`${s.replace(' ', 'T')}-04:00`);
const november = 'from=2026-11-01&to=2026-11-30';

function portfolio(first: number, rows: number): string {
  const lines = ['Nombre;CI;Celular;Nro servicio;Dirección;Zona'];
  for (let i = first; i < first + rows; i++)
    lines.push(
      [
        `Cliente ${i}`,
        String(5_000_000 + i),
        `7${String(2_000_000 + i).padStart(7, '0')}`,
        String(4_500_000 + i),
        `LA PAZ - ${2000 + i} ENTRE LANZA Y ANTEZANA`,
        'Centro',
      ].join(';'),
    );
  return `${lines.join('\r\n')}\r\n`;
}

async function importInto(campaignId: string, csv: string) {
  const form = new FormData();
  form.append('file', new Blob([csv]), 'cartera.csv');
  const res = await fetch(`${t.url}/api/v1/campaigns/${campaignId}/imports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${supervisorToken}` },
    body: form,
  });
  const body = (await res.json()) as { data: { id: string } };
  expect(res.status, JSON.stringify(body)).toBe(202);
  await eventually(async () => {
    const r = await client(t.url, supervisorToken).get(`/portfolio-imports/${body.data.id}`);
    return r.body.data.status === 'done';
  }, 30_000);
}

/** An advisor takes the next customer, records the checks, and (when they pass) the call's outcome. */
async function work(
  who: keyof typeof advisors,
  campaignId: string,
  outcome: Record<string, unknown> | 'failed_check',
): Promise<{ entryId: string; saleId: number | null }> {
  const api = client(t.url, advisors[who].token);
  const next = await api.post(`/campaigns/${campaignId}/next`);
  expect(next.status, JSON.stringify(next.body)).toBe(200);
  const entryId = next.body.data.id as string;
  const checks = await api.post(`/portfolio-entries/${entryId}/checks`, {
    impediment: null,
    technology: 'fibre',
    capacity: outcome !== 'failed_check',
  });
  expect(checks.status, JSON.stringify(checks.body)).toBe(200);
  if (outcome === 'failed_check') return { entryId, saleId: null };
  const r = await api.post(`/portfolio-entries/${entryId}/outcome`, outcome);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return { entryId, saleId: r.body.sale ? Number(r.body.sale.id) : null };
}

const accepted = { outcome: 'accepted', product: 'Internet FTTH-GPON' };

beforeAll(async () => {
  t = await startTestHub();
  a = await seedAccount(t, 'Bluecom indicador');
  const admin = client(t.url, a.adminToken);
  expect(
    (await admin.patch('/routing/settings', { businessHours: { timezone: 'America/La_Paz', week: [] } }))
      .status,
  ).toBe(200);
  supervisorToken = (await a.user('supervisor', 'Sara')).token;
  for (const [key, name] of [
    ['ana', 'Ana Quispe'],
    ['beto', 'Beto Mamani'],
    ['carla', 'Carla Choque'],
  ] as const) {
    const u = await a.user('agent', name);
    advisors[key] = { id: String(u.user.id), token: u.token };
  }
  const team = await admin.post('/teams', {
    name: 'Ventas Norte',
    strategy: 'manual',
    memberIds: [advisors.ana.id, advisors.beto.id],
  });
  expect(team.status, JSON.stringify(team.body)).toBe(201);
  teamId = team.body.data.id;
  const sup = client(t.url, supervisorToken);
  campaignNorte = (await sup.post('/campaigns', { name: 'Internet para fijos', teamId })).body.data.id;
  campaignTv = (await sup.post('/campaigns', { name: 'Televisión' })).body.data.id;
  await importInto(campaignNorte, portfolio(0, 8));
  await importInto(campaignTv, portfolio(100, 4));

  // Ana: two customers, both accept. Beto: one accepts, one declines, one asks to be called back, one
  // fails the capacity check; on the TV campaign one accepts. Carla: one call nobody answers.
  sale.s1 = (await work('ana', campaignNorte, accepted)).saleId as number;
  sale.s2 = (await work('ana', campaignNorte, accepted)).saleId as number;
  sale.s3 = (await work('beto', campaignNorte, accepted)).saleId as number;
  const declined = await work('beto', campaignNorte, { outcome: 'declined', reason: 'Ya tiene Internet' });
  await work('beto', campaignNorte, {
    outcome: 'callback',
    callbackAt: new Date(Date.now() + 86_400_000).toISOString(),
  });
  await work('beto', campaignNorte, 'failed_check');
  await work('carla', campaignTv, { outcome: 'no_answer' });
  sale.s4 = (await work('beto', campaignTv, accepted)).saleId as number;

  // Everything so far happened on 10 November, a second apart, in the order it was done.
  const db = t.hub.ctx.db;
  await db.execute(
    sql`update sale_events set created_at = ${lp('2026-11-10 09:00').toISOString()}::timestamptz + make_interval(secs => id - (select min(id) from sale_events where account_id = ${a.accountId})) where account_id = ${a.accountId}`,
  );
  const [call] = await db
    .select({ id: saleEvents.id })
    .from(saleEvents)
    .where(and(eq(saleEvents.entryId, Number(declined.entryId)), eq(saleEvents.type, 'entry.called')));
  octoberCallId = call.id;
  await db
    .update(saleEvents)
    .set({ createdAt: lp('2026-10-31 22:00') })
    .where(eq(saleEvents.id, call.id));

  // The steps after the documents, as their flows record them (see the file's header).
  const step = async (s: number, type: string, at: Date, actor: string) => {
    const [row] = await db.select().from(sales).where(eq(sales.id, s));
    await db.insert(saleEvents).values({
      accountId: a.accountId,
      campaignId: row.campaignId,
      entryId: row.entryId,
      saleId: s,
      type,
      actorId: Number(actor),
      data: {},
      createdAt: at,
    });
  };
  const officer = (await a.user('back_office', 'Vera')).user.id;
  const supervisorId = String((await a.user('supervisor', 'Sara')).user.id);
  const registered = async (s: number, at: Date, who: string) => {
    await step(s, 'sale.documents_complete', new Date(at.getTime() - 3600_000), who);
    await step(s, 'sale.registered', at, who);
    await db
      .update(sales)
      .set({ status: 'registered', registeredAt: at, handoverDueAt: new Date(at.getTime() + 86_400_000) })
      .where(eq(sales.id, s));
  };
  await registered(sale.s1, lp('2026-11-11 10:00'), advisors.ana.id);
  // Returned by the officer and registered again: still one sale registered.
  await step(sale.s1, 'sale.returned', lp('2026-11-11 12:00'), String(officer));
  await step(sale.s1, 'sale.registered', lp('2026-11-11 15:00'), advisors.ana.id);
  await db
    .update(sales)
    .set({ registeredAt: lp('2026-11-11 15:00'), handoverDueAt: lp('2026-11-12 15:00') })
    .where(eq(sales.id, sale.s1));
  await registered(sale.s2, lp('2026-11-12 10:00'), advisors.ana.id);
  await registered(sale.s3, lp('2026-11-13 10:00'), advisors.beto.id);
  // Beto's TV sale, registered by the supervisor for him: it is still Beto's sale.
  await registered(sale.s4, lp('2026-11-14 10:00'), supervisorId);
  // Approved by the officer: S1 and S3 within the 24 hours, S2 six hours late; S4 not yet.
  await step(sale.s1, 'sale.approved', lp('2026-11-12 09:00'), String(officer));
  await step(sale.s2, 'sale.approved', lp('2026-11-13 16:00'), String(officer));
  await step(sale.s3, 'sale.approved', lp('2026-11-13 18:00'), String(officer));
  await step(sale.s1, 'sale.installed', lp('2026-11-20 11:00'), String(officer));
  await step(sale.s3, 'sale.installed', lp('2026-11-21 11:00'), String(officer));
  // S1's installation is also stamped on its row; a step in December is outside November.
  await step(sale.s2, 'sale.installed', lp('2026-12-01 00:30'), String(officer));
  await db.update(sales).set({ status: 'installed' }).where(eq(sales.id, sale.s1));
}, 120_000);

afterAll(async () => {
  await t?.destroy();
});

const pick = (c: Cells, keys: string[]) => Object.fromEntries(keys.map((k) => [k, c[k]]));
const indicatorKeys = ['effectiveCalls', 'salesRegistered', 'indicator', 'verdict'];

describe('the sales indicator', () => {
  it('per advisor: registered ÷ effective calls × 100, accepted at 98 % or more, no figure without calls', async () => {
    const { table, data } = await readReport(t.url, supervisorToken, 'sales', november);
    expect((data as unknown as { range: { timeZone: string } }).range.timeZone).toBe('America/La_Paz');
    const rows = table('byAdvisor').rows;
    const of = (who: keyof typeof advisors) => rows.find((r) => r.key === advisors[who].id)?.cells ?? {};
    // Ana: 2 effective calls (two acceptances), 2 sales registered (S1 twice, counted once) = 100 %.
    expect(pick(of('ana'), indicatorKeys)).toEqual({
      effectiveCalls: 2,
      salesRegistered: 2,
      indicator: 100,
      verdict: 'accepted',
    });
    // Beto: 3 effective calls in November (accepted, callback, accepted; the declined call was on
    // 31 October in La Paz), 2 registered (S3, and S4 which the supervisor registered for him) = 66.67 %.
    expect(pick(of('beto'), indicatorKeys)).toEqual({
      effectiveCalls: 3,
      salesRegistered: 2,
      indicator: 66.67,
      verdict: 'observed',
    });
    // Carla's only call was not answered: no effective call, no figure — neither 0 nor 100.
    expect(pick(of('carla'), [...indicatorKeys, 'checked'])).toEqual({
      effectiveCalls: 0,
      salesRegistered: 0,
      indicator: null,
      verdict: null,
      checked: 1,
    });
    // The officer and the supervisor are nobody's advisor rows; imports are nobody's.
    expect(rows.map((r) => r.cells.advisor)).toEqual(['Ana Quispe', 'Beto Mamani', 'Carla Choque']);
    expect(table('byAdvisor').columns.map((c) => c.key)).not.toContain('entries');
    // The whole month: 4 registered ÷ 5 effective calls.
    expect(pick(table('byAdvisor').totals?.cells ?? {}, indicatorKeys)).toEqual({
      effectiveCalls: 5,
      salesRegistered: 4,
      indicator: 80,
      verdict: 'observed',
    });
    expect(data.counting.map((n) => n.key)).toEqual([
      'salesEffectiveCall',
      'salesRegistered',
      'salesIndicator',
      'salesFunnel',
      'salesRows',
    ]);
    expect(data.counting[2].text).toContain('98 %');
  });

  it('the funnel, from the imported portfolio to the installed service', async () => {
    const { table } = await readReport(t.url, supervisorToken, 'sales', november);
    const funnel = Object.fromEntries(table('funnel').rows.map((r) => [r.key, r.cells.count]));
    expect(funnel).toEqual({
      entries: 12, // 8 + 4 imported
      checked: 7, // every customer worked but the one that failed the capacity check
      reached: 5, // the effective calls' customers (the declined one was called in October)
      accepted: 4,
      documentsComplete: 4,
      registered: 4,
      handedOverInTime: 2, // S1 and S3; S2 was approved six hours late, S4 not yet
      installed: 2, // S2's installation is in December
    });
  });

  it('per team (the campaign’s) and per campaign, and the filters narrow them', async () => {
    const { table } = await readReport(t.url, supervisorToken, 'sales', november);
    const team = Object.fromEntries(
      table('byTeam').rows.map((r) => [r.cells.team, pick(r.cells, [...indicatorKeys, 'entries'])]),
    );
    expect(team).toEqual({
      'Ventas Norte': {
        effectiveCalls: 4,
        salesRegistered: 3,
        indicator: 75,
        verdict: 'observed',
        entries: 8,
      },
      'No team': { effectiveCalls: 1, salesRegistered: 1, indicator: 100, verdict: 'accepted', entries: 4 },
    });
    const campaign = Object.fromEntries(
      table('byCampaign').rows.map((r) => [r.key, pick(r.cells, ['campaign', 'effectiveCalls'])]),
    );
    expect(campaign).toEqual({
      [campaignNorte]: { campaign: 'Internet para fijos', effectiveCalls: 4 },
      [campaignTv]: { campaign: 'Televisión', effectiveCalls: 1 },
    });

    const tv = await readReport(t.url, supervisorToken, 'sales', `${november}&campaignId=${campaignTv}`);
    expect(tv.data.filters).toMatchObject({ campaignId: campaignTv });
    expect(tv.table('byAdvisor').rows.map((r) => [r.cells.advisor, r.cells.indicator])).toEqual([
      ['Beto Mamani', 100],
      ['Carla Choque', null],
    ]);
    const norte = await readReport(t.url, supervisorToken, 'sales', `${november}&teamId=${teamId}`);
    expect(norte.table('byCampaign').rows.map((r) => r.key)).toEqual([campaignNorte]);
    const beto = await readReport(t.url, supervisorToken, 'sales', `${november}&agentId=${advisors.beto.id}`);
    expect(beto.table('byAdvisor').rows.map((r) => r.key)).toEqual([advisors.beto.id]);
    expect(beto.table('funnel').rows.map((r) => r.key)).not.toContain('entries');
  });

  it('the range is counted in the account’s zone: October holds only the declined call', async () => {
    const oct = await readReport(t.url, supervisorToken, 'sales', 'from=2026-10-01&to=2026-10-31');
    expect(
      oct
        .table('byAdvisor')
        .rows.map((r) => [r.key, pick(r.cells, ['effectiveCalls', 'indicator', 'verdict'])]),
    ).toEqual([[advisors.beto.id, { effectiveCalls: 1, indicator: 0, verdict: 'observed' }]]);
    // Read in UTC, that call is on 1 November.
    const utc = await readReport(t.url, supervisorToken, 'sales', `${november}&timeZone=UTC`);
    const beto = utc.table('byAdvisor').rows.find((r) => r.key === advisors.beto.id);
    expect(beto?.cells.effectiveCalls).toBe(4);
    expect(octoberCallId).toBeGreaterThan(0);
    // Two months side by side: a row per month.
    const both = await readReport(t.url, supervisorToken, 'sales', 'from=2026-10-01&to=2026-11-30');
    expect(both.table('byMonth').rows.map((r) => [r.key, r.cells.effectiveCalls, r.cells.verdict])).toEqual([
      ['2026-10', 1, 'observed'],
      ['2026-11', 5, 'observed'],
    ]);
  });

  it('an agent reads only their own row; finance reads everyone', async () => {
    const mine = await readReport(
      t.url,
      advisors.ana.token,
      'sales',
      `${november}&agentId=${advisors.beto.id}`,
    );
    expect(mine.data.filters).toMatchObject({ agentId: advisors.ana.id });
    expect(mine.table('byAdvisor').rows.map((r) => r.key)).toEqual([advisors.ana.id]);
    expect(pick(mine.table('byTeam').totals?.cells ?? {}, indicatorKeys)).toEqual({
      effectiveCalls: 2,
      salesRegistered: 2,
      indicator: 100,
      verdict: 'accepted',
    });
    const finance = (await a.user('finance', 'Fina')).token;
    const all = await readReport(t.url, finance, 'sales', november);
    expect(all.table('byAdvisor').rows).toHaveLength(3);
    const choices = (await client(t.url, finance).get('/reports/filters')).body.data;
    expect(choices.campaigns.map((c: { name: string }) => c.name)).toEqual([
      'Internet para fijos',
      'Televisión',
    ]);
  });

  it('exports the advisors’ rows as CSV and Excel, figures as numbers', async () => {
    const { table } = await readReport(t.url, supervisorToken, 'sales', november);
    const byAdvisor = table('byAdvisor');
    const out = await exportedTable(t.url, supervisorToken, 'sales', november, byAdvisor, 'advisor');
    expect(out.csv[0]).toContain('Effective calls,Effective sales registered,Indicator,Verdict');
    expect(out.csv).toContain('Ana Quispe,2,2,100,accepted,2,2,2,2,1,1');
    expect(out.csv).toContain('Carla Choque,0,0,,,1,0,0,0,0,0');
    expect(out.csv.at(-1)).toBe('Total,5,4,80,observed,7,5,4,4,2,2');
    expect(out.sheet).toEqual([out.header, ...out.expected]);
  });
});
