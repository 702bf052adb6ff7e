// Sales (issue 17, the procedure's indicator): effective sales registered ÷ effective calls × 100, monthly,
// accepted at 98 % or more and observed below, per advisor, team, campaign and month, beside the funnel
// from the imported portfolio to the installed service. Counted from the desk's audit trail
// (sales-funnel.ts); the definitions are the `sales*` notes of definitions.ts, shown under the title.
import { and, eq, inArray } from 'drizzle-orm';
import { campaigns } from '#server/db/sales-schema.ts';
import { teams, users } from '#server/db/schema.ts';
import type { ReportColumn } from '#shared/reports.schema.ts';
import { note, percent } from './definitions.ts';
import { ofSet } from './grouped.ts';
import {
  figuresOf,
  INDICATOR_THRESHOLD,
  type SalesFigures,
  type SalesGroups,
  salesFigures,
  stages,
  verdictOf,
} from './sales-funnel.ts';
import { type Cell, column, type ReportBuilder, row, table } from './table.ts';

const stageLabels: Record<(typeof stages)[number], string> = {
  entries: 'Entries',
  checked: 'Checked',
  reached: 'Reached',
  accepted: 'Accepted',
  documentsComplete: 'Documents complete',
  registered: 'Registered',
  handedOverInTime: 'Handed over in time',
  installed: 'Installed',
};

const figureColumns: ReportColumn[] = [
  column('effectiveCalls', 'Effective calls', 'count'),
  // Not "registered": that column key is a contact in the other reports (and their console strings).
  column('salesRegistered', 'Effective sales registered', 'count'),
  column('indicator', 'Indicator', 'percent'),
  column('verdict', 'Verdict', 'verdict'),
  ...stages.filter((s) => s !== 'registered').map((s) => column(s, stageLabels[s], 'count')),
];

export const salesReport: ReportBuilder = async (ctx, f) => {
  const sets: SalesGroups[][] = [['advisor'], ['team'], ['campaign'], ['month']];
  const rows = await salesFigures(ctx, f, sets);
  // Imports are nobody's: with an advisor asked for (an agent's own figures), entries are not counted.
  const ownOnly = f.filters.agentId !== undefined;
  const cells = (x: SalesFigures, byAdvisor = false): Record<string, Cell> => {
    const { registered, ...rest } = x;
    const indicator = percent(registered, x.effectiveCalls);
    return {
      ...rest,
      salesRegistered: registered,
      entries: byAdvisor || ownOnly ? null : x.entries,
      indicator,
      verdict: verdictOf(indicator),
    };
  };
  const ids = (set: SalesGroups) =>
    ofSet(rows, set)
      .map((r) => Number(r[set]))
      .filter((n) => n > 0);
  const [advisorNames, teamNames, campaignNames] = await Promise.all([
    names(ctx, f.accountId, users, ids('advisor')),
    names(ctx, f.accountId, teams, ids('team')),
    names(ctx, f.accountId, campaigns, ids('campaign')),
  ]);
  const total = figuresOf(ofSet(rows)[0]);
  const totals = (label: string) => row('total', { [label]: null, ...cells(total, label === 'advisor') });
  const byName =
    <T extends { cells: Record<string, Cell> }>(label: string) =>
    (a: T, b: T) =>
      String(a.cells[label]).localeCompare(String(b.cells[label]));
  const months = [...new Set(f.days.map((d) => d.slice(0, 7)))];
  const byMonth = new Map(ofSet(rows, 'month').map((r) => [String(r.month), figuresOf(r)]));
  return {
    counting: [
      note('salesEffectiveCall'),
      note('salesRegistered'),
      note('salesIndicator', { threshold: INDICATOR_THRESHOLD }),
      note('salesFunnel'),
      note('salesRows'),
    ],
    tables: [
      table(
        'byAdvisor',
        'By advisor',
        // Imports are nobody's: an advisor's row has no entries column.
        [column('advisor', 'Advisor', 'text'), ...figureColumns.filter((c) => c.key !== 'entries')],
        ofSet(rows, 'advisor')
          .filter((r) => r.advisor !== null)
          .map((r) =>
            row(String(r.advisor), {
              advisor: advisorNames.get(Number(r.advisor)) ?? `#${r.advisor}`,
              ...cells(figuresOf(r), true),
            }),
          )
          .sort(byName('advisor')),
        totals('advisor'),
      ),
      table(
        'funnel',
        'Funnel',
        [column('stage', 'Stage', 'text'), column('count', 'Count', 'count')],
        stages.filter((s) => s !== 'entries' || !ownOnly).map((s) => row(s, { stage: s, count: total[s] })),
      ),
      table(
        'byTeam',
        'By team',
        [column('team', 'Team', 'text'), ...figureColumns],
        ofSet(rows, 'team')
          .map((r) => {
            const id = Number(r.team);
            const name = id ? (teamNames.get(id) ?? `#${id}`) : 'No team';
            return row(id ? String(id) : 'none', { team: name, ...cells(figuresOf(r)) });
          })
          .sort(byName('team')),
        totals('team'),
      ),
      table(
        'byCampaign',
        'By campaign',
        [column('campaign', 'Campaign', 'text'), ...figureColumns],
        ofSet(rows, 'campaign')
          .map((r) =>
            row(String(r.campaign), {
              campaign: campaignNames.get(Number(r.campaign)) ?? `#${r.campaign}`,
              ...cells(figuresOf(r)),
            }),
          )
          .sort(byName('campaign')),
        totals('campaign'),
      ),
      table(
        'byMonth',
        'Monthly indicator',
        [column('month', 'Month', 'text'), ...figureColumns],
        months.map((m) => row(m, { month: m, ...cells(byMonth.get(m) ?? figuresOf(undefined)) })),
        totals('month'),
      ),
    ],
  };
};

/** Names of the users, teams or campaigns behind a grouping's ids. */
async function names(
  ctx: Parameters<ReportBuilder>[0],
  accountId: number,
  t: typeof users | typeof teams | typeof campaigns,
  ids: number[],
): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await ctx.db
    .select({ id: t.id, name: t.name })
    .from(t)
    .where(and(inArray(t.id, ids), eq(t.accountId, accountId)));
  return new Map(rows.map((r) => [Number(r.id), r.name]));
}
