// Protocol compliance (issue 16, report 6): % of the required steps done, per template, per step and per
// agent. It counts the range's contacts (registeredSql) that are resolved and follow a protocol, each
// against its template's required steps as the account has it now. A step applies unless the hub skipped
// it because it must not run there (notApplicableReasons: a public post, turned off for the inbox, a
// machine on the other side); done = its status is done; compliance = done ÷ applicable × 100; missed =
// applicable − done (an agent's skip is missed), which the drill-down step_missed lists. An agent's row
// counts the conversations they hold or held, as the agent filter keeps them. Read from each contact's
// checklist in brief (conversations.steps_done / steps_not_applicable), not from its step rows.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '#server/db/client.ts';
import { conversations, inboxes, users } from '#server/db/schema.ts';
import type { ProtocolTemplate } from '#shared/protocol.schema.ts';
import { accountTemplates } from './account-templates.ts';
import { note, percent, protocolSql, registeredSql, resolvedSql } from './definitions.ts';
import { agentsSql, type ReportFrame, scopeSql } from './frame.ts';
import { type Cell, column, num, type ReportBuilder, row, table } from './table.ts';

type Required = { protocol: string; key: string; title: string };
type Figures = { conversations: number; applicable: number; done: number };

const cellsOf = (g: Figures | undefined): Record<string, Cell> => {
  const applicable = num(g?.applicable) ?? 0;
  const done = num(g?.done) ?? 0;
  return {
    conversations: num(g?.conversations) ?? 0,
    applicable,
    done,
    missed: applicable - done,
    compliance: percent(done, applicable),
  };
};

const figureColumns = [
  column('conversations', 'Conversations', 'count'),
  column('applicable', 'Steps that applied', 'count'),
  column('done', 'Done', 'count'),
  column('missed', 'Missed', 'count'),
  column('compliance', 'Compliance', 'percent'),
];

export const complianceReport: ReportBuilder = async (ctx, f) => {
  const templates = await accountTemplates(ctx.db, f.accountId);
  const required = requiredSteps(templates);
  const [all, perAgentCounts] = required.length
    ? await Promise.all([counts(ctx.db, f, false), counts(ctx.db, f, true)])
    : [[], []];
  const total = figuresOf(all, required, () => true);
  const perTemplate = new Map(
    templates.map((t) => [t.protocol, figuresOf(all, required, (r) => r.protocol === t.protocol)]),
  );
  const stepFigures = (r: Required) =>
    figuresOf(all, required, (x) => x.protocol === r.protocol && x.key === r.key);
  const byAgent = perAgent(perAgentCounts, required);
  const agentIds = [...byAgent.keys()];
  const names = agentIds.length
    ? new Map(
        (
          await ctx.db
            .select({ id: users.id, name: users.name })
            .from(users)
            .where(and(eq(users.accountId, f.accountId), inArray(users.id, agentIds)))
        ).map((u) => [u.id, u.name]),
      )
    : new Map<number, string>();
  const agents = agentIds
    .flatMap((id) => {
      const name = names.get(id);
      return name === undefined ? [] : [{ agent_id: id, name, ...byAgent.get(id)! }];
    })
    .sort((a, b) => b.conversations - a.conversations || a.name.localeCompare(b.name));
  const inUse = templates.filter((t) => (perTemplate.get(t.protocol)?.conversations ?? 0) > 0);
  const requiredOf = (t: ProtocolTemplate) => required.filter((r) => r.protocol === t.protocol);

  return {
    counting: [note('registered'), note('compliance'), note('perAgent')],
    tables: [
      table(
        'byTemplate',
        'By template',
        [
          column('protocol', 'Protocol', 'text'),
          column('template', 'Template', 'text'),
          column('requiredSteps', 'Required steps', 'count'),
          ...figureColumns,
        ],
        inUse.map((t) =>
          row(t.protocol, {
            protocol: t.protocol,
            template: t.name,
            requiredSteps: requiredOf(t).length,
            ...cellsOf(perTemplate.get(t.protocol)),
          }),
        ),
        row('total', { protocol: null, template: null, requiredSteps: null, ...cellsOf(total) }),
      ),
      table(
        'byStep',
        'By step',
        [
          column('protocol', 'Protocol', 'text'),
          column('step', 'Step', 'text'),
          column('title', 'Title', 'text'),
          column('conversations', 'Conversations', 'count'),
          column('applicable', 'Applied', 'count'),
          column('done', 'Done', 'count'),
          column('missed', 'Missed', 'count', 'step_missed'),
          column('compliance', 'Compliance', 'percent'),
        ],
        inUse.flatMap((t) =>
          requiredOf(t).map((r) =>
            row(
              `${r.protocol}.${r.key}`,
              {
                protocol: r.protocol,
                step: r.key,
                title: r.title,
                ...cellsOf(stepFigures(r)),
              },
              { protocol: r.protocol, step: r.key },
            ),
          ),
        ),
        row('total', { protocol: null, step: null, title: null, ...cellsOf(total) }),
      ),
      table(
        'byAgent',
        'By agent',
        [column('agent', 'Agent', 'text'), ...figureColumns],
        agents.map((a) =>
          row(String(a.agent_id), { agent: a.name, ...cellsOf(a) }, { agentId: String(a.agent_id) }),
        ),
        row('total', { agent: null, ...cellsOf(total) }),
      ),
    ],
  };
};

/** The required steps of the account's templates. */
function requiredSteps(templates: ProtocolTemplate[]): Required[] {
  return templates.flatMap((t) =>
    t.steps.filter((s) => s.required).map((s) => ({ protocol: t.protocol, key: s.key, title: s.title })),
  );
}

/** Each agent's figures from the by-agent counts (agents with no conversation of a protocol left out). */
function perAgent(rows: Count[], required: Required[]): Map<number, Figures> {
  const out = new Map<number, Figures>();
  for (const id of new Set(rows.map((c) => c.agent_id))) {
    const figures = figuresOf(
      rows.filter((c) => c.agent_id === id),
      required,
      () => true,
    );
    if (figures.conversations > 0) out.set(id, figures);
  }
  return out;
}

/** Each agent's compliance, as this report's by-agent table gives it, keyed by agent id (the agents report). */
export async function agentCompliance(
  ctx: Parameters<ReportBuilder>[0],
  f: ReportFrame,
): Promise<Map<string, Record<string, Cell>>> {
  const required = requiredSteps(await accountTemplates(ctx.db, f.accountId));
  if (!required.length) return new Map();
  const figures = perAgent(await counts(ctx.db, f, true), required);
  return new Map([...figures].map(([id, g]) => [String(id), cellsOf(g)]));
}

/** The resolved contacts of the range that follow a protocol, with their checklist in brief. */
function contactsSql(db: Db, f: ReportFrame) {
  return db
    .select({
      id: sql<number>`${conversations.id}`.as('id'),
      protocol: sql<string>`${protocolSql()}`.as('protocol'),
      done: sql<string[]>`${conversations.stepsDone}`.as('done'),
      na: sql<string[]>`${conversations.stepsNotApplicable}`.as('na'),
      agents: sql<number[]>`${agentsSql}`.as('agents'),
    })
    .from(conversations)
    .innerJoin(inboxes, sql`${inboxes.id} = ${conversations.inboxId}`)
    .where(sql`${scopeSql(f)} and ${registeredSql(f)} and ${resolvedSql} and ${protocolSql()} is not null`);
}

/**
 * Counts by (group, protocol, step): the contacts of each protocol (step null), and per step key the
 * contacts that did it and those it did not apply to. Which steps are required is applied here, so the
 * database only counts the keys of each contact's brief.
 */
async function counts(db: Db, f: ReportFrame, byAgent: boolean): Promise<Count[]> {
  const agent = byAgent ? sql`a.agent_id` : sql`0`;
  const join = byAgent ? sql`cross join lateral unnest(t.agents) as a (agent_id)` : sql``;
  const only =
    byAgent && f.filters.agentId !== undefined ? sql`where a.agent_id = ${f.filters.agentId}` : sql``;
  const r = await db.execute(sql`
    with t as materialized (select ${agent} as agent_id, t.id, t.protocol, t.done, t.na from (${contactsSql(db, f)}) t ${join} ${only})
    select agent_id, protocol, null as step_key, count(*)::int as contacts, 0 as done, 0 as na
      from t group by agent_id, protocol
    union all
    select agent_id, protocol, k, 0, count(*) filter (where is_done)::int, count(*) filter (where not is_done)::int
      from (select agent_id, protocol, unnest(done) as k, true as is_done from t
            union all select agent_id, protocol, unnest(na), false from t) s
      group by agent_id, protocol, k`);
  return rowsOf<Count>(r).map((c) => ({
    agent_id: Number(c.agent_id),
    protocol: c.protocol,
    step_key: c.step_key,
    contacts: Number(c.contacts),
    done: Number(c.done),
    na: Number(c.na),
  }));
}

type Count = {
  agent_id: number;
  protocol: string;
  step_key: string | null;
  contacts: number;
  done: number;
  na: number;
};

/** The figures of a set of counts against the required steps: one protocol's step, a protocol, or all. */
function figuresOf(rows: Count[], required: Required[], where: (r: Required) => boolean): Figures {
  const contacts = new Map<string, number>();
  const step = new Map<string, Count>();
  for (const c of rows) {
    if (c.step_key === null) contacts.set(c.protocol, (contacts.get(c.protocol) ?? 0) + c.contacts);
    else step.set(`${c.protocol}.${c.step_key}`, c);
  }
  const out: Figures = { conversations: 0, applicable: 0, done: 0 };
  const protocols = new Set<string>();
  for (const r of required.filter(where)) {
    const n = contacts.get(r.protocol) ?? 0;
    const s = step.get(`${r.protocol}.${r.key}`);
    if (n) protocols.add(r.protocol);
    out.applicable += n - (s?.na ?? 0);
    out.done += s?.done ?? 0;
  }
  for (const p of protocols) out.conversations += contacts.get(p) ?? 0;
  return out;
}
