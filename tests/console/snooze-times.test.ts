// The snooze menu's times, in the agent's local time: in an hour, this evening at 18:00 (while at least an
// hour away), tomorrow at 09:00, next Monday at 09:00 — on the wall clock even across a DST change — the
// custom date-time input both ways, and the notice an agent gets when a snoozed conversation wakes.
// Runs in a fixed zone with DST (New York) so the expectations do not depend on the machine's.
process.env.TZ = 'America/New_York';

import { describe, expect, it } from 'vitest';
import { type Situation, unsnoozeNotice } from '../../agent-console/src/components/notify-rules.ts';
import {
  customSnooze,
  formatUntil,
  fromLocalInput,
  nextMonday,
  snoozeOptions,
  toLocalInput,
} from '../../agent-console/src/components/snooze-times.ts';

const local = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m - 1, d, h, min);
const byPreset = (now: Date) => Object.fromEntries(snoozeOptions(now).map((o) => [o.preset, o.at]));

describe('snooze presets', () => {
  it('the zone is the one the test asks for', () => {
    expect(new Date('2026-07-01T12:00:00Z').getHours()).toBe(8); // EDT, UTC-4
  });

  it('on a Wednesday morning: an hour, this evening, tomorrow 09:00 and next Monday', () => {
    const now = local(2026, 11, 25, 10, 20); // Wednesday
    const p = byPreset(now);
    expect(Object.keys(p)).toEqual(['hour', 'tonight', 'tomorrow', 'monday']);
    expect(p.hour.getTime() - now.getTime()).toBe(3_600_000);
    expect(p.tonight).toEqual(local(2026, 11, 25, 18));
    expect(p.tomorrow).toEqual(local(2026, 11, 26, 9));
    expect(p.monday).toEqual(local(2026, 11, 30, 9));
  });

  it('leaves out "this evening" once 18:00 is less than an hour away or past', () => {
    expect(byPreset(local(2026, 11, 25, 17, 0)).tonight).toEqual(local(2026, 11, 25, 18));
    expect(byPreset(local(2026, 11, 25, 17, 1)).tonight).toBeUndefined();
    expect(byPreset(local(2026, 11, 25, 21, 0)).tonight).toBeUndefined();
    expect(byPreset(local(2026, 11, 25, 21, 0)).tomorrow).toEqual(local(2026, 11, 26, 9));
  });

  it('tomorrow morning crosses a month and a year', () => {
    expect(byPreset(local(2026, 12, 31, 23, 30)).tomorrow).toEqual(local(2027, 1, 1, 9));
  });

  it('next Monday is a week ahead on a Monday, and one preset with tomorrow on a Sunday', () => {
    expect(nextMonday(local(2026, 11, 23, 8))).toEqual(local(2026, 11, 30, 9)); // Monday
    expect(nextMonday(local(2026, 11, 28, 8))).toEqual(local(2026, 11, 30, 9)); // Saturday
    const sunday = byPreset(local(2026, 11, 29, 12));
    expect(sunday.tomorrow).toEqual(local(2026, 11, 30, 9));
    expect(sunday.monday).toBeUndefined();
  });

  it('09:00 stays 09:00 on the wall clock across the end of summer time', () => {
    // 2026-11-01 02:00 EDT → 01:00 EST: that day has 25 hours.
    const now = local(2026, 10, 31, 20); // Saturday evening, EDT
    const { tomorrow, monday } = byPreset(now);
    expect(tomorrow.getHours()).toBe(9);
    expect(tomorrow.toISOString()).toBe('2026-11-01T14:00:00.000Z'); // 09:00 EST
    expect(tomorrow.getTime() - now.getTime()).toBe(14 * 3_600_000);
    expect(monday.toISOString()).toBe('2026-11-02T14:00:00.000Z');
  });
});

describe('custom date and time', () => {
  it('reads and writes the datetime-local value in local time', () => {
    const d = local(2026, 3, 8, 7, 5);
    expect(toLocalInput(d)).toBe('2026-03-08T07:05');
    expect(fromLocalInput('2026-03-08T07:05')).toEqual(d);
    expect(fromLocalInput('2026-03-08T07:05:30')?.getSeconds()).toBe(30);
  });

  it('refuses what is not a real date, and a time that is not in the future', () => {
    const now = local(2026, 11, 25, 10);
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('tomorrow')).toBeNull();
    expect(fromLocalInput('2026-02-30T10:00')).toBeNull();
    expect(customSnooze('2026-11-25T09:59', now)).toEqual({ error: 'past' });
    expect(customSnooze('2026-11-25T10:00', now)).toEqual({ error: 'past' });
    expect(customSnooze('2026-13-01T10:00', now)).toEqual({ error: 'invalid' });
    expect(customSnooze('2026-11-25T10:01', now)).toEqual({ at: local(2026, 11, 25, 10, 1) });
  });
});

describe('"Snoozed until …"', () => {
  const now = local(2026, 11, 25, 10);
  it('shows the time alone today, the weekday within the week, the date beyond', () => {
    expect(formatUntil(local(2026, 11, 25, 18), now, 'en-US')).toBe('06:00 PM');
    expect(formatUntil(local(2026, 11, 30, 9), now, 'en-US')).toBe('Mon 09:00 AM');
    expect(formatUntil(local(2026, 12, 24, 9), now, 'en-US')).toBe('Dec 24, 09:00 AM');
  });
});

describe('the wake-up notice', () => {
  const here: Situation = { me: '5', openId: '10', away: false, now: 0, since: 0 };
  const notice = {
    type: 'conversation.unsnoozed',
    conversationId: '20',
    snoozedUntil: '2026-11-25T17:00:00Z',
  };
  it('calls the agent to a conversation that woke elsewhere', () => {
    expect(unsnoozeNotice(notice, here)).toMatchObject({ kind: 'unsnoozed', conversationId: '20' });
  });
  it('stays quiet about the one on screen, and about other notices', () => {
    expect(unsnoozeNotice({ ...notice, conversationId: '10' }, here)).toBeNull();
    expect(unsnoozeNotice({ ...notice, conversationId: '10' }, { ...here, away: true })).not.toBeNull();
    expect(unsnoozeNotice({ ...notice, type: 'other' }, here)).toBeNull();
  });
  it('one wake-up sounds once, a later snooze of the same conversation again', () => {
    const a = unsnoozeNotice(notice, here)!;
    const b = unsnoozeNotice({ ...notice, snoozedUntil: '2026-11-26T14:00:00Z' }, here)!;
    expect(a.key).toBe(unsnoozeNotice(notice, here)!.key);
    expect(a.key).not.toBe(b.key);
  });
});
