// A web-chat inbox's widget settings (shared/widget.schema.ts `widgetSettings`): title, position, the
// closing survey and farewell, the offline form's e-mail inbox, business hours and the pre-chat form.
// Other keys of the inbox's settings (its protocol ...) pass through untouched.

import type { BusinessHours, WidgetRateLimits, WidgetSettings } from '#shared/widget.schema.ts';
import { type Key, useI18n } from '../i18n.tsx';
import type { Obj } from './inbox-config-form.tsx';
import { PreChatFields } from './inbox-prechat-fields.tsx';
import './inbox-widget-settings.css';

type Interval = BusinessHours['intervals'][number];
// Restated as types only (importing the schema module would bundle zod); `satisfies` catches a rename.
const weekdays = [
  'sun',
  'mon',
  'tue',
  'wed',
  'thu',
  'fri',
  'sat',
] as const satisfies readonly Interval['days'][number][];
const defaultHours: BusinessHours = {
  timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'America/La_Paz',
  intervals: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '18:00' }],
};

export function WidgetSettingsForm(props: {
  value: Obj;
  onChange(v: Obj): void;
  emailInboxes: { id: string; name: string }[];
}) {
  const { t, lang } = useI18n();
  // The browser names the days in the console's language (2023-01-01 was a Sunday, like weekdays[0]).
  const dayName = (i: number) =>
    new Intl.DateTimeFormat(lang, { weekday: 'short', timeZone: 'UTC' }).format(Date.UTC(2023, 0, 1 + i));
  const s = props.value as WidgetSettings & Obj;
  const set = <K extends keyof WidgetSettings>(k: K, v: WidgetSettings[K]) =>
    props.onChange({ ...props.value, [k]: v });
  const hours = s.businessHours ?? null;
  const setInterval = (i: number, patch: Partial<Interval>) =>
    hours &&
    set('businessHours', {
      ...hours,
      intervals: hours.intervals.map((x, j) => (j === i ? { ...x, ...patch } : x)),
    });
  return (
    <fieldset className="card widget-settings" aria-label={t('widgetSettings')}>
      <legend>{t('widgetSettings')}</legend>
      <label>
        {t('widgetTitle')}
        <input
          name="settings.title"
          value={s.title ?? ''}
          onChange={(e) => set('title', e.target.value || undefined)}
        />
      </label>
      <label>
        {t('widgetPosition')}
        <select
          name="settings.position"
          value={s.position ?? 'right'}
          onChange={(e) => set('position', e.target.value as 'right' | 'left')}
        >
          <option value="right">{t('positionRight')}</option>
          <option value="left">{t('positionLeft')}</option>
        </select>
      </label>
      <label className="check">
        <input
          type="checkbox"
          name="settings.surveyEnabled"
          checked={s.surveyEnabled ?? true}
          onChange={(e) => set('surveyEnabled', e.target.checked)}
        />
        {t('widgetSurvey')}
      </label>
      <label>
        {t('widgetFarewell')}
        <textarea
          name="settings.farewell"
          rows={2}
          value={s.farewell ?? ''}
          onChange={(e) => set('farewell', e.target.value || null)}
        />
      </label>
      <label>
        {t('widgetOfflineInbox')}
        <select
          name="settings.offlineEmailInboxId"
          value={s.offlineEmailInboxId ?? ''}
          onChange={(e) => set('offlineEmailInboxId', e.target.value || null)}
        >
          <option value="">—</option>
          {props.emailInboxes.map((i) => (
            <option key={i.id} value={i.id}>
              {i.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('widgetPhoneCountry')}
        <input
          name="settings.phoneCountry"
          maxLength={2}
          value={s.phoneCountry ?? ''}
          onChange={(e) => set('phoneCountry', e.target.value.toUpperCase() || undefined)}
        />
      </label>
      <fieldset>
        <legend>
          <label className="check">
            <input
              type="checkbox"
              checked={hours !== null}
              onChange={(e) => set('businessHours', e.target.checked ? defaultHours : null)}
            />
            {t('businessHours')}
          </label>
        </legend>
        {hours && (
          <>
            <label>
              {t('timezone')}
              <input
                value={hours.timezone}
                onChange={(e) => set('businessHours', { ...hours, timezone: e.target.value })}
              />
            </label>
            {hours.intervals.map((iv, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own; edits keep their place
              <div key={i} className="inline" data-interval={i}>
                {weekdays.map((d, di) => (
                  <label key={d} className="check">
                    <input
                      type="checkbox"
                      checked={iv.days.includes(d)}
                      onChange={(e) =>
                        setInterval(i, {
                          days: e.target.checked ? [...iv.days, d] : iv.days.filter((x) => x !== d),
                        })
                      }
                    />
                    {dayName(di)}
                  </label>
                ))}
                <input
                  aria-label="from"
                  type="time"
                  value={iv.from}
                  onChange={(e) => setInterval(i, { from: e.target.value })}
                />
                <input
                  aria-label="to"
                  type="time"
                  value={iv.to}
                  onChange={(e) => setInterval(i, { to: e.target.value })}
                />
                <button
                  type="button"
                  aria-label={t('remove')}
                  onClick={() =>
                    set('businessHours', { ...hours, intervals: hours.intervals.filter((_, j) => j !== i) })
                  }
                >
                  ×
                </button>
              </div>
            ))}
            <button
              type="button"
              onClick={() =>
                set('businessHours', { ...hours, intervals: [...hours.intervals, defaultHours.intervals[0]] })
              }
            >
              + {t('businessHours')}
            </button>
          </>
        )}
      </fieldset>
      <PreChatFields value={s.preChat} onChange={(v) => set('preChat', v)} />
      <RateLimitFields value={s.rateLimits ?? {}} onChange={(v) => set('rateLimits', v)} />
    </fieldset>
  );
}

const limitKeys = [
  ['newVisitorsPerMinute', 'limitNewVisitors'],
  ['messagesPerMinute', 'limitMessages'],
  ['uploadsPerHour', 'limitUploads'],
  ['transcriptsPerHour', 'limitTranscripts'],
  ['transcriptsPerRecipientPerDay', 'limitTranscriptsPerRecipient'],
] as const satisfies readonly (readonly [keyof WidgetRateLimits, Key])[];

/** Anonymous traffic limits (server/widget/rate-limits.ts): empty keeps the hub's default. */
function RateLimitFields(props: { value: WidgetRateLimits; onChange(v: WidgetRateLimits): void }) {
  const { t } = useI18n();
  return (
    <fieldset aria-label={t('rateLimits')}>
      <legend>{t('rateLimits')}</legend>
      <p className="muted">{t('rateLimitsHint')}</p>
      {limitKeys.map(([k, label]) => (
        <label key={k}>
          {t(label)}
          <input
            name={`settings.rateLimits.${k}`}
            type="number"
            min={1}
            placeholder={t('limitDefault')}
            value={props.value[k] ?? ''}
            onChange={(e) => {
              const n = e.target.value === '' ? undefined : Number(e.target.value);
              props.onChange({ ...props.value, [k]: n });
            }}
          />
        </label>
      ))}
    </fieldset>
  );
}
