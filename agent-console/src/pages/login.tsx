// Signing in. The hub's refusals are told plainly: a wrong password, a disabled account, too many
// failures (with how long to wait), and an address that signs in to several accounts (choose one).
import { type FormEvent, useState } from 'react';
import { type Api, ApiError } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import type { User } from '../types.ts';

type AccountChoice = { id: string; name: string };

export function LoginPage(props: { api: Api; onLogin(s: { token: string; user: User }): void }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [accounts, setAccounts] = useState<AccountChoice[] | null>(null);
  const [accountId, setAccountId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await props.api.login<User>(email, password, accounts ? accountId : undefined);
      props.onLogin({ token: r.token, user: r.user });
    } catch (err) {
      setError(refusal(err));
    } finally {
      setBusy(false);
    }
  };
  const refusal = (err: unknown): string | null => {
    const code = err instanceof ApiError ? err.code : '';
    const details = (err instanceof ApiError ? err.details : undefined) as
      | { accounts?: AccountChoice[]; retryAfterMs?: number }
      | undefined;
    if (code === 'account_required' && details?.accounts?.length) {
      setAccounts(details.accounts);
      setAccountId(details.accounts[0].id);
      return t('chooseAccount');
    }
    if (code === 'login_throttled') {
      const minutes = Math.max(1, Math.ceil((details?.retryAfterMs ?? 60_000) / 60_000));
      return t('loginThrottled', { minutes });
    }
    if (code === 'account_disabled') return t('accountDisabled');
    if (code === 'offline') return (err as Error).message;
    return t('loginFailed');
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
            onChange={(e) => {
              setEmail(e.target.value);
              setAccounts(null);
            }}
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
        {accounts && (
          <label>
            {t('account')}
            <select value={accountId} onChange={(e) => setAccountId(e.target.value)}>
              {accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
        )}
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
