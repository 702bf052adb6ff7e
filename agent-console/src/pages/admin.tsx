// Admin pages for routing: teams (strategy, members, business hours, overflow, re-route, offline path),
// routing rules, routing settings (auxiliary reasons, service-level targets, unanswered threshold),
// agents' capacity and skills, and the protocol templates; and, for admins only, the sales desk's settings
// (loaded when opened: the console's first load does not carry it).
import { lazy, Suspense } from 'react';
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

const SalesDeskAdmin = lazy(() => import('./admin-sales.tsx').then((m) => ({ default: m.SalesDeskAdmin })));

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
  'sales',
] as const;
type Section = (typeof sections)[number];
/** Sections a supervisor does not see (the hub answers them to admins only). */
const adminOnly: readonly Section[] = ['sales'];
const labelOf = (s: Section): Key => (s === 'sales' ? 'adminSalesDesk' : s);
const slug = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The admin section a path opens (`/admin` opens the first); null for a path that names none. */
export function adminSectionOf(path: string): Section | null {
  if (path === '/admin' || path === '/admin/') return sections[0];
  return sections.find((s) => path === `/admin/${slug(s)}`) ?? null;
}

export function AdminPage(props: { api: Api; user: User; path: string }) {
  const { t } = useI18n();
  const current = adminSectionOf(props.path) ?? 'teams';
  const mine = sections.filter((s) => props.user.role === 'admin' || !adminOnly.includes(s));
  return (
    <div className="admin">
      <nav className="side-nav" aria-label={t('admin')}>
        {mine.map((s) => (
          <a
            key={s}
            href={`/admin/${slug(s)}`}
            className={s === current ? 'active' : ''}
            onClick={(e) => {
              e.preventDefault();
              navigate(`/admin/${slug(s)}`);
            }}
          >
            {t(labelOf(s))}
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
        {current === 'sales' &&
          (mine.includes('sales') ? (
            <Suspense fallback={<section aria-busy="true" />}>
              <SalesDeskAdmin api={props.api} />
            </Suspense>
          ) : (
            <p role="alert">{t('adminOnlySection')}</p>
          ))}
      </main>
    </div>
  );
}
