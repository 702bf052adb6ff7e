// The supervisors' live floor (issue 16): per team who waits and for how long, the queue estimate and
// today's service level; every agent's presence, time in state and load; today's breaches. Live from the
// agent socket (`floor:watch`, then `floor:update` on every change, no polling); the waits tick here.
// Wall mode (the button, or /floor?wall=1) is a large, high-contrast layout for a TV, full screen.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FloorJson } from '#shared/floor.schema.ts';
import type { Api } from '../api.ts';
import { factsOf, useChannels } from '../channels.ts';
import { FloorAgents } from '../components/floor-agents.tsx';
import { FloorBreaches } from '../components/floor-breaches.tsx';
import { FloorTeamCard } from '../components/floor-team-card.tsx';
import { formatPercent, useHubNow } from '../components/floor-time.ts';
import '../components/floor.css';
import { useI18n } from '../i18n.tsx';
import type { AgentSocket } from '../socket.ts';

type Shown = { floor: FloorJson; offsetMs: number };

const wallAsked = () => new URLSearchParams(location.search).get('wall') === '1';

export function FloorPage(props: { api: Api; socket: AgentSocket | null }) {
  const { t, lang } = useI18n();
  const { api, socket } = props;
  const channels = useChannels(api);
  const [shown, setShown] = useState<Shown | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [wall, setWall] = useState(wallAsked);
  const root = useRef<HTMLElement>(null);
  const now = useHubNow(shown?.offsetMs ?? 0);

  // Answers can cross (the REST read and the socket's): the newest floor wins.
  const receive = useCallback((floor: FloorJson) => {
    setError(null);
    setShown((s) =>
      s && Date.parse(s.floor.at) > Date.parse(floor.at)
        ? s
        : { floor, offsetMs: Date.parse(floor.at) - Date.now() },
    );
  }, []);
  useEffect(() => {
    api.get<FloorJson>('/floor').then(
      (r) => receive(r.data),
      (e: Error) => setError(e.message),
    );
  }, [api, receive]);
  useEffect(() => {
    if (!socket) return;
    // Watched again on every (re)connection: the room does not outlive a lost session.
    const watch = () =>
      socket.emit('floor:watch', {}, (a) => (a.ok ? receive(a.floor) : setError(a.error.message)));
    const update = (e: { floor: FloorJson }) => receive(e.floor);
    socket.on('floor:update', update);
    socket.on('connect', watch);
    if (socket.connected) watch();
    return () => {
      socket.off('floor:update', update);
      socket.off('connect', watch);
      socket.emit('floor:unwatch', {});
    };
  }, [socket, receive]);

  // Leaving full screen (Esc) leaves wall mode too.
  useEffect(() => {
    const left = () => {
      if (!document.fullscreenElement) setWall(false);
    };
    document.addEventListener('fullscreenchange', left);
    return () => document.removeEventListener('fullscreenchange', left);
  }, []);
  useEffect(() => {
    history.replaceState(null, '', wall ? '/floor?wall=1' : '/floor');
  }, [wall]);
  const toggleWall = () => {
    if (wall) {
      if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
      setWall(false);
      return;
    }
    setWall(true);
    // Refused without a user's gesture or by the browser: the large layout still shows.
    root.current?.requestFullscreen?.().catch(() => {});
  };

  const floor = shown?.floor;
  const channelLabel = (kind: string) => factsOf(channels, kind)?.label ?? kind;
  const teamName = (id: string) => floor?.teams.find((x) => x.id === id)?.name ?? id;
  const clock = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit' });
  return (
    <main ref={root} className={`page floor${wall ? ' wall' : ''}`} aria-busy={!floor}>
      <header className="floor-head">
        <h1>{t('floor')}</h1>
        {floor && (
          <p className="floor-account" data-testid="account-level">
            {/* Isolated: in Arabic the figure and the count must not swap places around the dot. */}
            {t('floorAccountLevel')}{' '}
            <bdi>
              <strong>{formatPercent(floor.serviceLevel.percent, lang)}</strong>
            </bdi>{' '}
            ·{' '}
            <bdi className="muted">
              {t('floorWithin', {
                within: floor.serviceLevel.answeredWithinTarget,
                registered: floor.serviceLevel.registered,
              })}
            </bdi>
          </p>
        )}
        <span className="spacer" />
        {floor && (
          <span className="muted floor-clock">
            <time dateTime={new Date(now).toISOString()}>{clock.format(new Date(now))}</time> (
            {floor.timeZone})
          </span>
        )}
        <button type="button" className={wall ? '' : 'primary'} onClick={toggleWall} aria-pressed={wall}>
          {wall ? t('floorExitWall') : t('floorWall')}
        </button>
      </header>
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      {!floor ? (
        <p className="muted">{t('floorLoading')}</p>
      ) : (
        <>
          <section className="floor-teams" aria-label={t('floorQueues')}>
            {floor.teams.length === 0 && <p className="muted">{t('floorNoTeams')}</p>}
            {floor.teams.map((team) => (
              <FloorTeamCard key={team.id ?? 'none'} team={team} now={now} channelLabel={channelLabel} />
            ))}
          </section>
          <div className="floor-lower">
            <section aria-label={t('floorAgents')}>
              <h2>{t('floorAgents')}</h2>
              <FloorAgents agents={floor.agents} teamName={teamName} now={now} channelLabel={channelLabel} />
            </section>
            <FloorBreaches breaches={floor.breaches} total={floor.breachesToday} teamName={teamName} />
          </div>
        </>
      )}
    </main>
  );
}
