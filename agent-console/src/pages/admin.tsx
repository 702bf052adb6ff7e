// Admin pages for routing: teams (strategy, members, business hours, overflow, re-route, offline path),
// routing rules, routing settings (auxiliary reasons, service-level targets, unanswered threshold),
// agents' capacity and skills, and the protocol templates.
import type { Api } from '../api.ts';
import { type Key, useI18n } from '../i18n.tsx';
import { navigate } from '../router.ts';
import type { User } from '../types.ts';
import { CannedAdmin } from './admin-canned.tsx';
import { HoursAdmin } from './admin-hours.tsx';
import { InboxesAdmin } from './admin-inboxes.tsx';
import { LabelsAdmin } from './admin-labels.tsx';
import { ProtocolsAdmin } from './admin-protocols.tsx';
import { RoutingSettingsAdmin, RulesAdmin } from './admin-routing.tsx';
import { SecurityAdmin } from './admin-security.tsx';
import { TeamsAdmin } from './admin-teams.tsx';
import { UsersAdmin } from './admin-users.tsx';

const sections = [
  'teams',
  'rules',
  'routingSettings',
  'businessHours',
  'users',
  'protocols',
  'inboxes',
  'canned',
  'labels',
  'security',
] as const;
const slug = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The admin section a path opens (`/admin` opens the first); null for a path that names none. */
export function adminSectionOf(path: string): (typeof sections)[number] | null {
  if (path === '/admin' || path === '/admin/') return sections[0];
  return sections.find((s) => path === `/admin/${slug(s)}`) ?? null;
}

export function AdminPage(props: { api: Api; user: User; path: string }) {
  const { t } = useI18n();
  const current = adminSectionOf(props.path) ?? 'teams';
  return (
    <div className="admin">
      <nav className="side-nav" aria-label={t('admin')}>
        {sections.map((s) => (
          <a
            key={s}
            href={`/admin/${slug(s)}`}
            className={s === current ? 'active' : ''}
            onClick={(e) => (e.preventDefault(), navigate(`/admin/${slug(s)}`))}
          >
            {t(s as Key)}
          </a>
        ))}
      </nav>
      <main className="page">
        {current === 'teams' && <TeamsAdmin api={props.api} />}
        {current === 'rules' && <RulesAdmin api={props.api} />}
        {current === 'routingSettings' && <RoutingSettingsAdmin api={props.api} />}
        {current === 'businessHours' && <HoursAdmin api={props.api} />}
        {current === 'users' && <UsersAdmin api={props.api} me={props.user} />}
        {current === 'protocols' && <ProtocolsAdmin api={props.api} />}
        {current === 'inboxes' && <InboxesAdmin api={props.api} />}
        {current === 'canned' && <CannedAdmin api={props.api} />}
        {current === 'labels' && <LabelsAdmin api={props.api} />}
        {current === 'security' && <SecurityAdmin api={props.api} />}
      </main>
    </div>
  );
}
