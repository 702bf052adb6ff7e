// Protocol compliance (issue 16, report 6): % of the required steps done, per template, per step and per
// agent. It counts the range's contacts (registeredSql) that are resolved and follow a protocol, each
// against its template's required steps as the account has it now. A step applies unless the hub skipped
// it because it must not run there (stepNotApplicableSql: a public post, turned off for the inbox, a
// machine on the other side); done = its status is done; compliance = done ÷ applicable × 100; missed =
// applicable − done (an agent's skip is missed), which the drill-down step_missed lists. An agent's row
// counts the conversations they hold or held, as the agent filter keeps them.
import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '#server/db/client.ts';
import { conversationSteps, conversations, inboxes } from '#server/db/schema.ts';
import type { ProtocolTemplate } from '#shared/protocol.schema.ts';
import { accountTemplates } from './account-templates.ts';
import {
  note,
  percent,
  protocolSql,
  registeredSql,
  resolvedSql,
  stepNotApplicableSql,
} from './definitions.ts';
import { type ReportFrame, scopeSql } from './frame.ts';
import { perAgent } from './per-agent.ts';
import { type Cell, column, num, type ReportBuilder, row, table } from './table.ts';

type Required = { protocol: string; key: string; title: string };
type Figures = { conversations: number; applicable: number; done: number };
type Group = Figures & {
  g_protocol: number;
  g_step: number;
  protocol: string | null;
  step_key: string | null;
};

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
  const required = templates.flatMap((t) =>
    t.steps.filter((s) => s.required).map((s) => ({ protocol: t.protocol, key: s.key, title: s.title })),
  );
  const [groups, agents] = required.length
    ? await Promise.all([complianceGroups(ctx.db, f, required), agentFigures(ctx.db, f, required)])
    : [[], []];
  const all = groups.find((g) => Number(g.g_protocol) === 1 && Number(g.g_step) === 1);
  const perTemplate = new Map(
    groups.filter((g) => Number(g.g_protocol) === 0 && Number(g.g_step) === 1).map((g) => [g.protocol, g]),
  );
  const perStep = new Map(
    groups.filter((g) => Number(g.g_step) === 0).map((g) => [`${g.protocol}.${g.step_key}`, g]),
  );
  const inUse = templates.filter((t) => perTemplate.has(t.protocol));
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
        row('total', { protocol: null, template: null, requiredSteps: null, ...cellsOf(all) }),
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
                ...cellsOf(perStep.get(`${r.protocol}.${r.key}`)),
              },
              { protocol: r.protocol, step: r.key },
            ),
          ),
        ),
        row('total', { protocol: null, step: null, title: null, ...cellsOf(all) }),
      ),
      table(
        'byAgent',
        'By agent',
        [column('agent', 'Agent', 'text'), ...figureColumns],
        agents.map((a) =>
          row(String(a.agent_id), { agent: a.name, ...cellsOf(a) }, { agentId: String(a.agent_id) }),
        ),
        row('total', { agent: null, ...cellsOf(all) }),
      ),
    ],
  };
};

/** One row per resolved contact of a protocol and required step of its template: done, or not applying. */
function stepRowsSql(db: Db, f: ReportFrame, required: Required[]) {
  const contacts = db
    .select({
      id: sql<number>`${conversations.id}`.as('id'),
      assigneeId: sql<number | null>`${conversations.assigneeId}`.as('assignee_id'),
      protocol: sql<string>`${protocolSql()}`.as('protocol'),
    })
    .from(conversations)
    .innerJoin(inboxes, sql`${inboxes.id} = ${conversations.inboxId}`)
    .where(sql`${scopeSql(f)} and ${registeredSql(f)} and ${resolvedSql} and ${protocolSql()} is not null`)
    .as('t');
  const steps = sql.join(
    required.map((r) => sql`(${r.protocol}::text, ${r.key}::text)`),
    sql`, `,
  );
  return sql`(select t.id, t.assignee_id, t.protocol, req.step_key,
      coalesce(${conversationSteps.status} = 'done', false) as done,
      coalesce(${stepNotApplicableSql}, false) as na
    from ${contacts}
    join (values ${steps}) as req (protocol, step_key) on req.protocol = t.protocol
    left join ${conversationSteps} on ${conversationSteps.conversationId} = t.id
      and ${conversationSteps.stepKey} = req.step_key) x`;
}

const figuresSql = sql`count(distinct x.id)::int as conversations,
  count(*) filter (where not x.na)::int as applicable, count(*) filter (where x.done)::int as done`;

async function complianceGroups(db: Db, f: ReportFrame, required: Required[]) {
  const r = await db.execute(sql`
    select grouping(x.protocol) as g_protocol, grouping(x.step_key) as g_step, x.protocol, x.step_key,
      ${figuresSql}
    from ${stepRowsSql(db, f, required)}
    group by grouping sets ((x.protocol), (x.protocol, x.step_key), ())`);
  return rowsOf<Group>(r);
}

/** Per agent who holds or held the conversation; with an agent filter, that agent's row only. */
async function agentFigures(db: Db, f: ReportFrame, required: Required[]) {
  return perAgent<Figures>(db, f, stepRowsSql(db, f, required), 'x', figuresSql, 'conversations');
}
