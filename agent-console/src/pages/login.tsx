import { type FormEvent, useState } from 'react';
import type { Api } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import type { User } from '../types.ts';

export function LoginPage(props: { api: Api; onLogin(s: { token: string; user: User }): void }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await props.api.login<User>(email, password);
      props.onLogin({ token: r.token, user: r.user });
    } catch (err) {
      setError(t((err as { code?: string }).code === 'account_disabled' ? 'accountDisabled' : 'loginFailed'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="login">
      <form onSubmit={submit} aria-label={t('login')}>
        <h1>{t('appName')}</h1>
        <label>
          {t('email')}
          <input
            type="email"
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
          />
        </label>
        <label>
          {t('password')}
          <input
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {t('login')}
        </button>
      </form>
    </main>
  );
}
