// The reports (issue 16): GET /reports/<name> answers a report as JSON, or one of its tables as a CSV or
// Excel download (?format=csv|xlsx&table=<key>); GET /reports/conversations lists the conversations
// behind any number of them. Admins, supervisors and finance read every figure; an agent reads their own.
import { z } from 'zod';
import type { HubContext } from '#server/context.ts';
import { AppError, notFound } from '#server/errors.ts';
import { drillConversations } from '#server/reports/drill-conversations.ts';
import { sendTable } from '#server/reports/export-table.ts';
import { reportFilterChoices } from '#server/reports/filter-choices.ts';
import { reportFrame } from '#server/reports/frame.ts';
import { reportBuilders } from '#server/reports/registry.ts';
import { envelope } from '#server/reports/table.ts';
import { conversationJson } from '#shared/api.schema.ts';
import {
  drillQuery,
  type ReportName,
  reportFilterChoicesJson,
  reportJson,
  reportNames,
  reportQuery,
} from '#shared/reports.schema.ts';
import type { RouteTable } from './route.ts';

const tag = 'Reports';
export const reportReaders = ['admin', 'supervisor', 'finance', 'agent'] as const;

export function reportsRoutes(ctx: HubContext, t: RouteTable): void {
  // Before /reports/:name, which would take these for a report's name.
  t.route(
    {
      method: 'get',
      path: '/reports/filters',
      tag,
      summary: "The choices of the reports' filters: inboxes, teams, agents, labels, categories",
      roles: reportReaders,
      response: z.object({ data: reportFilterChoicesJson }),
    },
    async ({ auth }) => ({ data: await reportFilterChoices(ctx, auth) }),
  );
  t.route(
    {
      method: 'get',
      path: '/reports/conversations',
      tag,
      summary: 'The conversations behind a number of a report (drill-down), newest contact first',
      roles: reportReaders,
      query: drillQuery,
      response: z.object({ data: z.array(conversationJson), nextCursor: z.string().nullable() }),
    },
    async ({ auth, query }) => drillConversations(ctx, auth, query),
  );
  t.route(
    {
      method: 'get',
      path: '/reports/:name',
      tag,
      summary: `A report (${reportNames.join(', ')}) for a range of days, or one of its tables as CSV or Excel`,
      roles: reportReaders,
      names: ['name'],
      query: reportQuery,
      response: z.object({ data: reportJson }),
    },
    async ({ auth, query, names, res }) => {
      const name = names.name as ReportName;
      const build = reportNames.includes(name) ? reportBuilders[name] : undefined;
      if (!build) throw notFound(`report ${names.name}`);
      const frame = await reportFrame(ctx, auth, query);
      const report = envelope(name, frame, await build(ctx, frame));
      if (query.format === 'json') return { data: report };
      const sent = await sendTable(res, report, query.format, query.table);
      if (!sent) throw new AppError('validation_failed', `the ${name} report has no table ${query.table}`);
      return undefined;
    },
  );
}
