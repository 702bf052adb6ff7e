// The reports page's URL state: a link or a reload shows the same report, range and filters; the range
// presets count days as the account's time zone sees them; the report, its drill-down and its exports
// ask the hub with the same range and filters the page shows.
import { describe, expect, it } from 'vitest';
import {
  drillApiPath,
  exportApiPath,
  isWholeMonth,
  monthOf,
  parseReportState,
  presetOf,
  presetRange,
  reportApiPath,
  reportReaders,
  reportUrl,
  todayIn,
} from '../../agent-console/src/components/report-state.ts';

const query = (path: string) => Object.fromEntries(new URLSearchParams(path.split('?')[1]));

describe('report URL state', () => {
  it('reads the report, the range and the filters from the address', () => {
    const s = parseReportState(
      '/reports/volume',
      '?from=2026-11-01&to=2026-11-30&channel=whatsapp&teamId=4&labelId=9&category=billing&bogus=1',
      '2026-12-07',
    );
    expect(s).toEqual({
      name: 'volume',
      from: '2026-11-01',
      to: '2026-11-30',
      filters: { channel: 'whatsapp', teamId: '4', labelId: '9', category: 'billing' },
    });
  });

  it('writes back the same address it was read from, so a shared link shows the same report', () => {
    const url = '/reports/agents?from=2026-11-01&to=2026-11-30&inboxId=2&agentId=7';
    const [path, search] = url.split('?');
    expect(reportUrl(parseReportState(path, `?${search}`, '2026-12-07'))).toBe(url);
  });

  it('opens a bare /reports on the first report over the last seven days', () => {
    expect(parseReportState('/reports', '', '2026-12-07')).toEqual({
      name: 'service-level',
      from: '2026-12-01',
      to: '2026-12-07',
      filters: {},
    });
    expect(parseReportState('/reports/nope', '?from=junk&to=2026-12-01', '2026-12-07').name).toBe(
      'service-level',
    );
    expect(parseReportState('/reports/nope', '?from=junk&to=2026-12-01', '2026-12-07').from).toBe(
      '2026-12-01',
    );
  });

  it('puts a range given backwards the right way round', () => {
    const s = parseReportState('/reports/times', '?from=2026-12-05&to=2026-12-01', '2026-12-07');
    expect([s.from, s.to]).toEqual(['2026-12-01', '2026-12-05']);
  });

  it('asks for the report, a drill-down and an export with the page’s range and filters', () => {
    const s = parseReportState(
      '/reports/service-level',
      '?from=2026-11-01&to=2026-11-30&channel=webchat',
      '',
    );
    expect(reportApiPath(s)).toBe('/reports/service-level?from=2026-11-01&to=2026-11-30&channel=webchat');
    expect(query(exportApiPath(s, 'xlsx', 'byDay'))).toEqual({
      from: '2026-11-01',
      to: '2026-11-30',
      channel: 'webchat',
      format: 'xlsx',
      table: 'byDay',
    });
    const drill = drillApiPath(s, 'answered_within', { day: '2026-11-03' }, 'c42');
    expect(drill.startsWith('/reports/conversations?')).toBe(true);
    expect(query(drill)).toEqual({
      from: '2026-11-01',
      to: '2026-11-30',
      channel: 'webchat',
      metric: 'answered_within',
      day: '2026-11-03',
      cursor: 'c42',
    });
    // A row that narrows the range itself (a month of the regulator's table) replaces it.
    expect(query(drillApiPath(s, 'registered', { from: '2026-11-10', to: '2026-11-12' }))).toMatchObject({
      from: '2026-11-10',
      to: '2026-11-12',
    });
  });

  it('lets admins, supervisors, finance and agents read reports, and no one else', () => {
    const may = ['admin', 'supervisor', 'finance', 'agent', 'qa', 'marketing'].filter((role) =>
      reportReaders({ role }),
    );
    expect(may).toEqual(['admin', 'supervisor', 'finance', 'agent']);
  });
});

describe('range presets', () => {
  it('counts today, yesterday, the last seven days, this month and last month', () => {
    const today = '2026-03-02';
    expect(presetRange('today', today)).toEqual({ from: '2026-03-02', to: '2026-03-02' });
    expect(presetRange('yesterday', today)).toEqual({ from: '2026-03-01', to: '2026-03-01' });
    expect(presetRange('last7', today)).toEqual({ from: '2026-02-24', to: '2026-03-02' });
    expect(presetRange('thisMonth', today)).toEqual({ from: '2026-03-01', to: '2026-03-02' });
    expect(presetRange('lastMonth', today)).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(presetRange('lastMonth', '2028-03-31')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(presetRange('lastMonth', '2027-01-15')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });

  it('knows which preset a range is, and whether it is one whole month', () => {
    expect(presetOf({ from: '2026-02-24', to: '2026-03-02' }, '2026-03-02')).toBe('last7');
    expect(presetOf({ from: '2026-02-23', to: '2026-03-02' }, '2026-03-02')).toBeNull();
    expect(isWholeMonth(monthOf('2026-02-14'))).toBe(true);
    expect(isWholeMonth({ from: '2026-02-01', to: '2026-02-27' })).toBe(false);
  });

  it('takes today in the account’s time zone, not the browser’s', () => {
    const now = new Date('2026-12-07T03:30:00Z');
    expect(todayIn(now, 'America/La_Paz')).toBe('2026-12-06');
    expect(todayIn(now, 'Asia/Riyadh')).toBe('2026-12-07');
    // An unknown zone falls back to the browser's rather than failing the page.
    expect(todayIn(now, 'Mars/Olympus')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
