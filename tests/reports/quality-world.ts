// The seeded month of the satisfaction and compliance specs: the 30 days up to tomorrow (UTC, the account
// has no business hours), so the conversations driven through the real flows today fall in it beside the
// rows inserted on older days. Counted by hand in satisfaction.test.ts and compliance.test.ts.
//
// Driven today through the hub's flows (widget socket, REST):
//   R1 web chat, team Norte, Ana: pre-chat form, greeting, Ana assigned online, introduces herself, ticks
//      "correct spelling" done and "clear and direct" skipped, resolves; the widget asks, 5 "muy rápido".
//   R2 web chat, team Norte, Beto: the same without ticks; asked, never rated.
//   R3 API inbox (no protocol, no team), Ana: answered and resolved; never asked.
// Inserted as rows (what those flows store), days ago in brackets:
//   S1 [3]  web chat, Norte, Ana; asked; 4 "bien"; every chat step done.
//   S2 [5]  web chat, Sur, Ceci; asked; 2 "lento"; closure check pending.
//   S3 [10] web chat, Sur, Ceci; asked, not rated; closure check absent, spelling skipped by Ceci.
//   S4 [12] Facebook, Sur, Ceci; asked ("reply 1–5"); 5 without comment; every social step done.
//   S5 [15] Facebook, Norte, Beto; a public comment: greeting and survey skipped (public_item); closure missed.
//   S6 [20] Facebook, Norte, Beto; survey not sent (hourly_cap), rated 1 "pésimo" anyway; "answer each
//           request" skipped by Beto.
//   S7 [8]  API, no team, Ana; rated 5 anyway (no protocol).
//   S8 [2]  web chat, Norte, Beto then Ana (a transfer: both held it; the rating went to Ana); asked;
//           3 "regular"; greeting turned off for the inbox (turned_off); the rest done.
//   S9 [40] web chat, Norte, Ana; 1 "fuera": outside the month.
//   S10 [1] web chat, Norte, Beto; still open.
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import {
  contacts,
  conversationHolds,
  conversationRatings,
  conversationSteps,
  conversations,
  inboxes,
  type User,
} from '#server/db/schema.ts';
import type { ReportJson, ReportTable } from '#shared/reports.schema.ts';
import { client, eventually, incoming, type SeededAccount, type TestHub } from '#tests/helpers/hub.ts';
import { readReport, utcDay } from '#tests/helpers/reports.ts';
import { makeTeam } from '#tests/helpers/routing.ts';
import { connectVisitor, webchatInbox } from '#tests/helpers/widget.ts';

const DAY = 86_400_000;
const chatSteps = [
  'check_equipment',
  'greeting',
  'identification',
  'agent_introduction',
  'receive_request',
  'correct_spelling',
  'clear_direct',
  'closure_check',
  'farewell',
  'survey',
] as const;
const socialSteps = [
  'greeting',
  'receive_request',
  'answer_individually',
  'closure_check',
  'farewell',
  'survey',
];

type StepState = 'done' | 'pending' | 'absent' | { skipped: string | null };
type Seed = {
  inbox: 'webchat' | 'facebook' | 'api';
  daysAgo: number;
  team: 'Norte' | 'Sur' | null;
  assignee: 'ana' | 'beto' | 'ceci';
  status?: 'open' | 'resolved';
  rating?: { score: number; comment?: string };
  /** Every step of the inbox's template is done unless named here. */
  steps?: Record<string, StepState>;
  /** Agents who held it before the assignee (a transfer). */
  heldBefore?: 'beto';
};

const seeds: Record<string, Seed> = {
  S1: { inbox: 'webchat', daysAgo: 3, team: 'Norte', assignee: 'ana', rating: { score: 4, comment: 'bien' } },
  S2: {
    inbox: 'webchat',
    daysAgo: 5,
    team: 'Sur',
    assignee: 'ceci',
    rating: { score: 2, comment: 'lento' },
    steps: { closure_check: 'pending' },
  },
  S3: {
    inbox: 'webchat',
    daysAgo: 10,
    team: 'Sur',
    assignee: 'ceci',
    steps: { closure_check: 'absent', correct_spelling: { skipped: null } },
  },
  S4: { inbox: 'facebook', daysAgo: 12, team: 'Sur', assignee: 'ceci', rating: { score: 5 } },
  S5: {
    inbox: 'facebook',
    daysAgo: 15,
    team: 'Norte',
    assignee: 'beto',
    steps: {
      greeting: { skipped: 'public_item' },
      survey: { skipped: 'public_item' },
      closure_check: 'absent',
    },
  },
  S6: {
    inbox: 'facebook',
    daysAgo: 20,
    team: 'Norte',
    assignee: 'beto',
    rating: { score: 1, comment: 'pésimo' },
    steps: { survey: { skipped: 'hourly_cap' }, answer_individually: { skipped: null } },
  },
  S7: { inbox: 'api', daysAgo: 8, team: null, assignee: 'ana', rating: { score: 5 } },
  S8: {
    inbox: 'webchat',
    daysAgo: 2,
    team: 'Norte',
    assignee: 'ana',
    heldBefore: 'beto',
    rating: { score: 3, comment: 'regular' },
    steps: { greeting: { skipped: 'turned_off' } },
  },
  S9: {
    inbox: 'webchat',
    daysAgo: 40,
    team: 'Norte',
    assignee: 'ana',
    rating: { score: 1, comment: 'fuera' },
  },
  S10: {
    inbox: 'webchat',
    daysAgo: 1,
    team: 'Norte',
    assignee: 'beto',
    status: 'open',
    steps: { survey: 'absent' },
  },
};

export type QualityWorld = {
  /** The query's range: from=...&to=... */
  month: string;
  /** Conversation ids by the names above. */
  ids: Record<string, string>;
  agents: Record<'ana' | 'beto' | 'ceci', { user: User; token: string }>;
  teams: Record<'Norte' | 'Sur', string>;
};

export async function seedQualityWorld(t: TestHub, a: SeededAccount): Promise<QualityWorld> {
  const now = t.hub.ctx.clock.now().getTime();
  const month = `from=${utcDay(now - 29 * DAY)}&to=${utcDay(now + DAY)}`;
  const admin = client(t.url, a.adminToken);
  const agents = {
    ana: await a.user('agent', 'Ana'),
    beto: await a.user('agent', 'Beto'),
    ceci: await a.user('agent', 'Ceci'),
  };
  // Manual teams: nobody is handed a conversation but by the admin below.
  const teams = {
    Norte: await makeTeam(t, a, {
      name: 'Norte',
      strategy: 'manual',
      memberIds: [String(agents.ana.user.id), String(agents.beto.user.id)],
    }),
    Sur: await makeTeam(t, a, { name: 'Sur', strategy: 'manual', memberIds: [String(agents.ceci.user.id)] }),
  };
  const ids: Record<string, string> = {};

  // R1, R2: the widget, with the pre-chat form (the identification is then done, not asked).
  const chat = await webchatInbox(t, a, {
    preChat: {
      enabled: true,
      fields: [
        { key: 'name', type: 'text', required: true },
        { key: 'nationalId', type: 'ci', required: true },
        { key: 'serviceNumber', type: 'service_number', required: true },
      ],
    },
  });
  expect((await admin.patch(`/inboxes/${chat.id}`, { teamId: teams.Norte })).status).toBe(200);
  for (const agent of [agents.ana, agents.beto])
    expect((await client(t.url, agent.token).post('/me/presence', { status: 'online' })).status).toBe(200);

  // The farewell and the survey's step run in a job after the resolve's commit; the widget's stars come
  // with the resolve itself. Stars given before that job ran leave the step pending (run-trigger.ts skips
  // a rated conversation), so the visitor here answers once the hub has recorded asking.
  const asked = (id: string) =>
    eventually(async () => {
      const steps = (await admin.get(`/conversations/${id}/protocol`)).body.data.steps;
      return ['farewell', 'survey'].every(
        (k) => steps.find((s: { key: string; status: string }) => s.key === k)?.status === 'done',
      );
    });
  const served = async (who: 'ana' | 'beto', n: number) => {
    const v = await connectVisitor(t, { inboxToken: chat.token });
    const form = {
      name: `Cliente ${n}`,
      nationalId: `${4567890 + n}`,
      fields: { serviceNumber: `${7654320 + n}` },
    };
    expect((await v.emit('identify', form)).ok).toBe(true);
    const sent = await v.emit('message:send', {
      clientMessageId: `q-${n}`,
      text: 'Quiero recargar mi Fijacom',
    });
    const id: string = sent.message.conversationId;
    const agent = client(t.url, agents[who].token);
    expect(
      (await admin.post(`/conversations/${id}/assign`, { assigneeId: String(agents[who].user.id) })).status,
    ).toBe(200);
    const name = agents[who].user.name;
    expect(
      (await agent.post(`/conversations/${id}/messages`, { text: `Hola, soy ${name}. Ya está hecha.` }))
        .status,
    ).toBe(201);
    await eventually(async () => {
      const steps = (await agent.get(`/conversations/${id}/protocol`)).body.data.steps;
      return (
        steps.find((s: { key: string; status: string }) => s.key === 'agent_introduction')?.status === 'done'
      );
    });
    return { v, id, agent };
  };
  const r1 = await served('ana', 1);
  ids.R1 = r1.id;
  expect(
    (await r1.agent.post(`/conversations/${r1.id}/protocol/steps/correct_spelling`, { status: 'done' }))
      .status,
  ).toBe(200);
  expect(
    (await r1.agent.post(`/conversations/${r1.id}/protocol/steps/clear_direct`, { status: 'skipped' }))
      .status,
  ).toBe(200);
  expect((await r1.agent.post(`/conversations/${r1.id}/status`, { status: 'resolved' })).status).toBe(200);
  await eventually(async () => r1.v.events['survey:request']?.[0]);
  await asked(r1.id);
  expect(await r1.v.emit('survey:submit', { rating: 5, comment: 'muy rápido' })).toEqual({ ok: true });

  const r2 = await served('beto', 2);
  ids.R2 = r2.id;
  expect((await r2.agent.post(`/conversations/${r2.id}/status`, { status: 'resolved' })).status).toBe(200);
  await eventually(async () => r2.v.events['survey:request']?.[0]);
  await asked(r2.id);

  // R3: an API conversation, answered and resolved by Ana.
  const api = await a.apiInbox();
  const arrived = await incoming(t.url, api, {
    externalId: 'r3-1',
    contact: { externalId: 'r3-customer', name: 'Cliente 3' },
    text: 'hola',
  });
  expect(arrived.status).toBe(201);
  ids.R3 = arrived.body.data.conversation.id;
  const ana = client(t.url, agents.ana.token);
  expect(
    (await admin.post(`/conversations/${ids.R3}/assign`, { assigneeId: String(agents.ana.user.id) })).status,
  ).toBe(200);
  expect((await ana.post(`/conversations/${ids.R3}/messages`, { text: 'Listo' })).status).toBe(201);
  expect((await ana.post(`/conversations/${ids.R3}/status`, { status: 'resolved' })).status).toBe(200);

  await insertSeeds(t, a, agents, teams, now, ids, Number(api.id), Number(chat.id));
  return { month, ids, agents, teams };
}

async function insertSeeds(
  t: TestHub,
  a: SeededAccount,
  agents: QualityWorld['agents'],
  teams: QualityWorld['teams'],
  now: number,
  ids: Record<string, string>,
  apiInboxId: number,
  chatInboxId: number,
) {
  const db = t.hub.ctx.db;
  // An inbox row only: no channel connection is started for it.
  const [facebook] = await db
    .insert(inboxes)
    .values({
      accountId: a.accountId,
      name: 'Facebook',
      channel: 'facebook',
      configEncrypted: 'x',
      token: `fb-${randomBytes(6).toString('hex')}`,
    })
    .returning();
  const inboxIds = { webchat: chatInboxId, facebook: facebook.id, api: apiInboxId };
  for (const [name, s] of Object.entries(seeds)) {
    const first = new Date(now - s.daysAgo * DAY);
    const resolvedAt = new Date(first.getTime() + 30 * 60_000);
    const assignee = agents[s.assignee].user.id;
    const [contact] = await db.insert(contacts).values({ accountId: a.accountId, name }).returning();
    const [c] = await db
      .insert(conversations)
      .values({
        accountId: a.accountId,
        inboxId: inboxIds[s.inbox],
        contactId: contact.id,
        threadKey: `seed-${name}`,
        status: s.status ?? 'resolved',
        assigneeId: assignee,
        teamId: s.team ? Number(teams[s.team]) : null,
        firstCustomerMessageAt: first,
        firstAgentReplyAt: new Date(first.getTime() + 60_000),
        resolvedAt: s.status === 'open' ? null : resolvedAt,
        createdAt: first,
      })
      .returning();
    ids[name] = String(c.id);
    // An open conversation got a hold from the database's own trigger; a resolved one is given its own.
    if (s.status !== 'open') {
      const held = s.heldBefore ? [agents[s.heldBefore].user.id, assignee] : [assignee];
      await db.insert(conversationHolds).values(
        held.map((userId, i) => ({
          accountId: a.accountId,
          conversationId: c.id,
          userId,
          startedAt: new Date(first.getTime() + (60 + i * 600) * 1000),
          endedAt: new Date(first.getTime() + (660 + i * 600) * 1000),
        })),
      );
    }
    if (s.rating)
      await db.insert(conversationRatings).values({
        accountId: a.accountId,
        conversationId: c.id,
        inboxId: inboxIds[s.inbox],
        contactId: contact.id,
        agentId: assignee,
        rating: s.rating.score,
        comment: s.rating.comment ?? null,
        createdAt: new Date(resolvedAt.getTime() + 60_000),
      });
    const keys = s.inbox === 'webchat' ? chatSteps : s.inbox === 'facebook' ? socialSteps : [];
    const rows = keys.flatMap((key) => {
      const state: StepState = s.steps?.[key] ?? 'done';
      if (state === 'absent') return [];
      const skipped = typeof state === 'object';
      const byAgent = skipped && state.skipped === null;
      return [
        {
          accountId: a.accountId,
          conversationId: c.id,
          stepKey: key,
          status: skipped ? ('skipped' as const) : state,
          data: skipped && state.skipped ? { reason: state.skipped } : {},
          doneByType: state === 'pending' ? null : byAgent ? ('user' as const) : ('system' as const),
          doneById: byAgent ? assignee : null,
          updatedAt: resolvedAt,
        },
      ];
    });
    if (rows.length) await db.insert(conversationSteps).values(rows);
  }
}

/** A report of the world's month, as the wire schema types it. */
export async function worldReport(t: TestHub, w: QualityWorld, name: string, query: string, token: string) {
  const r = await readReport(t.url, token, name, `${w.month}${query}`);
  return {
    data: r.data as unknown as ReportJson,
    table: (key: string) => r.table(key) as unknown as ReportTable,
  };
}

/** The conversations a drill-down of the world's month lists, by their names in this file. */
export async function worldDrill(
  t: TestHub,
  w: QualityWorld,
  query: string,
  token: string,
): Promise<string[]> {
  const r = await client(t.url, token).get(`/reports/conversations?${w.month}&limit=200&${query}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  const names = Object.fromEntries(Object.entries(w.ids).map(([k, v]) => [v, k]));
  return r.body.data.map((c: { id: string }) => names[c.id] ?? c.id).sort();
}
