// The reports benchmark's data (bench/reports.ts): one account's year of contact-centre work written
// straight into the database with INSERT … SELECT generate_series, as the hub would have written it over
// the year — rows in time order (ids and heap order follow time, so the messages' BRIN index works as in
// production), every column the reports read filled as the hub fills it, and the tables' indexes built
// after the load (as pg_restore does), so the planner sees the same shapes and sizes. Triggers and
// foreign-key checks are off for the load (session_replication_role = replica): the holds the
// conversation_holds_follow trigger would add are written here, with their real times.
import { performance } from 'node:perf_hooks';
import { seededTemplates } from '#server/protocol/seeded-templates.ts';
import { notApplicableReasons } from '#server/reports/definitions.ts';
import type { Run } from './lib.ts';

export type SeedShape = {
  conversations: number;
  messages: number;
  contacts: number;
  /** The local day after the last seeded day; the year is the 365 days before it. */
  end: string;
  timeZone: string;
};

type Rows = { rows: Record<string, unknown>[] };
const DAYS = 365;
const AGENTS_PER_TEAM = 10;
const teamNames = ['Chat A', 'Chat B', 'Social', 'Email', 'Back office', 'VIP'];
// ix: 1 webchat, 2 whatsapp, 3 facebook, 4 email, 5 api (the share of contacts each takes is in `bc`).
const inboxSpecs = [
  { ix: 1, channel: 'webchat', name: 'Web chat', protocol: 'chat', target: 20 },
  { ix: 2, channel: 'whatsapp', name: 'WhatsApp', protocol: 'social', target: 60 },
  { ix: 3, channel: 'facebook', name: 'Facebook Page', protocol: 'social', target: 300 },
  { ix: 4, channel: 'email', name: 'Atención por e-mail', protocol: 'email', target: 14_400 },
  { ix: 5, channel: 'api', name: 'Partner API', protocol: null, target: null },
] as const;
const seededTables = [
  'contacts',
  'conversations',
  'messages',
  'conversation_events',
  'conversation_holds',
  'conversation_ratings',
  'conversation_steps',
  'presence_sessions',
];

/** Business hours the account keeps (attendance's shifts); presence sessions follow them. */
export const benchHours = (timeZone: string) => ({
  timezone: timeZone,
  week: [1, 2, 3, 4, 5]
    .map((day) => ({ day, from: '08:00', to: '17:00' }))
    .concat([{ day: 6, from: '09:00', to: '13:00' }]),
});

export function startOf(shape: SeedShape): string {
  return new Date(Date.parse(`${shape.end}T00:00:00Z`) - DAYS * 86_400_000).toISOString().slice(0, 10);
}

export async function seedReportData(
  run: Run,
  accountId: number,
  shape: SeedShape,
  log: (line: string) => void,
): Promise<void> {
  const q = async (text: string) => (await run(text, [])) as Rows;
  const step = async (label: string, ...texts: string[]) => {
    const t0 = performance.now();
    for (const t of texts) await q(t);
    log(`  ${label}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  };
  const A = accountId;
  const TZ = shape.timeZone;
  const START = startOf(shape);
  const END = shape.end;
  const endAt = `(timestamp '${END}' at time zone '${TZ}')`;
  const N = shape.conversations;
  const unanswered = 0.11;
  // Messages per answered conversation, so that the total comes near the asked number.
  const perAnswered = (shape.messages / N - unanswered * 1.5) / (1 - unanswered);
  const spread = Math.max(1, 2 * perAnswered - 3);

  await q('set session_replication_role = replica');
  await q(`set work_mem = '256MB'`);
  await q(`set maintenance_work_mem = '1GB'`);
  await q('set synchronous_commit = off');
  const indexes = (
    await q(
      `select indexname, indexdef from pg_indexes where schemaname = 'public' and tablename in (${seededTables.map((t) => `'${t}'`).join(', ')}) and indexname not in (select conname from pg_constraint)`,
    )
  ).rows as { indexname: string; indexdef: string }[];
  for (const i of indexes) await q(`drop index ${i.indexname}`);

  await step(
    'teams, agents, inboxes',
    `insert into teams (account_id, name) select ${A}, n from unnest(array[${teamNames.map((n) => `'${n}'`).join(', ')}]) n`,
    `create temp table bench_team as select row_number() over (order by id) as ix, id from teams where account_id = ${A}`,
    `insert into users (account_id, name, email, password_hash, role, presence, created_at)
      select ${A}, 'Agent ' || lpad(g::text, 2, '0'), 'agent' || g || '@bench.test', 'x', 'agent', 'offline',
        timestamp '${START}' - interval '30 days'
      from generate_series(1, ${teamNames.length * AGENTS_PER_TEAM}) g`,
    `create temp table bench_agent as select (row_number() over (order by id)) - 1 as ix, id,
      ((row_number() over (order by id)) - 1) / ${AGENTS_PER_TEAM} + 1 as team_ix
      from users where account_id = ${A} and role = 'agent'`,
    `insert into team_members (account_id, team_id, user_id) select ${A}, t.id, a.id from bench_agent a join bench_team t on t.ix = a.team_ix`,
    `insert into inboxes (account_id, name, channel, config_encrypted, token, health, settings)
      select ${A}, v.name, v.channel, 'bench: no connection', 'bench-' || v.channel || '-' || ${A}, 'failed', '{}'
      from (values ${inboxSpecs.map((s) => `(${s.ix}, '${s.channel}', '${s.name}')`).join(', ')}) v (ix, channel, name) order by v.ix`,
    `create temp table bench_inbox as select v.ix, i.id, v.protocol from inboxes i join (values ${inboxSpecs
      .map((s) => `(${s.ix}, '${s.channel}', ${s.protocol ? `'${s.protocol}'` : 'null'})`)
      .join(', ')}) v (ix, channel, protocol) on v.channel = i.channel where i.account_id = ${A}`,
  );
  const ct0 = Number((await q('select coalesce(max(id), 0) as m from contacts')).rows[0].m);
  await step(
    `contacts (${shape.contacts.toLocaleString('en')})`,
    `insert into contacts (id, account_id, name, email, phone, created_at, updated_at) overriding system value
      select ${ct0} + g, ${A}, 'Cliente ' || g, case when g % 3 = 0 then 'cliente' || g || '@mail.test' end,
        '+5917' || lpad((g % 10000000)::text, 7, '0'),
        timestamp '${START}' - interval '400 days' + g * interval '1 minute', timestamp '${START}'
      from generate_series(1, ${shape.contacts}) g`,
  );

  // Raw draws, one row per contact, in time order; the day profile: weekdays full, Saturday 70 %,
  // Sunday 45 %, a slow growth over the year; the hour profile peaks mid-afternoon, little at night.
  await step(
    `conversations (${N.toLocaleString('en')}): draws`,
    `create temp table bc as
      with days as (
        select d, date '${START}' + d as day,
          (case extract(isodow from date '${START}' + d) when 7 then 0.45 when 6 then 0.7 else 1.0 end)
            * (0.85 + 0.3 * d / ${DAYS}.0) as w
        from generate_series(0, ${DAYS - 1}) d),
      per_day as (select day, round(${N} * w / sum(w) over ())::int as n from days),
      raw as (
        select day + make_interval(secs => (case when random() < 0.87 then 7.5 + 7.5 * (random() + random())
          else 24 * random() end) * 3600) as local_t
        from per_day cross join lateral generate_series(1, per_day.n))
      select row_number() over (order by local_t) as n, (local_t at time zone '${TZ}') as t0,
        random() ri, random() ra, random() rf, random() rf2, random() rid, random() rr, random() rt,
        random() rag, random() rag2, random() rtr, random() rasg, random() rm, random() rrate,
        random() rrating, random() rreo, random() rcon, random() rst, random() rcomment
      from raw`,
  );
  await step(
    'conversations: shape',
    `create temp table bconv as
      select c.*, case when answered then frs + make_interval(secs => fr_s) end as fa,
        case when assigned then frs + make_interval(secs => least(coalesce(fr_s, 40), 600) * 0.3) end as assigned_at
      from (
        select b.*, t0 + make_interval(secs => ident_s) as frs,
          n < ${Math.round(N * 0.15)} as before_met
        from (
          select n, t0, ix, rm, rrate, rrating, rreo, rcon, rst, rcomment, rtr,
            case ix when 1 then 20 + rid * 100 else 0 end as ident_s,
            answered, answered or rasg < 0.4 as assigned,
            case when answered then -ln(1 - rf2) * (case ix
              when 1 then (case when rf < 0.7 then 10 when rf < 0.95 then 60 else 600 end)
              when 3 then (case when rf < 0.7 then 90 when rf < 0.95 then 600 else 7200 end)
              when 4 then (case when rf < 0.7 then 1800 when rf < 0.95 then 14400 else 86400 end)
              else (case when rf < 0.7 then 30 when rf < 0.95 then 240 else 3600 end) end) end as fr_s,
            case ix when 1 then 120 - ln(1 - rr) * 600 when 4 then 3600 - ln(1 - rr) * 86400
              else 300 - ln(1 - rr) * 3600 end as res_s,
            10 - ln(1 - rr) * 180 as leave_s,
            case ix when 1 then 1 + (rt < 0.5)::int when 2 then 2 + (rt < 0.5)::int when 3 then 3
              when 4 then 4 else 5 + (rt < 0.5)::int end as team_ix,
            floor(rag * ${AGENTS_PER_TEAM})::int as a1, (floor(rag * ${AGENTS_PER_TEAM})::int + 1 + floor(rag2 * ${AGENTS_PER_TEAM - 1})::int) % ${AGENTS_PER_TEAM} as a2
          from (
            select *, case when ri < 0.40 then 1 when ri < 0.70 then 2 when ri < 0.80 then 3 when ri < 0.92 then 4 else 5 end as ix,
              ra < ${1 - unanswered} as answered
            from bc) x) b) c`,
    `alter table bconv add column res timestamptz, add column status text, add column transfer_at timestamptz,
      add column nmsg int, add column cid bigint, add column rated boolean, add column reopened boolean`,
    `update bconv set
      res = case when answered then fa + make_interval(secs => res_s) else frs + make_interval(secs => leave_s) end,
      nmsg = case when answered then 2 + floor(rm * ${spread})::int else 1 + (rm < 0.5)::int end,
      cid = n`,
    `update bconv set status = case when res >= ${endAt} or rst < 0.002 then (case when rst < 0.3 then 'pending' else 'open' end) else 'resolved' end`,
    `update bconv set transfer_at = case when assigned and rtr < 0.1 and answered then assigned_at + (coalesce(case when status = 'resolved' then res end, ${endAt}) - assigned_at) / 2 end,
      rated = status = 'resolved' and answered and rrate < 0.22, reopened = status = 'resolved' and rreo < 0.04`,
  );
  const c0 = Number((await q('select coalesce(max(id), 0) as m from conversations')).rows[0].m);
  const targetCase = `case b.ix ${inboxSpecs.flatMap((s) => (s.target ? [`when ${s.ix} then ${s.target}`] : [])).join(' ')} end`;
  await step(
    'conversations: insert',
    `update bconv set cid = ${c0} + n`,
    `insert into conversations (id, account_id, inbox_id, contact_id, thread_key, subject, status, priority, category,
        assignee_id, team_id, queued_at, assigned_at, language, waiting_since, last_agent_reply_at,
        first_response_started_at, first_response_met, first_response_due_at, first_customer_message_at,
        first_agent_reply_at, first_responder_id, last_customer_message_at, last_activity_at, resolved_at, meta,
        held_by, created_at, updated_at)
      overriding system value
      select b.cid, ${A}, i.id, ${ct0} + 1 + floor(b.rcon * ${shape.contacts})::int, 'bench:' || b.n,
        case when b.ix = 4 then 'Consulta ' || b.n end, b.status, 'normal',
        case when b.ix = 4 then (array['petition', 'complaint', 'claim', 'suggestion'])[1 + (b.n % 4)::int] end,
        case when b.assigned then coalesce(case when b.transfer_at is not null then g2.id end, g1.id) end, t.id,
        b.frs, b.assigned_at, 'es', case when b.status <> 'resolved' and not b.answered then b.t0 end,
        b.fa, b.frs,
        case when b.answered and not b.before_met and ${targetCase} is not null then b.fr_s <= ${targetCase} end,
        b.frs + make_interval(secs => ${targetCase}), b.t0, b.fa,
        -- The first reply's sender, as the messages below make it (message 2).
        case when b.answered then (case when b.transfer_at is not null and 2 > b.nmsg / 2 then g2.id else g1.id end) end,
        case when b.answered then b.fa + (least(b.res, ${endAt}) - b.fa) * 0.8 else b.t0 end,
        least(b.res, ${endAt}), case when b.status = 'resolved' then b.res end,
        case when i.protocol is null then '{"protocol": null}'::jsonb else jsonb_build_object('protocol', i.protocol) end,
        -- Who held it, as the holds below (and the conversation_held_by trigger) make it.
        case when b.assigned then array[g1.id] else '{}'::bigint[] end
          || case when b.transfer_at is not null and g2.id <> g1.id then array[g2.id] else '{}'::bigint[] end,
        b.t0, least(b.res, ${endAt})
      from bconv b join bench_inbox i on i.ix = b.ix join bench_team t on t.ix = b.team_ix
        join bench_agent g1 on g1.team_ix = b.team_ix and g1.ix % ${AGENTS_PER_TEAM} = b.a1
        join bench_agent g2 on g2.team_ix = b.team_ix and g2.ix % ${AGENTS_PER_TEAM} = b.a2
      order by b.n`,
    `create temp table bench_steps as select * from (values ${Object.values(seededTemplates)
      .flatMap((t) =>
        t.steps
          .filter((s) => s.required)
          .map((s) => `('${t.protocol}', '${s.key}', ${s.kind === 'automatic'})`),
      )
      .join(', ')}) v (protocol, step_key, automatic)`,
  );

  // Month by month (of the first message): messages, events, holds, ratings and steps, each in time order.
  const months: [string, string][] = [];
  for (let d = new Date(`${START}T00:00:00Z`); d < new Date(`${END}T00:00:00Z`); ) {
    const next = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
    const to = next < new Date(`${END}T00:00:00Z`) ? next : new Date(`${END}T00:00:00Z`);
    months.push([d.toISOString().slice(0, 10), to.toISOString().slice(0, 10)]);
    d = to;
  }
  const texts = [
    'Hola, no tengo internet desde ayer',
    'Buenas tardes, quiero consultar mi saldo',
    'Gracias por comunicarse, ¿me confirma su número de servicio?',
    'Mi factura llegó con un monto incorrecto',
    'Ya reinicié el router y sigue igual',
    'Le ayudo con la portabilidad de su línea',
    'Quisiera cambiar mi plan de datos',
    'Su solicitud fue registrada con el número 40123',
    'Perfecto, muchas gracias',
    'La recarga no se acreditó',
    'Un técnico lo visitará mañana por la mañana',
    '¿Hay algo más en lo que pueda ayudarle?',
  ];
  const textArr = `(array[${texts.map((t) => `'${t}'`).join(', ')}])`;
  const mt = { messages: 0, other: 0 };
  for (const [from, to] of months) {
    const inMonth = `b.t0 >= (timestamp '${from}' at time zone '${TZ}') and b.t0 < (timestamp '${to}' at time zone '${TZ}')`;
    const m0 = Number((await q('select coalesce(max(id), 0) as m from messages')).rows[0].m);
    const at = (k: string) =>
      `case when not b.answered then b.t0 + (${k} - 1) * interval '20 seconds' when ${k} = 1 then b.t0 when ${k} = 2 then b.fa
        else b.fa + (least(b.res, ${endAt}) - b.fa) * ((${k} - 2)::float8 / (b.nmsg - 1)) end`;
    let t0 = performance.now();
    await q(`insert into messages (id, account_id, conversation_id, inbox_id, direction, sender_type, sender_id, text,
        private, status, attempts, waited_since, created_at, sent_at)
      overriding system value
      select ${m0} + row_number() over (order by s.at, s.cid, s.k), ${A}, s.cid, s.inbox_id, s.dir,
        case s.dir when 'in' then 'contact' else 'agent' end, case s.dir when 'out' then s.agent end,
        ${textArr}[1 + ((s.cid + s.k) % ${texts.length})::int], s.private,
        case s.dir when 'in' then 'received' when 'out' then (case when s.private then 'sent' else 'read' end) end,
        (s.dir = 'out')::int, case when s.dir = 'out' and not s.private then s.prev end, s.at,
        case s.dir when 'out' then s.at + interval '300 milliseconds' end
      from (
        select b.cid, i.id as inbox_id, k, ${at('k')} as at, case when k > 1 then ${at('(k - 1)')} end as prev,
          case when not b.answered or k % 2 = 1 then 'in' else 'out' end as dir,
          case when b.transfer_at is not null and k > b.nmsg / 2 then g2.id else g1.id end as agent,
          k > 2 and (b.cid * 31 + k) % 29 = 0 as private
        from bconv b join bench_inbox i on i.ix = b.ix
          join bench_agent g1 on g1.team_ix = b.team_ix and g1.ix % ${AGENTS_PER_TEAM} = b.a1
          join bench_agent g2 on g2.team_ix = b.team_ix and g2.ix % ${AGENTS_PER_TEAM} = b.a2
          cross join lateral generate_series(1, b.nmsg) k
        where ${inMonth}) s
      order by s.at, s.cid, s.k`);
    mt.messages += performance.now() - t0;
    t0 = performance.now();
    const agentJoin = `join bench_agent g1 on g1.team_ix = b.team_ix and g1.ix % ${AGENTS_PER_TEAM} = b.a1
      join bench_agent g2 on g2.team_ix = b.team_ix and g2.ix % ${AGENTS_PER_TEAM} = b.a2`;
    await q(`insert into conversation_events (account_id, conversation_id, type, actor_type, actor_id, data, created_at)
      select ${A}, e.cid, e.type, e.actor_type, e.actor_id, e.data, e.at from (
        select b.cid, 'conversation.created' as type, 'channel' as actor_type, null::bigint as actor_id, '{}'::jsonb as data, b.t0 as at from bconv b where ${inMonth}
        union all select b.cid, 'conversation.assigned', 'system', null, jsonb_build_object('assigneeId', g1.id::text), b.assigned_at from bconv b ${agentJoin} where ${inMonth} and b.assigned
        union all select b.cid, 'conversation.transferred', 'user', g1.id, jsonb_build_object('assigneeId', g2.id::text), b.transfer_at from bconv b ${agentJoin} where ${inMonth} and b.transfer_at is not null
        union all select b.cid, 'conversation.reopened', 'contact', null, '{}', b.frs + (b.res - b.frs) / 2 from bconv b where ${inMonth} and b.reopened
        union all select b.cid, 'conversation.resolved', 'user', g1.id, '{}', b.res from bconv b ${agentJoin} where ${inMonth} and b.status = 'resolved') e
      order by e.at`);
    await q(`insert into conversation_holds (account_id, conversation_id, user_id, team_id, started_at, ended_at)
      select ${A}, h.cid, h.user_id, h.team_id, h.started_at, h.ended_at from (
        select b.cid, g1.id as user_id, t.id as team_id, b.assigned_at as started_at,
          coalesce(b.transfer_at, case when b.status = 'resolved' then b.res when b.status = 'pending' then coalesce(b.fa, b.assigned_at) end) as ended_at
        from bconv b ${agentJoin} join bench_team t on t.ix = b.team_ix where ${inMonth} and b.assigned
        union all select b.cid, g2.id, t.id, b.transfer_at,
          case when b.status = 'resolved' then b.res when b.status = 'pending' then greatest(b.transfer_at, b.fa) end
        from bconv b ${agentJoin} join bench_team t on t.ix = b.team_ix where ${inMonth} and b.transfer_at is not null) h
      order by h.started_at`);
    await q(`insert into conversation_ratings (account_id, conversation_id, inbox_id, contact_id, agent_id, rating, comment, created_at)
      select ${A}, b.cid, i.id, c.contact_id, c.assignee_id,
        case when b.rrating < 0.55 then 5 when b.rrating < 0.75 then 4 when b.rrating < 0.85 then 3 when b.rrating < 0.9 then 2 else 1 end,
        case when b.rcomment < 0.3 then 'Comentario ' || b.n end, b.res + interval '2 minutes'
      from bconv b join bench_inbox i on i.ix = b.ix join conversations c on c.id = b.cid
      where ${inMonth} and b.rated order by b.res`);
    await q(`insert into conversation_steps (account_id, conversation_id, step_key, status, data, done_by_type, done_by_id, updated_at)
      select ${A}, x.cid, x.step_key, x.status,
        case when x.status = 'skipped' then (case when x.automatic and x.r < 0.92 then '{"reason": "turned_off"}'::jsonb else '{"reason": "agent"}'::jsonb end) else '{}'::jsonb end,
        case when x.status = 'pending' then null when x.automatic then 'system' else 'user' end,
        case when x.status <> 'pending' and not x.automatic then x.agent end, x.at
      from (
        select y.*, case when y.r < 0.87 then 'done' when y.r < 0.93 then 'skipped' else 'pending' end as status from (
          select b.cid, s.step_key, s.automatic, g1.id as agent, b.res as at, random() as r
          from bconv b join bench_inbox i on i.ix = b.ix join bench_steps s on s.protocol = i.protocol ${agentJoin}
          where ${inMonth} and b.status = 'resolved') y) x
      order by x.at, x.cid`);
    mt.other += performance.now() - t0;
  }
  log(
    `  messages by month: ${(mt.messages / 1000).toFixed(1)} s; events, holds, ratings, steps: ${(mt.other / 1000).toFixed(1)} s`,
  );

  // Presence: each agent's working day as the hub records it (online, lunch, online, a break, online,
  // then offline until the next login); about one day in 25 absent.
  await step(
    'presence sessions',
    `insert into presence_sessions (account_id, user_id, status, reason, started_at, ended_at)
      select ${A}, p.user_id, p.status, p.reason, (p.day + p.f) at time zone '${TZ}', (p.day + p.t) at time zone '${TZ}'
      from (
        select j.id as user_id, j.day, s.status, s.reason, s.f, s.t
        from (select a.id, d.day, random() as absent, (random() * 25 - 10) * interval '1 minute' as late,
            (random() * 30 - 5) * interval '1 minute' as stay
          from bench_agent a cross join generate_series(timestamp '${START}', timestamp '${END}' - interval '1 day', interval '1 day') d (day)
          where extract(isodow from d.day) between 1 and 5) j
          cross join lateral (values
            ('online', null, interval '8 hours' + j.late, interval '12 hours'),
            ('auxiliary', 'Lunch', interval '12 hours', interval '13 hours'),
            ('online', null, interval '13 hours', interval '15 hours 30 minutes'),
            ('auxiliary', 'Break', interval '15 hours 30 minutes', interval '15 hours 45 minutes'),
            ('online', null, interval '15 hours 45 minutes', interval '17 hours' + j.stay),
            ('offline', null, interval '17 hours' + j.stay, interval '32 hours')) s (status, reason, f, t)
        where j.absent > 0.04
        union all
        select a.id, d.day, s.status, null, s.f, s.t
        from bench_agent a cross join generate_series(timestamp '${START}', timestamp '${END}' - interval '1 day', interval '1 day') d (day)
          cross join lateral (values ('online', interval '9 hours', interval '13 hours'), ('offline', interval '13 hours', interval '56 hours')) s (status, f, t)
        where extract(isodow from d.day) = 6 and a.ix % 2 = 0) p
      order by 5`,
  );

  // The checklist in brief, as the conversation_steps_brief trigger keeps it; then the conversations back
  // in time order (the update wrote new row versions wherever they fit).
  await step(
    'checklist in brief',
    `update conversations c set steps_done = s.done, steps_not_applicable = s.na
      from (select conversation_id,
              coalesce(array_agg(step_key) filter (where status = 'done'), '{}') as done,
              coalesce(array_agg(step_key) filter (where status = 'skipped'
                and coalesce(data->>'reason', '') in (${notApplicableReasons.map((r) => `'${r}'`).join(', ')})), '{}') as na
            from conversation_steps group by conversation_id) s
      where s.conversation_id = c.id`,
    'cluster conversations using conversations_pkey',
  );
  const t0 = performance.now();
  for (const i of indexes) await q(i.indexdef);
  log(`  indexes rebuilt (${indexes.length}): ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  for (const t of seededTables.filter((x) => x !== 'conversation_steps')) {
    await q(`select setval(pg_get_serial_sequence('${t}', 'id'), (select max(id) from ${t}))`);
  }
  await q('set session_replication_role = origin');
  // VACUUM as well: a table that has lived a year has its visibility map set (autovacuum), so index-only
  // scans skip the heap as in production; and autovacuum does not start on the new rows mid-benchmark.
  await step('vacuum analyze', 'vacuum (analyze)');
  for (const t of ['bc', 'bconv', 'bench_team', 'bench_agent', 'bench_inbox', 'bench_steps'])
    await q(`drop table ${t}`);
}
