// My account, for every role: where I am signed in (each session's browser, address, when opened and
// last used), signing one out or every one, and changing my password (the hub refuses a weak one and
// signs out my other sessions).
import { type FormEvent, useState } from 'react';
import type { SessionJson } from '#shared/security.schema.ts';
import { type Api, ApiError } from '../api.ts';
import { useLoad } from '../components/use-load.ts';
import { useI18n } from '../i18n.tsx';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

export function AccountPage(props: { api: Api; onSignedOut(): void }) {
  const { t } = useI18n();
  const sessions = useLoad(() => props.api.get<SessionJson[]>('/me/sessions').then((r) => r.data));
  const [msg, setMsg] = useState<string | null>(null);
  const end = async (id: string) => {
    await props.api.del(`/me/sessions/${id}`);
    setMsg(t('sessionEnded'));
    await sessions.reload();
  };
  const everywhere = async () => {
    await props.api.post('/auth/logout', { everywhere: true }).catch(() => {});
    props.onSignedOut();
  };
  return (
    <main className="page account">
      <h1>{t('myAccount')}</h1>
      <section aria-labelledby="sessions-title">
        <h2 id="sessions-title">{t('sessions')}</h2>
        <p className="muted">{t('sessionsHint')}</p>
        {(msg || sessions.error) && <p role="status">{msg ?? sessions.error}</p>}
        <table className="grid">
          <thead>
            <tr>
              <th>{t('sessionDevice')}</th>
              <th>{t('sessionAddress')}</th>
              <th>{t('sessionOpened')}</th>
              <th>{t('sessionLastUsed')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {sessions.data?.map((s) => (
              <tr key={s.id} data-session={s.id}>
                <td>{s.userAgent ?? '—'}</td>
                <td>{s.ip ?? '—'}</td>
                <td>{when(s.createdAt)}</td>
                <td>{when(s.lastUsedAt)}</td>
                <td>
                  {s.current ? (
                    <strong>{t('thisSession')}</strong>
                  ) : (
                    <button type="button" onClick={() => end(s.id)}>
                      {t('signOutSession')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" className="danger" onClick={everywhere}>
          {t('signOutEverywhere')}
        </button>
      </section>
      <PasswordForm api={props.api} onChanged={() => sessions.reload()} />
    </main>
  );
}

function PasswordForm(props: { api: Api; onChanged(): void }) {
  const { t } = useI18n();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const r = await props.api.post<{ endedSessions: number }>('/me/password', {
        currentPassword: current,
        newPassword: next,
      });
      setMsg({ ok: true, text: t('passwordChanged', { n: r.data.endedSessions }) });
      setCurrent('');
      setNext('');
      props.onChanged();
    } catch (err) {
      const code = err instanceof ApiError ? err.code : '';
      // The hub says why a password is weak (its estimator's reason); the other refusals are ours.
      const text =
        code === 'wrong_password'
          ? t('wrongCurrentPassword')
          : code === 'login_throttled'
            ? t('loginThrottled', { minutes: 1 })
            : (err as Error).message;
      setMsg({ ok: false, text });
    }
  };
  return (
    <section aria-labelledby="password-title">
      <h2 id="password-title">{t('changePassword')}</h2>
      <form onSubmit={submit} className="stack">
        <label>
          {t('currentPassword')}
          <input
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
            required
          />
        </label>
        <label>
          {t('newPassword')}
          <input
            type="password"
            autoComplete="new-password"
            minLength={8}
            value={next}
            onChange={(e) => setNext(e.target.value)}
            required
          />
        </label>
        {msg && (
          <p role={msg.ok ? 'status' : 'alert'} className={msg.ok ? '' : 'error'}>
            {msg.text}
          </p>
        )}
        <button type="submit" className="primary">
          {t('changePassword')}
        </button>
      </form>
    </section>
  );
}
