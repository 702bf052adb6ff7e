// The account's security log (admins): every sign-in that failed, was throttled or succeeded, sign-outs,
// ended sessions and password changes, with the address and browser they came from, newest first.
import { useEffect, useState } from 'react';
import type { SecurityEventJson } from '#shared/security.schema.ts';
import type { Api } from '../api.ts';
import { useLoad } from '../components/use-load.ts';
import { type Key, useI18n } from '../i18n.tsx';

const types = [
  'login_failed',
  'login_throttled',
  'login_succeeded',
  'logout',
  'sessions_revoked',
  'password_changed',
] as const;
const typeKey: Record<(typeof types)[number], Key> = {
  login_failed: 'secLoginFailed',
  login_throttled: 'secLoginThrottled',
  login_succeeded: 'secLoginSucceeded',
  logout: 'secLogout',
  sessions_revoked: 'secSessionsRevoked',
  password_changed: 'secPasswordChanged',
};

export function SecurityAdmin(props: { api: Api }) {
  const { t } = useI18n();
  const [type, setType] = useState('');
  const events = useLoad(() =>
    props.api
      .get<SecurityEventJson[]>(`/security/events?limit=200${type ? `&type=${type}` : ''}`)
      .then((r) => r.data),
  );
  const { reload } = events;
  // After the render that changed the filter, so the loader reads the new type.
  const [shown, setShown] = useState('');
  useEffect(() => {
    if (type === shown) return;
    setShown(type);
    reload();
  }, [type, shown, reload]);
  return (
    <section className="security-admin">
      <h1>{t('security')}</h1>
      <p className="muted">{t('securityHint')}</p>
      <label className="inline">
        {t('secType')}
        <select value={type} onChange={(e) => setType(e.target.value)}>
          <option value="">{t('secAll')}</option>
          {types.map((v) => (
            <option key={v} value={v}>
              {t(typeKey[v])}
            </option>
          ))}
        </select>
      </label>
      {events.error && <p role="status">{events.error}</p>}
      <table className="grid">
        <thead>
          <tr>
            <th>{t('secWhen')}</th>
            <th>{t('secType')}</th>
            <th>{t('email')}</th>
            <th>{t('sessionAddress')}</th>
            <th>{t('sessionDevice')}</th>
          </tr>
        </thead>
        <tbody>
          {events.data?.map((e) => (
            <tr
              key={e.id}
              className={e.type === 'login_failed' || e.type === 'login_throttled' ? 'warn' : ''}
            >
              <td>{new Date(e.createdAt).toLocaleString()}</td>
              <td>{t(typeKey[e.type])}</td>
              <td>{e.email ?? '—'}</td>
              <td>{e.ip ?? '—'}</td>
              <td>{e.userAgent ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
