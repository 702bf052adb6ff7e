// The account's business hours (routing settings `businessHours`): the contact centre's main calendar,
// followed by every team that has no hours of its own. Without one, teams are always open.
import { useEffect, useState } from 'react';
import type { Hours } from '#shared/business-hours.ts';
import { type Api, ApiError } from '../api.ts';
import { HoursEditor } from '../components/hours-editor.tsx';
import { defaultHours, type EditableHours, editable, problemsByPlace } from '../components/hours-model.ts';
import { useLoad } from '../components/use-load.ts';
import { type Key, useI18n } from '../i18n.tsx';

export function HoursAdmin(props: { api: Api }) {
  const { t } = useI18n();
  const settings = useLoad(() =>
    props.api.get<{ businessHours: Hours | null }>('/routing/settings').then((r) => r.data),
  );
  const [hours, setHours] = useState<EditableHours | null>(null);
  const [msg, setMsg] = useState<{ text: string; bad?: boolean } | null>(null);
  useEffect(() => {
    if (settings.data) setHours(editable(settings.data.businessHours));
  }, [settings.data]);
  const save = async () => {
    try {
      await props.api.patch('/routing/settings', { businessHours: hours });
      setMsg({ text: t('saved') });
      settings.reload();
    } catch (e) {
      const known = e instanceof ApiError && e.status === 422;
      setMsg({ text: known ? t(`hoursErr_${e.code}` as Key) : (e as Error).message, bad: true });
    }
  };
  if (!settings.data) return <section>{settings.error && <p className="error">{settings.error}</p>}</section>;
  const blocked = hours ? problemsByPlace(hours).size > 0 : false;
  return (
    <section>
      <h1>{t('businessHours')}</h1>
      <p className="muted">{t('hoursIntro')}</p>
      <form
        className="card"
        aria-label={t('businessHours')}
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <label className="check">
          <input
            type="checkbox"
            name="hours-enabled"
            checked={hours !== null}
            onChange={(e) =>
              setHours(e.target.checked ? (editable(settings.data?.businessHours) ?? defaultHours()) : null)
            }
          />
          {t('hoursUseCalendar')}
        </label>
        {hours ? (
          <HoursEditor value={hours} onChange={setHours} label={t('businessHours')} />
        ) : (
          <p className="muted">{t('hoursAlwaysOpen')}</p>
        )}
        {msg && (
          <p role="status" className={msg.bad ? 'error' : undefined}>
            {msg.text}
          </p>
        )}
        <div>
          <button type="submit" className="primary" disabled={blocked}>
            {t('save')}
          </button>
        </div>
      </form>
    </section>
  );
}
