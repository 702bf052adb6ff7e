// What the reports count, written once. Every report, every drill-down and the live floor read these
// expressions, so a number on one page is the same number on another. Each is a SQL fragment over
// `conversations` joined with `inboxes` (and `conversation_holds` for handle time). Every sentence a report
// shows under its title as "how this is counted" is in `counting`, by a stable key: the console shows its
// own translation of the key (strings reportNote_<key>), the English text is for API users.
//
// - A CONTACT (registered) is a conversation whose customer wrote first within the range: it is counted
//   on the day of the customer's first message, in the account's time zone. A conversation that reopens
//   is still one contact, on its first day; the volume report counts its reopenings apart.
// - ANSWERED: an agent sent a public reply (a private note, the hub's automatic messages and a bot do not
//   answer anyone).
// - FIRST RESPONSE: from when the conversation waits for a person (after the hub's identification
//   questions: server/routing/first-response.ts) to the first agent reply, in wall-clock seconds.
// - WITHIN TARGET: the first reply came by the due time the breach timer used (business hours and pending
//   pauses moved it), decided when the reply was stored; for conversations from before that was recorded,
//   first response ≤ the channel's target. Service level = within target ÷ all contacts × 100: a contact
//   never answered counts against it, as the 109 procedure's indicator says.
// - ABANDONED: a contact closed without any agent reply (the customer left and the hub or an agent closed it).
// - UNANSWERED (QP-14): a contact that waited longer than the manager's threshold for its first reply;
//   one still waiting counts once its wait passes the threshold.
// - NEXT RESPONSE: each later agent reply, from when the customer started waiting for it.
// - RESOLUTION: from the customer's first message to the (last) resolve.
// - HANDLE TIME: the time an agent held the conversation: assigned to them while it was open (pending,
//   snoozed and resolved time excluded), summed over every agent who held it; per agent, their own holds.
import { type SQL, sql } from 'drizzle-orm';
import {
  conversationEvents,
  conversationHolds,
  conversationRatings,
  conversations,
  inboxes,
} from '#server/db/schema.ts';
import { channelDefinitions } from '#server/inboxes/channel-facts.ts';
import { firstResponseSecondsSql } from '#server/routing/first-response.ts';
import { slaTargetOf } from '#server/routing/settings.ts';
import { channelKinds } from '#shared/channels.ts';
import { protocolNames } from '#shared/protocol.schema.ts';
import type { ReportNote } from '#shared/reports.schema.ts';
import { inRange, type ReportFrame } from './frame.ts';

export const counting = {
  registered:
    'A contact is a conversation the customer started in the range, counted on the day of their first message; a reopened conversation is one contact.',
  answered: 'Answered means an agent sent a public reply; notes, automatic messages and bots do not count.',
  firstResponse:
    "First response runs from when the conversation waits for a person (after the hub's own identification questions) to the first agent reply.",
  serviceLevel:
    'Service level = contacts answered within the target ÷ all contacts × 100; a contact never answered counts against it. Business hours and pending time move the target as they move the breach timer.',
  abandoned: 'Abandoned: a contact closed without any agent reply.',
  unanswered:
    "Unanswered (QP-14): a contact that waited for its first reply longer than the manager's threshold.",
  nextResponse: 'Next response: each later agent reply, from when the customer started waiting for it.',
  resolution: "Resolution: from the customer's first message to the conversation's last resolve.",
  handle:
    'Handle time: the time an agent held the conversation while it was open (pending, snoozed and resolved time excluded); a transfer splits it between the agents.',
  agentFilter: 'An agent filter keeps the conversations the agent holds or held at some point.',
  percentiles: 'p50 is the median; p90 the time 90 % of them stayed within.',
  surveyed:
    'Surveyed: the contact was asked the satisfaction survey (its step done: the widget showed the stars, or the link or question was sent), or the customer rated anyway. Response rate = rated ÷ surveyed × 100.',
  compliance:
    "Protocol compliance counts resolved contacts that follow a protocol, against their template's required steps: a step is applicable unless the hub skipped it because it must not run there (under a public post, turned off for the inbox, to a machine); compliance = steps done ÷ applicable × 100; a step an agent skipped, or the hourly cap held back, is missed.",
  perAgent:
    'By agent: the conversations each agent holds or held, as the agent filter keeps them; a transferred conversation counts for each agent who held it.',
  unansweredThreshold:
    "Unanswered (QP-14): a contact that waited for its first reply longer than the manager's threshold. The threshold is {seconds} s (routing settings).",
  waitBeforeLeaving: 'Wait before leaving: from when the conversation waited for a person to its close.',
  timesPerAgent:
    'Per agent: first responses of the agent who sent the first reply, next responses of the agent who replied, resolutions of the conversation’s agent, handle time of the part each agent held.',
  messages:
    'Messages are counted on the day they were stored: the customer’s (in) and the public ones sent to them by agents and the hub (out); private notes are not counted.',
  reopened: 'Reopened: contacts of the range that the customer opened again after they were resolved.',
  heatmap: 'The heatmap counts contacts by the weekday and hour of their first message.',
  comments:
    "Comments: the latest {count} of the range's contacts, newest first, each with the agent the rating was given to.",
  agentFigures:
    'Each figure is the one its own report gives for the agent (times, satisfaction, compliance, attendance).',
  agentWithinTarget:
    'First replies within target: of the conversations whose first reply the agent sent, the share that met the target.',
  attendanceSessions:
    "Read from the agents' presence sessions: each status change closes one session and opens the next. Logged in means online, away or in an auxiliary break; offline, or no session at all, is logged out.",
  attendanceMidnight:
    "Time is cut at local midnight of the report's time zone: a session across midnight counts in both days. A session still open counts up to now, never later; shifts not begun yet are not listed.",
  attendanceShifts:
    "Shifts: each business-hours interval of the day is a shift — the hours of the agent's one team with its own hours, else the account's (with a team filter, that team's calendar). Without any hours a day is one shift, the whole day. Holidays have no shifts.",
  attendanceNightShifts:
    'An interval written to 23:59 runs to midnight: a night shift 22:00–06:00 is written as 22:00–23:59 and 00:00–06:00 of the next day and reads as two shifts of two days; an agent logged in across midnight neither leaves the first early nor starts the second late.',
  attendanceLogins:
    "First login: the first instant of the line's time the agent was logged in; already logged in as it began (at midnight, or at the shift's start) shows as that start. Last logout: when the last logged-in stretch in it ended; empty when still logged in at its end or now. Times are instants (UTC).",
  attendanceLateEarly:
    "Late start: first login minus the shift's start. Early leave: the shift's end minus the last logout (0 when logged in at its end), once the shift is over. Absent: no online time in a shift that is over (away and breaks do not count as present). Nobody is late or early on a whole-day shift.",
  attendanceOffline:
    'Offline counts inside shifts only. Time logged in outside the shifts is listed on its own line ("Outside shifts") and counts in the totals, never as late, early or absent.',
  attendanceAgents:
    'Agents listed: every enabled agent, and anyone else with presence sessions in the range, from their first session or the day their user was made, whichever is earlier. An agent reading the report sees only their own lines.',
  attendanceFilters:
    "Filters: agent and team (the team's members) apply; channel, inbox, label and category do not, as presence belongs to no conversation.",
  salesEffectiveCall:
    'Effective call: a call recorded with the outcome callback, declined or accepted (the customer was reached), counted on the day it was recorded; a call nobody answered is not effective.',
  salesRegistered:
    'Effective sale registered: a sale registered in the CRM in the range; a sale registered again after the officer returned it counts once.',
  salesIndicator:
    'Indicator = effective sales registered ÷ effective calls × 100, monthly: {threshold} % or more is accepted, less is observed. Without effective calls there is no figure (—).',
  salesFunnel:
    "Funnel: entries imported, checked (no impediment and technical capacity), reached (customers with an effective call), accepted (sale opened), documents complete, registered, handed over in time (approved by the officer by the sale's 24-hour hand-over deadline), installed.",
  salesRows:
    "By advisor: calls and checks of the advisor who made them, the steps of a sale for the sale's advisor; imports belong to no advisor. By team: the campaign's team. Filters: campaign, team and advisor; channel, inbox, label and category do not apply.",
} as const;
export type CountingKey = keyof typeof counting;

/** The `{name}` placeholders of a sentence: a note whose sentence has any must be given their values. */
type Placeholders<S> = S extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;
type ValuesOf<K extends CountingKey> = [Placeholders<(typeof counting)[K]>] extends [never]
  ? []
  : [values: Record<Placeholders<(typeof counting)[K]>, string | number>];

/** One "how this is counted" note: its key, the English sentence with its values filled in, the values. */
export function note<K extends CountingKey>(key: K, ...[given]: ValuesOf<K>): ReportNote {
  const values: ReportNote['values'] = given;
  if (!values) return { key, text: counting[key] };
  const text = counting[key].replace(/\{(\w+)\}/g, (m, name: string) => String(values[name] ?? m));
  return { key, text, values };
}

/** Contacts: the customer's first message is in the range. */
export const registeredSql = (f: ReportFrame) => inRange(f, conversations.firstCustomerMessageAt);

export const answeredSql = sql<boolean>`(${conversations.firstAgentReplyAt} is not null)`;

export const firstResponseSql = firstResponseSecondsSql();

/** The channel's first-response target in seconds, as the account sets it (null: none). */
export function targetSecondsSql(f: ReportFrame): SQL<number | null> {
  const cases = channelKinds.flatMap((k) => {
    const s = slaTargetOf(f.settings, k).firstResponseSeconds;
    return s ? [sql`when ${k} then ${s}::int`] : [];
  });
  if (!cases.length) return sql<null>`null::int`;
  return sql<number | null>`(case ${inboxes.channel} ${sql.join(cases, sql` `)} else null end)`;
}

/** Answered within target (null where the channel has no target). */
export function withinTargetSql(f: ReportFrame): SQL<boolean | null> {
  return sql<
    boolean | null
  >`(${answeredSql} and coalesce(${conversations.firstResponseMet}, ${firstResponseSql} <= ${targetSecondsSql(f)}))`;
}

export const abandonedSql = sql<boolean>`(${conversations.firstAgentReplyAt} is null and ${conversations.status} = 'resolved')`;

/** When the wait for a first reply started (before a stored clock start existed: the first message). */
const clockStartSql = sql`coalesce(${conversations.firstResponseStartedAt}, ${conversations.firstCustomerMessageAt})`;

/** QP-14: waited longer than the threshold for a first reply (until the reply, the close, or now). */
export function unansweredSql(f: ReportFrame): SQL<boolean> {
  const until = sql`coalesce(${conversations.firstAgentReplyAt}, case when ${conversations.status} = 'resolved' then ${conversations.resolvedAt} end, ${f.now.toISOString()}::timestamptz)`;
  return sql<boolean>`(${until} - ${clockStartSql} > make_interval(secs => ${f.settings.unansweredSeconds}))`;
}

/** Seconds the customer waited before leaving unanswered (abandoned contacts only). */
export const abandonWaitSql = sql<
  number | null
>`extract(epoch from greatest(${conversations.resolvedAt} - ${clockStartSql}, interval '0'))::float8`;

export const resolvedSql = sql<boolean>`(${conversations.status} = 'resolved')`;

export const resolutionSecondsSql = sql<
  number | null
>`case when ${conversations.status} = 'resolved' then extract(epoch from greatest(${conversations.resolvedAt} - ${conversations.firstCustomerMessageAt}, interval '0'))::float8 end`;

export const reopenedSql = sql<boolean>`exists (select 1 from ${conversationEvents} where ${conversationEvents.conversationId} = ${conversations.id} and ${conversationEvents.type} = 'conversation.reopened')`;

export const ratedSql = sql<boolean>`exists (select 1 from ${conversationRatings} where ${conversationRatings.conversationId} = ${conversations.id})`;

/** Seconds of one hold (a hold still running counts up to the report's now). */
export const holdSecondsSql = (f: ReportFrame) =>
  sql<number>`extract(epoch from coalesce(${conversationHolds.endedAt}, ${f.now.toISOString()}::timestamptz) - ${conversationHolds.startedAt})::float8`;

/**
 * The protocol the conversation follows, as server/protocol/load-template.ts decides it: the one it
 * remembered when it was created (JSON null: none), else the inbox's setting, else its channel's family.
 */
export function protocolSql(): SQL<string | null> {
  const names = sql.join(
    protocolNames.map((n) => sql`${n}`),
    sql`, `,
  );
  const families = channelDefinitions().flatMap((d) =>
    d.protocol.family ? [sql`when ${d.kind} then ${d.protocol.family}`] : [],
  );
  const family = families.length
    ? sql`case ${inboxes.channel} ${sql.join(families, sql` `)} else null end`
    : sql`null`;
  return sql<string | null>`(case
    when ${conversations.meta}->>'protocol' in (${names}) then ${conversations.meta}->>'protocol'
    when ${conversations.meta}->'protocol' = 'null'::jsonb then null
    when ${inboxes.settings}->>'protocol' = 'none' then null
    when ${inboxes.settings}->>'protocol' in (${names}) then ${inboxes.settings}->>'protocol'
    else ${family} end)`;
}

/** A percentage with two decimals; null when there is nothing to divide by. */
export function percent(part: number | null, whole: number | null): number | null {
  if (part === null || !whole) return null;
  return Math.round((part / whole) * 10_000) / 100;
}

/** Seconds rounded to a tenth, as the tables show them. */
export const tenth = (n: number | null | undefined): number | null =>
  n === null || n === undefined || Number.isNaN(Number(n)) ? null : Math.round(Number(n) * 10) / 10;

/**
 * Surveyed: the survey step (a template step with action survey; `steps` lists each protocol's) is done
 * for the conversation's protocol, or the customer rated anyway (a reply of 1–5, a kept link). Reads the
 * checklist in brief (conversations.steps_done, kept from conversation_steps by a trigger).
 */
export function surveyedSql(
  steps: { protocol: string; key: string }[],
  rated: SQL<boolean> = ratedSql,
): SQL<boolean> {
  if (!steps.length) return rated;
  const byProtocol = new Map<string, string[]>();
  for (const s of steps) byProtocol.set(s.protocol, [...(byProtocol.get(s.protocol) ?? []), s.key]);
  const cases = [...byProtocol].map(
    ([protocol, keys]) =>
      sql`when ${protocol} then ${conversations.stepsDone} && array[${sql.join(
        keys.map((k) => sql`${k}::text`),
        sql`, `,
      )}]`,
  );
  return sql<boolean>`(${rated} or coalesce(case ${protocolSql()} ${sql.join(cases, sql` `)} end, false))`;
}

/**
 * Why the hub skips a step that must not run there (server/protocol/run-trigger.ts, send-automatic.ts): a
 * public post, the inbox turned the text off, the customer's side is a machine. Such a step does not
 * apply; any other skip (an agent's, the hourly cap) is a missed step. The conversation_steps_brief
 * trigger (migration 0022) sorts the steps by this list into conversations.steps_not_applicable; a spec
 * (tests/reports/steps-brief.test.ts) holds the two lists equal.
 */
export const notApplicableReasons = ['public_item', 'turned_off', 'automated_sender'] as const;

/** A resolved conversation of `protocol` whose step applied and was not done (metric step_missed). */
export function stepMissedSql(protocol: string, step: string): SQL<boolean> {
  return sql<boolean>`(${resolvedSql} and ${protocolSql()} = ${protocol} and not (${step}::text = any(${conversations.stepsDone}) or ${step}::text = any(${conversations.stepsNotApplicable})))`;
}
