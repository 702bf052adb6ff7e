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
import { AppError } from '#server/errors.ts';
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
  const { all, agents: byAgent } = required.length
    ? await counts(ctx.db, f, required)
    : { all: [], agents: new Map<number, Figures>() };
  const total = figuresOf(all, required, () => true);
  const perTemplate = new Map(
    templates.map((t) => [t.protocol, figuresOf(all, required, (r) => r.protocol === t.protocol)]),
  );
  const stepFigures = (r: Required) =>
    figuresOf(all, required, (x) => x.protocol === r.protocol && x.key === r.key);
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

/** Each agent's compliance, as this report's by-agent table gives it, keyed by agent id (the agents report). */
export async function agentCompliance(
  ctx: Parameters<ReportBuilder>[0],
  f: ReportFrame,
): Promise<Map<string, Record<string, Cell>>> {
  const required = requiredSteps(await accountTemplates(ctx.db, f.accountId));
  if (!required.length) return new Map();
  const { agents: figures } = await counts(ctx.db, f, required);
  return new Map([...figures].map(([id, g]) => [String(id), cellsOf(g)]));
}

/** The resolved contacts of the range with their protocol (null: none) and checklist in brief. */
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
    .where(sql`${scopeSql(f)} and ${registeredSql(f)} and ${resolvedSql}`);
}

/** A template's required steps are one bit each of a bigint mask (see counts). */
const MAX_REQUIRED_STEPS = 62;

/**
 * The range's counts against the required steps. `all`: per protocol its contacts, and per required step
 * the contacts that did it and those it did not apply to (agent 0 stands for everyone). `agents`: each
 * agent's totals. Each contact's checklist in brief becomes two bit masks over its template's required
 * steps (done, not applicable); one statement groups the contacts by protocol and masks (the steps'
 * counts are read off the bits here) and, for the agents, sums the masks' bits per agent.
 */
async function counts(
  db: Db,
  f: ReportFrame,
  required: Required[],
): Promise<{ all: Count[]; agents: Map<number, Figures> }> {
  const protocols = [...new Set(required.map((r) => r.protocol))];
  const keysOf = (p: string) => required.filter((r) => r.protocol === p).map((r) => r.key);
  for (const p of protocols)
    if (keysOf(p).length > MAX_REQUIRED_STEPS)
      throw new AppError(
        'validation_failed',
        `the ${p} template has more than ${MAX_REQUIRED_STEPS} required steps; the compliance report counts up to that many`,
      );
  const mask = (arr: 'done' | 'na') =>
    sql`case m.protocol ${sql.join(
      protocols.map(
        (p) =>
          sql`when ${p}::text then ${sql.join(
            keysOf(p).map(
              (k, bit) =>
                sql`(case when ${k}::text = any(m.${sql.raw(arr)}) then ${2 ** bit}::bigint else 0 end)`,
            ),
            sql` + `,
          )}`,
      ),
      sql` `,
    )} else 0 end`;
  const size = sql`case x.protocol ${sql.join(
    protocols.map((p) => sql`when ${p}::text then ${keysOf(p).length}::int`),
    sql` `,
  )} else 0 end`;
  const bits = (col: string) => sql`bit_count(${sql.raw(col)}::bit(64))`;
  const only = f.filters.agentId !== undefined ? sql`x.agent_id = ${f.filters.agentId}` : sql`true`;
  // A contact is one row per agent it belongs to (one row, agent null, when nobody held it); the whole
  // range counts each contact's first row only.
  const r = await db.execute(sql`
    with m as materialized (
      select m.protocol, m.agents, ${mask('done')} as dmask, ${mask('na')} as nmask
      from (${contactsSql(db, f)}) m
      where m.protocol in (${sql.join(
        protocols.map((p) => sql`${p}::text`),
        sql`, `,
      )})),
    x as (
      select a.agent_id, a.ord, m.protocol, m.dmask, m.nmask
      from m cross join lateral unnest(case when cardinality(m.agents) = 0 then array[null::bigint] else m.agents end)
        with ordinality as a (agent_id, ord))
    select grouping(x.agent_id) as g_agent, x.agent_id, x.protocol, x.dmask, x.nmask,
      count(*) filter (where x.ord = 1)::int as contacts,
      count(*) filter (where ${only})::int as conversations,
      sum(${size} - ${bits('x.nmask')}) filter (where ${only})::int as applicable,
      sum(${bits('x.dmask')}) filter (where ${only})::int as done
    from x
    group by grouping sets ((x.protocol, x.dmask, x.nmask), (x.agent_id))`);
  type Row = {
    g_agent: number;
    agent_id: number | null;
    protocol: string | null;
    dmask: string | number | null;
    nmask: string | number | null;
    contacts: number;
    conversations: number;
    applicable: number | null;
    done: number | null;
  };
  const rows = rowsOf<Row>(r);
  const perProtocol = new Map<string, number>();
  const perStep = new Map<string, { done: number; na: number }>();
  for (const row of rows.filter((x) => Number(x.g_agent) === 1)) {
    const p = String(row.protocol);
    const n = Number(row.contacts);
    perProtocol.set(p, (perProtocol.get(p) ?? 0) + n);
    const d = BigInt(row.dmask ?? 0);
    const na = BigInt(row.nmask ?? 0);
    keysOf(p).forEach((k, bit) => {
      const s = perStep.get(`${p}.${k}`) ?? { done: 0, na: 0 };
      if ((d >> BigInt(bit)) & 1n) s.done += n;
      if ((na >> BigInt(bit)) & 1n) s.na += n;
      perStep.set(`${p}.${k}`, s);
    });
  }
  const all: Count[] = [
    ...protocols.map((p) => ({
      agent_id: 0,
      protocol: p,
      step_key: null,
      contacts: perProtocol.get(p) ?? 0,
      done: 0,
      na: 0,
    })),
    ...required.map((x) => ({
      agent_id: 0,
      protocol: x.protocol,
      step_key: x.key,
      contacts: 0,
      done: perStep.get(`${x.protocol}.${x.key}`)?.done ?? 0,
      na: perStep.get(`${x.protocol}.${x.key}`)?.na ?? 0,
    })),
  ];
  const agents = new Map<number, Figures>();
  for (const row of rows)
    if (Number(row.g_agent) === 0 && row.agent_id !== null && Number(row.conversations) > 0)
      agents.set(Number(row.agent_id), {
        conversations: Number(row.conversations),
        applicable: Number(row.applicable ?? 0),
        done: Number(row.done ?? 0),
      });
  return { all, agents };
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
