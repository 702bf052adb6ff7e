// The attendance report's arithmetic, counted by hand: presence sessions as a timeline, what a window
// of time holds, and the shifts of a local day from business hours (America/La_Paz is UTC−4 all year).
import { describe, expect, it } from 'vitest';
import { dayWindows, wallInstant } from '#server/reports/attendance-shifts.ts';
import { complement, figuresIn, type Session, timeline } from '#server/reports/attendance-split.ts';

const at = (iso: string) => Date.parse(iso);
const min = 60_000;
const tz = 'America/La_Paz';
// Monday 2 March 2026, local midnight = 04:00Z.
const mon = { from: at('2026-03-02T04:00:00Z'), to: at('2026-03-03T04:00:00Z') };
const tue = { from: at('2026-03-03T04:00:00Z'), to: at('2026-03-04T04:00:00Z') };
const far = at('2026-04-01T00:00:00Z');

const s = (status: Session['status'], from: string, to: string | null, reason: string | null = null) => ({
  status,
  reason,
  startedAt: at(from),
  endedAt: to === null ? null : at(to),
});

describe('timeline', () => {
  it('cuts a session where the next starts and an open one at now, and drops what starts after now', () => {
    const now = at('2026-03-02T15:00:00Z');
    const spans = timeline(
      [
        s('online', '2026-03-02T12:00:00Z', '2026-03-02T14:00:00Z'), // overlaps the next by 30 min
        s('away', '2026-03-02T13:30:00Z', null),
        s('online', '2026-03-02T16:00:00Z', null), // after now
      ],
      now,
    );
    expect(spans).toEqual([
      { status: 'online', reason: null, from: at('2026-03-02T12:00:00Z'), to: at('2026-03-02T13:30:00Z') },
      { status: 'away', reason: null, from: at('2026-03-02T13:30:00Z'), to: now },
    ]);
  });
});

describe('figuresIn', () => {
  // Monday 22:00 local (02:00Z Tue) online until Tuesday 01:30 local (05:30Z), then offline.
  const night = timeline(
    [s('online', '2026-03-03T02:00:00Z', '2026-03-03T05:30:00Z'), s('offline', '2026-03-03T05:30:00Z', null)],
    far,
  );

  it('splits a session across local midnight between the two days', () => {
    const m = figuresIn(night, [mon], far);
    const t = figuresIn(night, [tue], far);
    expect(m.online).toBe(120 * min); // 22:00 → 24:00
    expect(m.offline).toBe((24 * 60 - 120) * min);
    expect(m.firstLogin).toBe(at('2026-03-03T02:00:00Z'));
    expect(m.lastLogout).toBeNull(); // still logged in at the day's end
    expect(t.online).toBe(90 * min); // 00:00 → 01:30
    expect(t.firstLogin).toBe(tue.from); // already logged in at midnight: the day's first instant
    expect(t.lastLogout).toBe(at('2026-03-03T05:30:00Z'));
  });

  it('counts a break between online times as one login, by reason, and a gap between sessions as offline', () => {
    const spans = timeline(
      [
        s('online', '2026-03-02T12:00:00Z', '2026-03-02T13:00:00Z'), // 08:00–09:00 local
        s('auxiliary', '2026-03-02T13:00:00Z', '2026-03-02T13:45:00Z', 'Lunch'),
        s('online', '2026-03-02T13:45:00Z', '2026-03-02T15:00:00Z'),
        // no session 15:00–16:00Z: nothing known, logged out
        s('away', '2026-03-02T16:00:00Z', '2026-03-02T16:10:00Z'),
        s('offline', '2026-03-02T16:10:00Z', null),
      ],
      far,
    );
    const f = figuresIn(spans, [mon], far);
    expect(f.online).toBe((60 + 75) * min);
    expect(Object.fromEntries(f.auxiliary)).toEqual({ Lunch: 45 * min });
    expect(f.away).toBe(10 * min);
    expect(f.offline).toBe((24 * 60 - 60 - 45 - 75 - 10) * min);
    expect(f.firstLogin).toBe(at('2026-03-02T12:00:00Z'));
    expect(f.lastLogout).toBe(at('2026-03-02T16:10:00Z'));
  });

  it('reads a logout exactly at the end of a window as a logout, and staying on past it as none', () => {
    const spans = timeline(
      [
        s('online', '2026-03-02T12:00:00Z', '2026-03-02T16:00:00Z'), // 08:00–12:00 local
        s('offline', '2026-03-02T16:00:00Z', '2026-03-02T18:00:00Z'),
        s('online', '2026-03-02T18:00:00Z', '2026-03-02T22:00:00Z'), // 14:00–18:00
        s('auxiliary', '2026-03-02T22:00:00Z', null, 'Back office'),
      ],
      far,
    );
    const morning = { from: at('2026-03-02T12:00:00Z'), to: at('2026-03-02T16:00:00Z') };
    const afternoon = { from: at('2026-03-02T18:00:00Z'), to: at('2026-03-02T22:00:00Z') };
    expect(figuresIn(spans, [morning], far).lastLogout).toBe(morning.to);
    expect(figuresIn(spans, [afternoon], far).lastLogout).toBeNull(); // went on to back office
  });

  it('stops at now: the rest of a running window is neither offline nor online', () => {
    const now = at('2026-03-02T14:00:00Z'); // 10:00 local
    const spans = timeline([s('online', '2026-03-02T13:00:00Z', null)], now);
    const f = figuresIn(spans, [mon], now);
    expect(f.elapsed).toBe(10 * 60 * min);
    expect(f.online).toBe(60 * min);
    expect(f.offline).toBe(9 * 60 * min);
    expect(f.lastLogout).toBeNull();
  });

  it('reads several ranges as one window', () => {
    const spans = timeline([s('online', '2026-03-02T11:00:00Z', '2026-03-02T17:00:00Z')], far);
    // 07:00–13:00 local against 00:00–08:00 and 12:00–24:00: one hour in each.
    const f = figuresIn(
      spans,
      [
        { from: mon.from, to: at('2026-03-02T12:00:00Z') },
        { from: at('2026-03-02T16:00:00Z'), to: mon.to },
      ],
      far,
    );
    expect(f.online).toBe(120 * min);
    expect(f.firstLogin).toBe(at('2026-03-02T11:00:00Z'));
    expect(f.lastLogout).toBe(at('2026-03-02T17:00:00Z'));
  });
});

describe('complement', () => {
  it('gives the parts of a day no shift covers', () => {
    expect(
      complement(0, 100, [
        { from: 0, to: 10 },
        { from: 40, to: 60 },
      ]),
    ).toEqual([
      { from: 10, to: 40 },
      { from: 60, to: 100 },
    ]);
  });
});

describe('dayWindows', () => {
  const hours = {
    timezone: tz,
    week: [
      { day: 1, from: '08:00', to: '12:00' },
      { day: 1, from: '14:00', to: '18:00' },
      { day: 1, from: '22:00', to: '23:59' },
      { day: 2, from: '00:00', to: '06:00' },
    ],
    holidays: [{ date: '2026-03-09', name: 'Carnival' }],
  };

  it('makes each interval of the weekday a shift, an interval to 23:59 run to midnight, the rest outside', () => {
    const w = dayWindows('2026-03-02', tz, hours);
    expect(w.shifts.map((x) => [x.key, x.label, x.to - x.from])).toEqual([
      ['08:00-12:00', '08:00–12:00', 4 * 60 * min],
      ['14:00-18:00', '14:00–18:00', 4 * 60 * min],
      ['22:00-24:00', '22:00–24:00', 2 * 60 * min],
    ]);
    expect(w.shifts[0].from).toBe(at('2026-03-02T12:00:00Z'));
    expect(w.shifts[2].to).toBe(mon.to);
    expect(w.outside.map((r) => (r.to - r.from) / min)).toEqual([8 * 60, 2 * 60, 4 * 60]);
    expect(dayWindows('2026-03-03', tz, hours).shifts.map((x) => x.key)).toEqual(['00:00-06:00']);
  });

  it('has no shift on a holiday or a day without hours, and one whole-day shift without a calendar', () => {
    expect(dayWindows('2026-03-09', tz, hours).shifts).toEqual([]);
    // Wednesday has no interval: the whole day is outside the shifts.
    expect(dayWindows('2026-03-04', tz, hours).outside).toEqual([
      { from: tue.to, to: tue.to + 24 * 60 * min },
    ]);
    const whole = dayWindows('2026-03-02', tz, null);
    expect(whole.shifts).toEqual([{ key: 'whole-day', label: 'Whole day', wholeDay: true, ...mon }]);
  });

  it("places hours kept in another zone at their instants and cuts them at the report's midnight", () => {
    // 02:00–06:00 UTC on Monday is 22:00–02:00 La Paz: Sunday 22:00–24:00 and Monday 00:00–02:00.
    const utc = { timezone: 'UTC', week: [{ day: 1, from: '02:00', to: '06:00' }], holidays: [] };
    expect(dayWindows('2026-03-01', tz, utc).shifts.map((x) => x.label)).toEqual(['22:00–24:00']);
    expect(dayWindows('2026-03-02', tz, utc).shifts.map((x) => x.label)).toEqual(['00:00–02:00']);
  });
});

describe('wallInstant', () => {
  it('follows daylight saving time', () => {
    // New York moves to UTC−4 at 02:00 on 8 March 2026.
    expect(new Date(wallInstant('2026-03-07', 8 * 60, 'America/New_York')).toISOString()).toBe(
      '2026-03-07T13:00:00.000Z',
    );
    expect(new Date(wallInstant('2026-03-08', 8 * 60, 'America/New_York')).toISOString()).toBe(
      '2026-03-08T12:00:00.000Z',
    );
  });
});
