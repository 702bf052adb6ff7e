// A business-hours calendar editor, used for the account's hours (pages/admin-hours.tsx) and a team's own
// (pages/admin-teams.tsx): a time zone, weekday rows of open intervals, named holidays, and an "open now"
// preview computed by the hub's own maths (shared/business-hours.ts).
import { useEffect, useState } from 'react';
import { isOpen, localTime } from '#shared/business-hours.ts';
import { type Key, useI18n } from '../i18n.tsx';
import {
  addHoliday,
  addInterval,
  dayRows,
  type EditableHours,
  problemsByPlace,
  removeHoliday,
  removeInterval,
  timeZones,
  updateInterval,
} from './hours-model.ts';
import './hours-editor.css';

const problemKey = (code: string) => `hoursErr_${code}` as Key;

export function HoursEditor(props: {
  value: EditableHours;
  onChange(v: EditableHours): void;
  label: string;
}) {
  const { t, lang } = useI18n();
  const h = props.value;
  const set = props.onChange;
  const problems = problemsByPlace(h);
  const [draft, setDraft] = useState({ date: '', name: '' });
  const dayName = (day: number) =>
    // 2023-01-01 was a Sunday: day 0 + n is the weekday n.
    new Intl.DateTimeFormat(lang, { weekday: 'long', timeZone: 'UTC' }).format(
      new Date(Date.UTC(2023, 0, 1 + day)),
    );
  return (
    <fieldset className="hours-editor" aria-label={props.label}>
      <label>
        {t('timezone')}
        <select
          name="timezone"
          value={h.timezone}
          onChange={(e) => set({ ...h, timezone: e.target.value })}
          aria-invalid={problems.has('timezone')}
        >
          {timeZones(h.timezone).map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </select>
        {problems.has('timezone') && (
          <span className="error">{t(problemKey(problems.get('timezone')!))}</span>
        )}
      </label>
      <OpenNow hours={h} />
      <table className="hours-week">
        <tbody>
          {dayRows(h).map((row) => (
            <tr key={row.day} data-day={row.day}>
              <th scope="row">{dayName(row.day)}</th>
              <td>
                {!row.intervals.length && <span className="muted">{t('hoursClosedDay')}</span>}
                {row.intervals.map((i) => (
                  <span key={i.index} className="hours-interval" data-index={i.index}>
                    <input
                      type="time"
                      aria-label={`${dayName(row.day)} ${t('hoursFrom')}`}
                      value={i.from}
                      onChange={(e) =>
                        e.target.value && set(updateInterval(h, i.index, { from: e.target.value }))
                      }
                    />
                    –
                    <input
                      type="time"
                      aria-label={`${dayName(row.day)} ${t('hoursTo')}`}
                      value={i.to}
                      onChange={(e) =>
                        e.target.value && set(updateInterval(h, i.index, { to: e.target.value }))
                      }
                    />
                    <button
                      type="button"
                      className="icon"
                      aria-label={t('hoursRemoveInterval')}
                      title={t('hoursRemoveInterval')}
                      onClick={() => set(removeInterval(h, i.index))}
                    >
                      ×
                    </button>
                    {problems.has(`week.${i.index}`) && (
                      <span className="error">{t(problemKey(problems.get(`week.${i.index}`)!))}</span>
                    )}
                  </span>
                ))}
              </td>
              <td>
                <button
                  type="button"
                  aria-label={`${t('hoursAddInterval')}: ${dayName(row.day)}`}
                  onClick={() => set(addInterval(h, row.day))}
                >
                  + {t('hoursAddInterval')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <fieldset className="hours-holidays">
        <legend>{t('hoursHolidays')}</legend>
        {!h.holidays.length && <p className="muted">{t('hoursNoHolidays')}</p>}
        <ul>
          {h.holidays.map((x, n) => (
            <li key={`${x.date}|${x.name}`} data-date={x.date}>
              <time dateTime={x.date}>{x.date}</time> <span>{x.name}</span>
              <button
                type="button"
                className="icon"
                aria-label={`${t('hoursRemoveHoliday')} ${x.date}`}
                onClick={() => set(removeHoliday(h, n))}
              >
                ×
              </button>
              {problems.has(`holidays.${n}`) && (
                <span className="error">{t(problemKey(problems.get(`holidays.${n}`)!))}</span>
              )}
            </li>
          ))}
        </ul>
        <div className="inline">
          <input
            type="date"
            aria-label={t('hoursHolidayDate')}
            value={draft.date}
            onChange={(e) => setDraft({ ...draft, date: e.target.value })}
          />
          <input
            aria-label={t('hoursHolidayName')}
            placeholder={t('hoursHolidayName')}
            value={draft.name}
            maxLength={200}
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
          />
          <button
            type="button"
            disabled={!draft.date || !draft.name.trim()}
            onClick={() => {
              set(addHoliday(h, draft.date, draft.name));
              setDraft({ date: '', name: '' });
            }}
          >
            + {t('hoursAddHoliday')}
          </button>
        </div>
      </fieldset>
    </fieldset>
  );
}

/** "Open now" / "Closed now" in the calendar's zone, refreshed every half minute. */
function OpenNow(props: { hours: EditableHours }) {
  const { t } = useI18n();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(id);
  }, []);
  let open: boolean;
  let clock: string;
  try {
    open = isOpen(props.hours, now);
    const local = localTime(now, props.hours.timezone);
    clock = `${local.date} ${String(Math.floor(local.minutes / 60)).padStart(2, '0')}:${String(local.minutes % 60).padStart(2, '0')}`;
  } catch {
    return null; // an unknown zone: its own error is shown
  }
  return (
    <p className={`hours-now ${open ? 'open' : 'closed'}`} role="status">
      <strong>{t(open ? 'hoursOpenNow' : 'hoursClosedNow')}</strong>{' '}
      <span className="muted">{t('hoursLocalTime', { time: clock })}</span>
    </p>
  );
}
