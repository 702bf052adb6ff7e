// The business-hours editor's logic: weekday rows Monday first, a new interval placed after the day's
// last, holidays kept in date order, problems placed on the row they belong to, the zone list keeping a
// value the browser does not list, and older stored holidays (bare dates) read as named ones.
import { describe, expect, it } from 'vitest';
import {
  addHoliday,
  addInterval,
  dayRows,
  defaultHours,
  editable,
  problemsByPlace,
  removeHoliday,
  removeInterval,
  timeZones,
  updateInterval,
} from '../../agent-console/src/components/hours-model.ts';
import { isOpen } from '../../shared/business-hours.ts';

describe('hours editor model', () => {
  it('shows the Bolivian default as seven rows, Monday first, Sunday closed', () => {
    const rows = dayRows(defaultHours());
    expect(rows.map((r) => r.day)).toEqual([1, 2, 3, 4, 5, 6, 0]);
    expect(rows[0].intervals.map((i) => `${i.from}-${i.to}`)).toEqual(['08:00-20:00']);
    expect(rows[5].intervals.map((i) => `${i.from}-${i.to}`)).toEqual(['09:00-13:00']);
    expect(rows[6].intervals).toEqual([]);
    // Each interval keeps its index in the week, for edits.
    expect(rows[5].intervals[0].index).toBe(5);
  });

  it('adds an interval after the last one of the day, or a morning on an empty day', () => {
    const h = { timezone: 'UTC', week: [{ day: 1, from: '08:00', to: '12:00' }], holidays: [] };
    const two = addInterval(h, 1);
    expect(two.week[1]).toEqual({ day: 1, from: '13:00', to: '17:00' });
    expect(problemsByPlace(two).size).toBe(0);
    expect(addInterval(h, 0).week[1]).toEqual({ day: 0, from: '08:00', to: '12:00' });
    const late = addInterval({ ...h, week: [{ day: 2, from: '18:00', to: '22:30' }] }, 2);
    expect(late.week[1].to <= '23:59').toBe(true);
  });

  it('sorts intervals of a day by start, whatever order they were added in', () => {
    const h = {
      timezone: 'UTC',
      week: [
        { day: 3, from: '14:00', to: '18:00' },
        { day: 3, from: '08:00', to: '12:00' },
      ],
      holidays: [],
    };
    expect(dayRows(h)[2].intervals.map((i) => i.index)).toEqual([1, 0]);
  });

  it('edits and removes intervals by index', () => {
    const h = defaultHours();
    const edited = updateInterval(h, 0, { to: '18:00' });
    expect(edited.week[0]).toEqual({ day: 1, from: '08:00', to: '18:00' });
    expect(h.week[0].to).toBe('20:00');
    expect(removeInterval(h, 5).week.some((i) => i.day === 6)).toBe(false);
  });

  it('keeps holidays in date order and removes them', () => {
    let h = defaultHours();
    h = addHoliday(h, '2026-08-06', ' Independencia ');
    h = addHoliday(h, '2026-01-22', 'Estado Plurinacional');
    expect(h.holidays).toEqual([
      { date: '2026-01-22', name: 'Estado Plurinacional' },
      { date: '2026-08-06', name: 'Independencia' },
    ]);
    expect(removeHoliday(h, 0).holidays.map((x) => x.date)).toEqual(['2026-08-06']);
  });

  it('places each problem on its row, with the code the hub answers', () => {
    const h = {
      timezone: 'Mars/Olympus',
      week: [
        { day: 1, from: '08:00', to: '12:00' },
        { day: 1, from: '11:00', to: '13:00' },
        { day: 2, from: '18:00', to: '09:00' },
      ],
      holidays: [
        { date: '2026-02-30', name: 'x' },
        { date: '2026-05-01', name: 'Trabajo' },
        { date: '2026-05-01', name: 'Trabajo' },
      ],
    };
    expect(Object.fromEntries(problemsByPlace(h))).toEqual({
      timezone: 'unknown_time_zone',
      'week.1': 'hours_overlap',
      'week.2': 'hours_reversed',
      'holidays.0': 'invalid_date',
      'holidays.2': 'duplicate_holiday',
    });
  });

  it('reads bare-date holidays as named ones and nothing as no calendar', () => {
    expect(editable({ timezone: 'UTC', week: [], holidays: ['2026-12-25'] })?.holidays).toEqual([
      { date: '2026-12-25', name: '' },
    ]);
    expect(editable(null)).toBeNull();
  });

  it('lists the zones of the runtime and keeps a value it does not list', () => {
    const zones = timeZones('America/La_Paz');
    expect(zones).toContain('America/La_Paz');
    expect(zones.filter((z) => z === 'America/La_Paz')).toHaveLength(1);
    expect(timeZones('Etc/Unlisted')[0]).toBe('Etc/Unlisted');
  });

  it('previews with the same maths as the hub: a named holiday closes an open weekday', () => {
    const h = addHoliday(defaultHours(), '2026-08-06', 'Independencia');
    expect(isOpen(h, new Date('2026-08-05T14:00:00Z'))).toBe(true); // Wed 10:00 La Paz
    expect(isOpen(h, new Date('2026-08-06T14:00:00Z'))).toBe(false); // Thu, holiday
    expect(isOpen(h, new Date('2026-08-08T16:00:00Z'))).toBe(true); // Sat 12:00
    expect(isOpen(h, new Date('2026-08-08T17:30:00Z'))).toBe(false); // Sat 13:30
    expect(isOpen(h, new Date('2026-08-09T14:00:00Z'))).toBe(false); // Sunday
  });
});
