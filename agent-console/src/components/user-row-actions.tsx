// One user's role, status and password, as the users page edits them. An admin's own row cannot take
// away their own rights (the hub refuses it too: self_lockout, last_admin).
import { useState } from 'react';
import { useI18n } from '../i18n.tsx';
import type { User } from '../types.ts';
import { generatePassword, type Role, roleName, roles } from './user-roles.ts';

export function RoleSelect(props: { user: User; self: boolean; onChange(role: Role): void }) {
  const { t } = useI18n();
  return (
    <select
      aria-label={`${props.user.name} ${t('userRole')}`}
      value={props.user.role}
      disabled={props.self}
      title={props.self ? t('errSelfLockout') : undefined}
      onChange={(e) => props.onChange(e.target.value as Role)}
    >
      {roles.map((r) => (
        <option key={r} value={r}>
          {t(roleName[r])}
        </option>
      ))}
    </select>
  );
}

export function UserStatus(props: { user: User }) {
  const { t } = useI18n();
  return (
    <span className={`badge ${props.user.disabled ? 'warn' : ''}`}>
      {t(props.user.disabled ? 'userDisabled' : 'userActive')}
    </span>
  );
}

export function UserActions(props: {
  user: User;
  self: boolean;
  patch(body: Record<string, unknown>): Promise<boolean>;
  onPassword(password: string): void;
}) {
  const { t } = useI18n();
  const [resetting, setResetting] = useState(false);
  const [typed, setTyped] = useState('');
  // Disabling signs someone out at once: a second click confirms it.
  const [confirming, setConfirming] = useState(false);
  const u = props.user;
  const toggle = () => {
    if (!u.disabled && !confirming) return setConfirming(true);
    setConfirming(false);
    props.patch({ disabled: !u.disabled });
  };
  const reset = async (password: string, show: boolean) => {
    if (await props.patch({ password })) {
      setResetting(false);
      setTyped('');
      if (show) props.onPassword(password);
    }
  };
  return (
    <span className="inline user-actions">
      <button
        type="button"
        onClick={toggle}
        disabled={props.self}
        title={props.self ? t('errSelfLockout') : undefined}
      >
        {confirming
          ? t('userConfirmDisable', { name: u.name })
          : t(u.disabled ? 'userEnable' : 'userDisable')}
      </button>
      {resetting ? (
        <form
          className="inline"
          onSubmit={(e) => {
            e.preventDefault();
            reset(typed, false);
          }}
        >
          <input
            type="password"
            aria-label={`${u.name} ${t('password')}`}
            autoComplete="new-password"
            minLength={8}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            required
          />
          <button type="submit">{t('userSetPassword')}</button>
          <button type="button" onClick={() => reset(generatePassword(), true)}>
            {t('userPasswordGenerate')}
          </button>
          <button type="button" className="link" onClick={() => setResetting(false)}>
            {t('userCancel')}
          </button>
        </form>
      ) : (
        <button type="button" onClick={() => setResetting(true)}>
          {t('userResetPassword')}
        </button>
      )}
    </span>
  );
}
