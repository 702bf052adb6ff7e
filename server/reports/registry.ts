// Every report the hub answers, by the name in its URL (GET /reports/<name>). A report is one builder
// (its file under server/reports/) over the frame and the definitions; adding one is a line here.
import type { ReportName } from '#shared/reports.schema.ts';
import { serviceLevelReport } from './service-level.report.ts';
import type { ReportBuilder } from './table.ts';

export const reportBuilders: Partial<Record<ReportName, ReportBuilder>> = {
  'service-level': serviceLevelReport,
};
