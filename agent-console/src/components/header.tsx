// The header: where the agent sets presence (an auxiliary break asks for a reason from the admin's list),
// switches language, and sees whether the live connection is up. Just signed in, an agent is put back in
// the presence they last chose (the hub knows it from its presence sessions) instead of Offline.
import { useEffect, useRef, useState } from 'react';
import { mayAct } from '#shared/permissions.ts';
import type { Api } from '../api.ts';
import { type Lang, useI18n } from '../i18n.tsx';
import { navigate } from '../router.ts';
import type { AgentSocket } from '../socket.ts';
import type { User } from '../types.ts';
import { AlertsMenu } from './alerts.tsx';
import { followUpDesk, followUpText } from './followups-text.ts';
import { NotificationToggle } from './notifications.tsx';
import { qualityDesk, qualityText } from './quality-text.ts';
import { reportReaders } from './report-state.ts';

/** Who has the Sales page (app.tsx): the roles GET /sales answers; back_office reads its sales there. */
export const salesDesk = (u: User) => ['admin', 'supervisor', 'agent', 'back_office'].includes(u.role);

type Presence = { status: 'online' | 'away' | 'auxiliary' | 'offline'; reason: string | null };

export function Header(props: {
  api: Api;
  user: User;
  socket: AgentSocket | null;
  onLogout(): void;
  path: string;
  /** Signed in just now (not a session kept from before): restore the last chosen presence. */
  restorePresence?: boolean;
}) {
  const { t, lang, setLang } = useI18n();
  const [presence, setPresence] = useState<Presence | null>(null);
  const [reasons, setReasons] = useState<string[]>([]);
  const [connected, setConnected] = useState(true);
  const restore = useRef(props.restorePresence === true && mayAct(props.user.role, 'reply'));
  useEffect(() => {
    const restoring = restore.current;
    restore.current = false;
    (restoring
      ? props.api.post<Presence>('/me/presence/restore', {})
      : props.api.get<Presence>('/me/presence')
    )
      .then((r) => setPresence(r.data))
      .catch(() => {});
    props.api
      .get<{ auxiliaryReasons: string[] }>('/routing/settings')
      .then((r) => setReasons(r.data.auxiliaryReasons))
      .catch(() => setReasons(['Break', 'Lunch', 'Training']));
  }, [props.api]);
  useEffect(() => {
    const s = props.socket;
    if (!s) return;
    const on = (p: { userId: string } & Presence) => {
      if (p.userId === props.user.id) setPresence({ status: p.status, reason: p.reason });
    };
    const up = () => setConnected(true);
    const down = () => setConnected(false);
    s.on('presence:updated', on);
    s.on('connect', up);
    s.on('disconnect', down);
    return () => {
      s.off('presence:updated', on);
      s.off('connect', up);
      s.off('disconnect', down);
    };
  }, [props.socket, props.user.id]);

  const choose = async (value: string) => {
    const [status, reason] = value.split(':') as [Presence['status'], string | undefined];
    const r = await props.api.post<Presence>('/me/presence', { status, ...(reason ? { reason } : {}) });
    setPresence(r.data);
  };
  const current = presence
    ? presence.status === 'auxiliary'
      ? `auxiliary:${presence.reason}`
      : presence.status
    : '';
  const wide = ['admin', 'supervisor'].includes(props.user.role);
  return (
    <header className="top">
      <strong className="brand">{t('appName')}</strong>
      <nav>
        {/* Finance answers no one: it has no inbox (app.tsx takes it to the reports). */}
        {props.user.role !== 'finance' && (
          <a
            href="/"
            className={props.path === '/' || props.path.startsWith('/conversations/') ? 'active' : ''}
            onClick={(e) => (e.preventDefault(), navigate('/'))}
          >
            {t('inbox')}
          </a>
        )}
        {(wide || props.user.role === 'marketing') && (
          <a
            href="/mentions"
            className={props.path === '/mentions' ? 'active' : ''}
            onClick={(e) => {
              e.preventDefault();
              navigate('/mentions');
            }}
          >
            {t('mentions')}
          </a>
        )}
        {salesDesk(props.user) && (
          <a
            href="/sales"
            className={props.path === '/sales' || props.path.startsWith('/sales/') ? 'active' : ''}
            onClick={(e) => {
              e.preventDefault();
              navigate('/sales');
            }}
          >
            {t('sales')}
          </a>
        )}
        {qualityDesk(props.user.role) && (
          <a
            href="/quality"
            className={props.path === '/quality' || props.path.startsWith('/quality/') ? 'active' : ''}
            onClick={(e) => {
              e.preventDefault();
              navigate('/quality');
            }}
          >
            {qualityText(lang)(props.user.role === 'agent' ? 'myEvaluations' : 'quality')}
          </a>
        )}
        {followUpDesk(props.user.role) && (
          <a
            href="/follow-ups"
            className={props.path === '/follow-ups' || props.path.startsWith('/follow-ups/') ? 'active' : ''}
            onClick={(e) => {
              e.preventDefault();
              navigate('/follow-ups');
            }}
          >
            {followUpText(lang)(props.user.role === 'finance' ? 'compensations' : 'followUps')}
          </a>
        )}
        {reportReaders(props.user) && (
          <a
            href="/reports"
            className={props.path.startsWith('/reports') ? 'active' : ''}
            onClick={(e) => {
              e.preventDefault();
              navigate('/reports');
            }}
          >
            {props.user.role === 'agent' ? t('myFigures') : t('reports')}
          </a>
        )}
        {wide && (
          <a
            href="/floor"
            className={props.path === '/floor' ? 'active' : ''}
            onClick={(e) => {
              e.preventDefault();
              navigate('/floor');
            }}
          >
            {t('floor')}
          </a>
        )}
        {wide && (
          <a
            href="/admin/teams"
            className={props.path.startsWith('/admin') ? 'active' : ''}
            onClick={(e) => (e.preventDefault(), navigate('/admin/teams'))}
          >
            {t('admin')}
          </a>
        )}
      </nav>
      <span className="spacer" />
      <AlertsMenu socket={props.socket} />
      {!connected && (
        <span className="badge warn" role="status">
          {t('reconnecting')}
        </span>
      )}
      <label className="inline">
        <span className={`dot ${presence?.status ?? 'offline'}`} aria-hidden="true" />
        <span className="sr">{t('presence')}</span>
        <select aria-label={t('presence')} value={current} onChange={(e) => choose(e.target.value)}>
          <option value="online">{t('online')}</option>
          <option value="away">{t('away')}</option>
          {reasons.map((r) => (
            <option key={r} value={`auxiliary:${r}`}>
              {t('auxiliary')}: {r}
            </option>
          ))}
          <option value="offline">{t('offline')}</option>
        </select>
      </label>
      <NotificationToggle userId={props.user.id} />
      <select aria-label={t('language')} value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
        <option value="es">Español</option>
        <option value="en">English</option>
        <option value="ar">العربية</option>
      </select>
      <a
        className="who"
        href="/account"
        title={t('myAccount')}
        onClick={(e) => {
          e.preventDefault();
          navigate('/account');
        }}
      >
        {props.user.name}
      </a>
      <button type="button" onClick={props.onLogout}>
        {t('logout')}
      </button>
    </header>
  );
}
