// Inviting someone: name, e-mail, role and a first password, generated (shown once, to pass on) or typed.
import { type FormEvent, useState } from 'react';
import type { Api } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import type { User } from '../types.ts';
import { generatePassword, type Role, roleName, roles, userErrorText } from './user-roles.ts';

export function UserCreateForm(props: {
  api: Api;
  onCreated(u: User, password: string | null): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [mode, setMode] = useState<'generate' | 'type'>('generate');
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const password = mode === 'generate' ? generatePassword() : typed;
    setBusy(true);
    setError(null);
    try {
      const r = await props.api.post<User>('/users', { name, email, role, password });
      props.onCreated(r.data, mode === 'generate' ? password : null);
    } catch (err) {
      const code = (err as { code?: string }).code ?? '';
      setError(userErrorText[code] ? t(userErrorText[code]) : (err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card user-create" onSubmit={submit} aria-label={t('userNew')}>
      <label>
        {t('name')}
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
      </label>
      <label>
        {t('email')}
        <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
      </label>
      <label>
        {t('userRole')}
        <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {t(roleName[r])}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>{t('password')}</legend>
        <label className="check">
          <input type="radio" checked={mode === 'generate'} onChange={() => setMode('generate')} />
          {t('userPasswordGenerate')}
        </label>
        <label className="check">
          <input type="radio" checked={mode === 'type'} onChange={() => setMode('type')} />
          {t('userPasswordType')}
        </label>
        {mode === 'type' && (
          <input
            type="password"
            aria-label={t('password')}
            autoComplete="new-password"
            minLength={8}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            required
          />
        )}
      </fieldset>
      {error && (
        <p role="alert" className="alert">
          {error}
        </p>
      )}
      <div className="inline">
        <button type="submit" className="primary" disabled={busy}>
          {t('userCreate')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('userCancel')}
        </button>
      </div>
    </form>
  );
}

/** A password shown once, right after it was set, for the admin to pass on. */
export function OneTimePassword(props: { name: string; password: string; onDone(): void }) {
  const { t } = useI18n();
  return (
    <div className="card one-time-password" role="status">
      <p>{t('userPasswordOnce', { name: props.name })}</p>
      <code data-testid="one-time-password">{props.password}</code>
      <div className="inline">
        <button type="button" onClick={() => navigator.clipboard?.writeText(props.password).catch(() => {})}>
          {t('userCopy')}
        </button>
        <button type="button" className="primary" onClick={props.onDone}>
          {t('userPasswordDone')}
        </button>
      </div>
    </div>
  );
}
