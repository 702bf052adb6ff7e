// The console shell: login, then the inbox or the admin pages, with presence and language in the header.
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { type Api, createApi } from './api.ts';
import { loadChannels } from './channels.ts';
import { followUpPage } from './components/followups-text.ts';
import { Header, salesDesk } from './components/header.tsx';
import { MentionAlerts } from './components/mention-alerts.tsx';
import { useNotifications } from './components/notifications.tsx';
import { qualityDesk } from './components/quality-text.ts';
import { reportReaders } from './components/report-state.ts';
import { I18nProvider, useI18n } from './i18n.tsx';
import { AccountPage } from './pages/account.tsx';
import { AdminPage, adminSectionOf } from './pages/admin.tsx';
import { InboxPage } from './pages/inbox.tsx';
import { LoginPage } from './pages/login.tsx';
import { MentionsPage } from './pages/mentions.tsx';
import { navigate, usePath } from './router.ts';
import type { AgentSocket } from './socket.ts';
import { connectAgentSocket } from './socket.ts';
import type { User } from './types.ts';

type Session = { token: string; user: User };
// The reports and their charts are fetched when first opened: the console's first load stays small.
const ReportsPage = lazy(() => import('./pages/reports.tsx').then((m) => ({ default: m.ReportsPage })));
// The live floor too: only supervisors and admins open it.
const FloorPage = lazy(() => import('./pages/floor.tsx').then((m) => ({ default: m.FloorPage })));
// The sales desk, with its own strings in three languages: advisors and supervisors of a sales campaign.
const SalesPage = lazy(() => import('./pages/sales.tsx').then((m) => ({ default: m.SalesPage })));
// The procedure forms' responses, listed and exported by supervisors, admins and QA.
const FormResponsesPage = lazy(() =>
  import('./pages/form-responses.tsx').then((m) => ({ default: m.FormResponsesPage })),
);
// Quality evaluations (QP-14): the queue and evaluations for QA, supervisors and admins; an agent's own.
const QualityPage = lazy(() => import('./pages/quality.tsx').then((m) => ({ default: m.QualityPage })));
// Follow-ups and compensation (QP-14): the managers' dashboard, a follow_up user's own, finance's queue.
const FollowUpsPage = lazy(() => import('./pages/followups.tsx').then((m) => ({ default: m.FollowUpsPage })));
const KEY = 'hub.session';

function loadSession(): Session | null {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? 'null');
  } catch {
    return null;
  }
}

export function App() {
  const [session, setSession] = useState<Session | null>(loadSession);
  const api: Api = useMemo(
    () =>
      createApi(
        () => session?.token ?? null,
        () => {
          localStorage.removeItem(KEY);
          setSession(null);
        },
      ),
    [session?.token],
  );
  const [socket, setSocket] = useState<AgentSocket | null>(null);
  const token = session?.token ?? null;
  useEffect(() => {
    if (!token) return;
    const s = connectAgentSocket(token);
    // Closed by the hub: this session was signed out elsewhere, or the user disabled. Asking who we are
    // answers 401 then, which signs this tab out too; otherwise socket.io would wait for us forever.
    s.on('disconnect', (reason) => {
      if (reason === 'io server disconnect')
        api.get('/me').then(
          () => s.connect(),
          () => {},
        );
    });
    setSocket(s);
    return () => {
      s.close();
    };
  }, [token, api]);
  // The channel kinds' names and tags, for every list and header (channels.ts keeps them).
  useEffect(() => {
    if (token) loadChannels(api).catch(() => {});
  }, [token, api]);
  const path = usePath();
  // Opened at the root with a session kept from before: the user's home page instead.
  const landed = useRef(false);
  useEffect(() => {
    if (landed.current || !session) return;
    landed.current = true;
    if (location.pathname === '/' && homeOf(session.user) !== '/') {
      history.replaceState(null, '', homeOf(session.user));
      dispatchEvent(new PopStateEvent('popstate'));
    }
  }, [session]);

  // Set by the login form only: a session kept from before (a reload) leaves presence as the hub has it.
  const [signedInNow, setSignedInNow] = useState(false);
  const login = (s: Session) => {
    localStorage.setItem(KEY, JSON.stringify(s));
    setSignedInNow(true);
    setSession(s);
    navigate(homeOf(s.user));
  };
  const forget = () => {
    localStorage.removeItem(KEY);
    setSignedInNow(false);
    setSession(null);
    navigate('/login');
  };
  // Signing out ends the session at the hub too (its token stops working, its sockets close).
  const logout = () => {
    api.post('/auth/logout', {}).catch(() => {});
    forget();
  };

  return (
    <I18nProvider userId={session?.user.id ?? null}>
      {!session ? (
        <LoginPage api={api} onLogin={login} />
      ) : (
        <div className="shell">
          <Header
            api={api}
            user={session.user}
            socket={socket}
            onLogout={logout}
            path={path}
            restorePresence={signedInNow}
          />
          <Notifier socket={socket} user={session.user} path={path} />
          {mentionDesk(session.user) && <MentionAlerts socket={socket} />}
          {!knownPath(path) ? (
            <NotFound user={session.user} />
          ) : path === '/account' ? (
            <AccountPage api={api} onSignedOut={forget} />
          ) : path.startsWith('/admin') ? (
            adminPages(session.user) ? (
              <AdminPage api={api} user={session.user} path={path} />
            ) : (
              <NotAllowed />
            )
          ) : path === '/mentions' && mentionDesk(session.user) ? (
            <MentionsPage api={api} socket={socket} />
          ) : path === '/floor' && adminPages(session.user) ? (
            <Suspense fallback={<main className="page" aria-busy="true" />}>
              <FloorPage api={api} socket={socket} />
            </Suspense>
          ) : path === '/sales' || path.startsWith('/sales/') ? (
            salesDesk(session.user) ? (
              <Suspense fallback={<main className="page" aria-busy="true" />}>
                <SalesPage api={api} user={session.user} token={session.token} socket={socket} path={path} />
              </Suspense>
            ) : (
              <NotAllowed />
            )
          ) : path === '/follow-ups' || path.startsWith('/follow-ups/') ? (
            followUpPage(session.user.role) ? (
              <Suspense fallback={<main className="page" aria-busy="true" />}>
                <FollowUpsPage api={api} user={session.user} path={path} />
              </Suspense>
            ) : (
              <NotAllowed />
            )
          ) : path === '/quality' || path.startsWith('/quality/') ? (
            qualityDesk(session.user.role) ? (
              <Suspense fallback={<main className="page" aria-busy="true" />}>
                <QualityPage api={api} user={session.user} path={path} socket={socket} />
              </Suspense>
            ) : (
              <NotAllowed />
            )
          ) : path === '/reports/form-responses' &&
            ['admin', 'supervisor', 'qa'].includes(session.user.role) ? (
            <Suspense fallback={<main className="page" aria-busy="true" />}>
              <FormResponsesPage api={api} />
            </Suspense>
          ) : (path === '/reports' || path.startsWith('/reports/')) && reportReaders(session.user) ? (
            <Suspense fallback={<main className="page" aria-busy="true" />}>
              <ReportsPage api={api} user={session.user} />
            </Suspense>
          ) : session.user.role === 'finance' ? (
            // Finance reads the reports and answers no one: no inbox (it would ask for the directory
            // and conversations it may not read), its home instead.
            <Redirect to={homeOf(session.user)} />
          ) : (
            <InboxPage api={api} user={session.user} socket={socket} path={path} />
          )}
        </div>
      )}
    </I18nProvider>
  );
}

/** Who the header links to the admin pages (header.tsx) is who may open them. */
const adminPages = (u: User) => u.role === 'admin' || u.role === 'supervisor';
/** The roles the hub sends the Mentions desk's events to. */
const mentionDesk = (u: User) => adminPages(u) || u.role === 'marketing';
/**
 * Marketing works the Mentions desk (its inbox holds only what is routed to it): that is its home.
 * Finance reads the reports and answers no one. A follow_up user reads no conversation: their follow-ups.
 */
const homeOf = (u: User) =>
  u.role === 'marketing'
    ? '/mentions'
    : u.role === 'finance'
      ? '/reports'
      : u.role === 'follow_up'
        ? '/follow-ups'
        : '/';

/** The paths the console has a page at (server/pages/placeholder-pages.ts serves index.html for them). */
function knownPath(path: string): boolean {
  return (
    path === '/' ||
    /^\/conversations\/\d+$/.test(path) ||
    adminSectionOf(path) !== null ||
    ['/mentions', '/account', '/floor', '/reports', '/sales'].includes(path) ||
    /^\/sales\/\d+$/.test(path) ||
    /^\/sales\/s\/\d+$/.test(path) ||
    /^\/quality(\/e\/\d+)?$/.test(path) ||
    /^\/follow-ups(\/\d+)?$/.test(path) ||
    /^\/reports\/[a-z-]+$/.test(path)
  );
}

/** Replaces the address with another page's (no new history entry). */
function Redirect(props: { to: string }) {
  useEffect(() => {
    history.replaceState(null, '', props.to);
    dispatchEvent(new PopStateEvent('popstate'));
  }, [props.to]);
  return null;
}

/** An address the console has no page at: says so, and leads to the user's home page. */
function NotFound(props: { user: User }) {
  const { t } = useI18n();
  const home = homeOf(props.user);
  return (
    <main className="page not-found" role="alert">
      <h1>{t('notFoundTitle')}</h1>
      <p>{t('notFoundPage')}</p>
      <a
        href={home}
        onClick={(e) => {
          e.preventDefault();
          navigate(home);
        }}
      >
        {t('notFoundHome')}
      </a>
    </main>
  );
}

function NotAllowed() {
  const { t } = useI18n();
  return (
    <main className="page not-allowed" role="alert">
      {t('notAllowedPage')}
    </main>
  );
}

/** Sound and desktop notifications on every page (an admin page too), opening the conversation on click. */
function Notifier(props: { socket: AgentSocket | null; user: User; path: string }) {
  useNotifications({
    socket: props.socket,
    userId: props.user.id,
    openId: props.path.match(/^\/conversations\/(\d+)/)?.[1] ?? null,
    onOpen: (id) => navigate(`/conversations/${id}`),
  });
  return null;
}
