// Users and roles: everyone of the account with their role, status (active or disabled) and presence
// right now; inviting someone (a first password generated and shown once, or typed), changing a role,
// disabling and enabling, resetting a password, a legend of what each role may do; and the agents'
// capacity per channel and skills (languages) for routing.
import { useState } from 'react';
import type { Api } from '../api.ts';
import { useChannels } from '../channels.ts';
import { RoleLegend } from '../components/role-legend.tsx';
import { useLoad } from '../components/use-load.ts';
import { OneTimePassword, UserCreateForm } from '../components/user-create-form.tsx';
import { userErrorText } from '../components/user-roles.ts';
import { RoleSelect, UserActions, UserStatus } from '../components/user-row-actions.tsx';
import '../components/users-admin.css';
import { type Key, useI18n } from '../i18n.tsx';
import type { User } from '../types.ts';

export function UsersAdmin(props: { api: Api; me?: User }) {
  // A capacity per channel kind the hub runs (GET /channels).
  const channels = useChannels(props.api) ?? [];
  const { t } = useI18n();
  const users = useLoad<User[]>(() => props.api.get<User[]>('/users').then((r) => r.data));
  const [msg, setMsg] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [oneTime, setOneTime] = useState<{ name: string; password: string } | null>(null);
  const patch = async (u: User, body: Record<string, unknown>) => {
    try {
      await props.api.patch(`/users/${u.id}`, body);
      setMsg(`${u.name}: ${t('saved')}`);
      users.reload();
      return true;
    } catch (e) {
      const code = (e as { code?: string }).code ?? '';
      setMsg(`${u.name}: ${userErrorText[code] ? t(userErrorText[code]) : (e as Error).message}`);
      users.reload();
      return false;
    }
  };
  return (
    <section>
      <h1>{t('usersAndRoles')}</h1>
      <RoleLegend />
      {oneTime ? (
        <OneTimePassword name={oneTime.name} password={oneTime.password} onDone={() => setOneTime(null)} />
      ) : creating ? (
        <UserCreateForm
          api={props.api}
          onCancel={() => setCreating(false)}
          onCreated={(u, password) => {
            setCreating(false);
            setMsg(t('userCreated', { name: u.name }));
            if (password) setOneTime({ name: u.name, password });
            users.reload();
          }}
        />
      ) : (
        <button type="button" className="primary" onClick={() => setCreating(true)}>
          {t('userNew')}
        </button>
      )}
      {msg && <p role="status">{msg}</p>}
      <table className="grid users-table">
        <thead>
          <tr>
            <th>{t('name')}</th>
            <th>{t('userRole')}</th>
            <th>{t('userStatus')}</th>
            <th>{t('presence')}</th>
            {channels.map((c) => (
              <th key={c.kind} data-kind={c.kind}>
                {c.label}
              </th>
            ))}
            <th>{t('userLanguages')}</th>
            <th>{t('userActions')}</th>
          </tr>
        </thead>
        <tbody>
          {(users.data ?? []).map((u) => (
            <tr key={u.id} data-user={u.email} className={u.disabled ? 'disabled' : ''}>
              <td className="who">
                {u.name} {u.id === props.me?.id && <span className="muted">{t('userYou')}</span>}
                <small>{u.email}</small>
              </td>
              <td>
                <RoleSelect user={u} self={u.id === props.me?.id} onChange={(role) => patch(u, { role })} />
              </td>
              <td>
                <UserStatus user={u} />
              </td>
              <td>
                {t(u.presence.status as Key)}
                {u.presence.reason ? ` (${u.presence.reason})` : ''}
              </td>
              {channels.map(({ kind, label }) => (
                <td key={kind}>
                  <input
                    aria-label={`${u.name} ${label}`}
                    inputMode="numeric"
                    defaultValue={u.capacity[kind] ?? ''}
                    onBlur={(e) =>
                      e.target.value !== String(u.capacity[kind] ?? '') &&
                      patch(u, { capacity: { [kind]: Number(e.target.value) } })
                    }
                  />
                </td>
              ))}
              <td>
                <input
                  aria-label={`${u.name} ${t('userLanguages')}`}
                  defaultValue={(u.skills.languages ?? []).join(', ')}
                  onBlur={(e) =>
                    patch(u, {
                      skills: {
                        ...u.skills,
                        languages: e.target.value
                          .split(',')
                          .map((x) => x.trim())
                          .filter(Boolean),
                      },
                    })
                  }
                />
              </td>
              <td>
                <UserActions
                  user={u}
                  self={u.id === props.me?.id}
                  patch={(body) => patch(u, body)}
                  onPassword={(password) => setOneTime({ name: u.name, password })}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
