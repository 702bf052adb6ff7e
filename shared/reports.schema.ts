// Wire shapes of the reports (GET /api/v1/reports/...), shared by the hub, the console and integrators.
// Every report answers the same frame: the range it covers in the account's time zone, the filters it
// applied, and one or more tables. A table is what the console draws a chart from, shows under the chart,
// and exports (CSV, Excel): one shape, so every table of every report can be exported and drilled into.
import { z } from 'zod';
import { channelKindSchema } from './channels.ts';

const idString = z.string().regex(/^\d{1,15}$/, 'must be a numeric id string');
/** A calendar day in the account's time zone. */
export const localDate = z.iso.date();

export const reportNames = [
  'service-level',
  'volume',
  'times',
  'abandoned',
  'satisfaction',
  'compliance',
  'attendance',
  'agents',
  'sales',
] as const;
export type ReportName = (typeof reportNames)[number];

export const exportFormats = ['json', 'csv', 'xlsx'] as const;

/**
 * What every report is asked: a range of days (both included) in the account's time zone, unless the
 * query names another zone; and filters, each narrowing the conversations counted.
 */
export const reportQuery = z.object({
  from: localDate,
  to: localDate,
  /** An IANA zone; the account's business-hours zone when absent, else UTC. */
  timeZone: z.string().min(1).max(64).optional(),
  channel: channelKindSchema.optional(),
  inboxId: idString.optional(),
  teamId: idString.optional(),
  agentId: idString.optional(),
  labelId: idString.optional(),
  category: z.string().trim().min(1).max(50).optional(),
  /** The sales report's campaign (other reports do not read it). */
  campaignId: idString.optional(),
  /** Which table to export when `format` is csv or xlsx (the report's first table when absent). */
  table: z.string().min(1).max(40).optional(),
  format: z.enum(exportFormats).default('json'),
});
export type ReportQuery = z.infer<typeof reportQuery>;

/** How a column's numbers read: the console formats and charts by it; exports write plain numbers. */
export const columnKinds = [
  'text',
  'date',
  'hour',
  'count',
  'percent',
  'seconds',
  'rating',
  'datetime',
  /** 0 = Sunday … 6 = Saturday. */
  'weekday',
  /** An indicator's verdict against its threshold: "accepted" or "observed" (null: no figure). */
  'verdict',
] as const;
export type ColumnKind = (typeof columnKinds)[number];

/**
 * The sets of conversations a number counts, as GET /reports/conversations lists them (drill-down).
 * Each is defined once in server/reports/definitions.ts.
 */
export const drillMetrics = [
  'registered',
  'answered',
  'answered_within',
  'answered_late',
  'not_answered',
  'abandoned',
  'unanswered',
  'resolved',
  'reopened',
  'rated',
  'handled',
  'step_missed',
] as const;
export type DrillMetric = (typeof drillMetrics)[number];

export const reportColumn = z.object({
  key: z.string(),
  /** English; the console shows its own translation of `key` where it has one. */
  label: z.string(),
  kind: z.enum(columnKinds),
  /** A count whose conversations can be listed: the metric to ask GET /reports/conversations for. */
  drill: z.enum(drillMetrics).optional(),
});
export type ReportColumn = z.infer<typeof reportColumn>;

export const reportRow = z.object({
  /** Unique within the table (a day, an hour, a channel, an agent id...). */
  key: z.string(),
  cells: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  /** The extra query parameters that narrow a drill-down to this row (e.g. {day}, {agentId}). */
  drill: z.record(z.string(), z.string()).optional(),
});
export type ReportRow = z.infer<typeof reportRow>;

export const reportTable = z.object({
  key: z.string(),
  title: z.string(),
  columns: z.array(reportColumn),
  rows: z.array(reportRow),
  /** The same cells over every row (a percentage over the whole range, not the mean of the rows). */
  totals: reportRow.optional(),
});
export type ReportTable = z.infer<typeof reportTable>;

/**
 * One sentence of how a report counts. `key` is stable (the console shows its own translation of it);
 * `text` is the English sentence, with `values` (numbers it mentions, e.g. a threshold) filled in where
 * it has `{seconds}`-style placeholders.
 */
export const reportNote = z.object({
  key: z.string(),
  text: z.string(),
  values: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type ReportNote = z.infer<typeof reportNote>;

export const reportJson = z
  .object({
    report: z.enum(reportNames),
    range: z.object({
      from: localDate,
      to: localDate,
      timeZone: z.string(),
      /** The instants the days cover: [start, end). */
      startsAt: z.string(),
      endsAt: z.string(),
    }),
    filters: z.record(z.string(), z.string()),
    tables: z.array(reportTable),
    /** How this report counts, in short sentences the page shows under its title. */
    counting: z.array(reportNote),
  })
  .meta({ id: 'Report' });
export type ReportJson = z.infer<typeof reportJson>;

/** GET /reports/conversations: the conversations behind one number. */
export const drillQuery = reportQuery.omit({ table: true, format: true }).extend({
  metric: z.enum(drillMetrics),
  /** One day of the range (a row of a by-day table). */
  day: localDate.optional(),
  /** One local hour of the day, 0–23 (a row of a by-hour table). */
  hour: z.coerce.number().int().min(0).max(23).optional(),
  /** Day of the week, 0 = Sunday (the heatmap's cells). */
  weekday: z.coerce.number().int().min(0).max(6).optional(),
  /** A protocol step (metric step_missed). */
  step: z.string().min(1).max(60).optional(),
  /** One score of the satisfaction survey (metric rated). */
  rating: z.coerce.number().int().min(1).max(5).optional(),
  protocol: z.string().min(1).max(60).optional(),
  cursor: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type DrillQuery = z.infer<typeof drillQuery>;

const choice = z.object({ id: z.string(), name: z.string() });
/** GET /reports/filters: what the filters offer to the caller. */
export const reportFilterChoicesJson = z.object({
  inboxes: z.array(choice.extend({ channel: z.string() })),
  teams: z.array(choice),
  agents: z.array(choice),
  labels: z.array(choice.extend({ color: z.string() })),
  categories: z.array(z.string()),
  /** The sales desk's campaigns (the sales report's filter). */
  campaigns: z.array(choice),
});
export type ReportFilterChoices = z.infer<typeof reportFilterChoicesJson>;
