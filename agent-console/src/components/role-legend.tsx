// A short legend of what each role may do, beside the users list.
import { useI18n } from '../i18n.tsx';
import { roleHint, roleName, roles } from './user-roles.ts';

export function RoleLegend() {
  const { t } = useI18n();
  return (
    <details className="role-legend">
      <summary>{t('roleLegend')}</summary>
      <dl>
        {roles.map((r) => (
          <div key={r}>
            <dt>{t(roleName[r])}</dt>
            <dd>{t(roleHint[r])}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
