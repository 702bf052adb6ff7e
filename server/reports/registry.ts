// Every report the hub answers, by the name in its URL (GET /reports/<name>). A report is one builder
// (its file under server/reports/) over the frame and the definitions; adding one is a line here.
import type { ReportName } from '#shared/reports.schema.ts';
import { abandonedReport } from './abandoned.report.ts';
import { agentsReport } from './agents.report.ts';
import { attendanceReport } from './attendance.report.ts';
import { complianceReport } from './compliance.report.ts';
import { salesReport } from './sales.report.ts';
import { satisfactionReport } from './satisfaction.report.ts';
import { serviceLevelReport } from './service-level.report.ts';
import type { ReportBuilder } from './table.ts';
import { timesReport } from './times.report.ts';
import { volumeReport } from './volume.report.ts';

export const reportBuilders: Partial<Record<ReportName, ReportBuilder>> = {
  'service-level': serviceLevelReport,
  volume: volumeReport,
  times: timesReport,
  abandoned: abandonedReport,
  satisfaction: satisfactionReport,
  compliance: complianceReport,
  attendance: attendanceReport,
  agents: agentsReport,
  sales: salesReport,
};
