// Marketing's Mentions desk (issue 15): every public comment and mention the social channels bring in,
// most influential or newest first, filtered by tier and status, with mentions per day by tier above. The
// list stays live from the agent socket (`mention:new`, `mention:updated`, `mention:alert`) and is asked
// again after a reconnect; the alerts themselves show on every page (components/mention-alerts.tsx).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Api } from '../api.ts';
import { factsOf, useChannels } from '../channels.ts';
import { MentionCard } from '../components/mention-card.tsx';
import { MentionChart, MentionTotals } from '../components/mention-chart.tsx';
import {
  appendMentions,
  listQuery,
  type Mention,
  type MentionFilters,
  placeMention,
  statuses,
  statusKey,
  tierKey,
  tiers,
} from '../components/mention-model.tsx';
import { MentionSettings } from '../components/mention-settings.tsx';
import '../components/mentions.css';
import type { MentionStatsJson } from '#shared/mentions.schema.ts';
import { useI18n } from '../i18n.tsx';
import type { AgentSocket } from '../socket.ts';

/** A care team to escalate to, as the floor's directory lists it. */
type Team = { id: string; name: string };

const DAYS = 14;

export function MentionsPage(props: { api: Api; socket: AgentSocket | null }) {
  const { t } = useI18n();
  const { api, socket } = props;
  const channels = useChannels(api);
  const [filters, setFilters] = useState<MentionFilters>({
    sort: 'influence',
    tier: '',
    status: '',
    all: false,
  });
  const set = (patch: Partial<MentionFilters>) => setFilters((f) => ({ ...f, ...patch }));
  const [items, setItems] = useState<Mention[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [stats, setStats] = useState<MentionStatsJson['days'] | null>(null);
  const [teams, setTeams] = useState<Team[] | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);
  const filtersRef = useRef(filters);
  filtersRef.current = filters;
  const itemsRef = useRef(items);
  itemsRef.current = items;

  // A late answer for filters no longer chosen is dropped (as in the inbox list).
  const generation = useRef(0);
  const reload = useCallback(async () => {
    const gen = ++generation.current;
    try {
      const r = await api.get<Mention[]>(`/mentions?${listQuery(filters, null)}`);
      if (gen !== generation.current) return;
      setItems(r.data);
      setCursor(r.nextCursor ?? null);
      setError(null);
    } catch (e) {
      if (gen === generation.current) setError((e as Error).message);
    }
  }, [api, filters]);
  const more = async () => {
    const gen = generation.current;
    const r = await api.get<Mention[]>(`/mentions?${listQuery(filters, cursor)}`);
    if (gen !== generation.current) return;
    setItems((list) => appendMentions(list ?? [], r.data));
    setCursor(r.nextCursor ?? null);
  };
  const reloadStats = useCallback(() => {
    api.get<MentionStatsJson>(`/mentions/stats?days=${DAYS}`).then(
      (r) => setStats(r.data.days),
      () => {},
    );
  }, [api]);
  useEffect(() => {
    reload();
  }, [reload]);
  useEffect(() => {
    reloadStats();
    // The care teams to escalate to, from the floor's directory (marketing reads it too).
    api.get<{ teams: Team[] }>('/directory').then(
      (r) => setTeams(r.data.teams),
      () => setTeams(null),
    );
  }, [api, reloadStats]);

  const place = useCallback(
    (m: Mention) => setItems((list) => list && placeMention(list, m, filtersRef.current)),
    [],
  );
  // Answers and socket news can cross (an action's 202 after the socket told its outcome): placeMention
  // keeps whichever state has the higher version.
  const request = (id: string) => async (path: string, body?: unknown) => {
    const r = await api.post<Mention>(`/mentions/${id}${path}`, body);
    place(r.data);
  };
  useEffect(() => {
    if (!socket) return;
    const arrived = (e: { mention: Mention }) => {
      place(e.mention);
      reloadStats();
    };
    const changed = (e: { mention: Mention }) => {
      const before = itemsRef.current?.find((x) => x.id === e.mention.id);
      if (before?.influence?.tier !== e.mention.influence?.tier) reloadStats();
      place(e.mention);
    };
    // Back after a disconnect: whatever happened meanwhile is in the next answer.
    const again = () => {
      reload();
      reloadStats();
    };
    socket.on('mention:new', arrived);
    socket.on('mention:alert', arrived);
    socket.on('mention:updated', changed);
    socket.io.on('reconnect', again);
    return () => {
      socket.off('mention:new', arrived);
      socket.off('mention:alert', arrived);
      socket.off('mention:updated', changed);
      socket.io.off('reconnect', again);
    };
  }, [socket, place, reload, reloadStats]);

  // "Show" on an alert: /mentions?focus=<id>. The item is fetched when the list does not hold it.
  useEffect(() => {
    const read = () => {
      const id = new URLSearchParams(location.search).get('focus');
      if (!id) return;
      history.replaceState(null, '', '/mentions');
      setFocusId(id);
      if (!itemsRef.current?.some((m) => m.id === id))
        api.get<Mention>(`/mentions/${id}`).then(
          (r) => setItems((list) => [r.data, ...(list ?? []).filter((m) => m.id !== id)]),
          () => {},
        );
    };
    read();
    addEventListener('popstate', read);
    return () => removeEventListener('popstate', read);
  }, [api]);
  // Scrolled to once it is on the page (it may arrive after the alert was clicked).
  const focusShown = Boolean(focusId && items?.some((m) => m.id === focusId));
  useEffect(() => {
    if (focusShown)
      document.querySelector(`[data-mention="${focusId}"]`)?.scrollIntoView({ block: 'center' });
  }, [focusId, focusShown]);

  const capsOf = (kind: string) => {
    const facts = factsOf(channels, kind);
    return {
      network: facts?.label ?? kind,
      hideDelete: facts?.capabilities.hideDelete ?? false,
      like: facts?.capabilities.like ?? false,
    };
  };

  return (
    <main className="page mentions-page">
      <div className="mentions-head">
        <div>
          <h1>{t('mentions')}</h1>
          <p className="muted">{t('mentionsHint')}</p>
          {stats && <MentionTotals days={stats} />}
        </div>
        {stats && <MentionChart days={stats} />}
      </div>

      <div className="mentions-toolbar" role="toolbar" aria-label={t('mentions')}>
        <fieldset className="segmented" aria-label={t('mentionsSort')}>
          {(['influence', 'newest'] as const).map((s) => (
            <button key={s} type="button" aria-pressed={filters.sort === s} onClick={() => set({ sort: s })}>
              {t(s === 'influence' ? 'mentionsSortInfluence' : 'mentionsSortNewest')}
            </button>
          ))}
        </fieldset>
        <fieldset className="tier-chips" aria-label={t('mentionsTier')}>
          <button type="button" aria-pressed={filters.tier === ''} onClick={() => set({ tier: '' })}>
            {t('mentionsTierAny')}
          </button>
          {[...tiers].reverse().map((k) => (
            <button
              key={k}
              type="button"
              className={`tier-chip tier-${k}`}
              aria-pressed={filters.tier === k}
              onClick={() => set({ tier: filters.tier === k ? '' : k })}
            >
              <span className={`swatch tier-fill-${k}`} aria-hidden="true" />
              {t(tierKey[k])}
            </button>
          ))}
        </fieldset>
        <select
          aria-label={t('mentionsStatusAny')}
          value={filters.status}
          onChange={(e) => set({ status: e.target.value as MentionFilters['status'] })}
        >
          <option value="">{t('mentionsStatusAny')}</option>
          {statuses.map((s) => (
            <option key={s} value={s}>
              {t(statusKey[s])}
            </option>
          ))}
        </select>
        <label className="check">
          <input type="checkbox" checked={filters.all} onChange={(e) => set({ all: e.target.checked })} />
          {t('mentionsShowHidden')}
        </label>
        <span className="spacer" />
        {items && <span className="muted">{t('mentionsCount', { n: items.length })}</span>}
        {/* New thresholds or weights re-score the desk: its tiers, order and chart are asked again. */}
        <MentionSettings
          api={api}
          onSaved={() => {
            reload();
            reloadStats();
          }}
        />
      </div>

      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      {items && items.length === 0 && !error && (
        <p className="empty mentions-empty">
          {filters.tier || filters.status ? t('mentionsEmpty') : t('mentionsNone')}
        </p>
      )}
      <div className="mention-list">
        {items?.map((m) => (
          <MentionCard
            key={m.id}
            mention={m}
            caps={capsOf(m.channel)}
            teams={teams}
            focused={m.id === focusId}
            request={request(m.id)}
          />
        ))}
      </div>
      {cursor && (
        <button
          type="button"
          className="mentions-more"
          onClick={() => more().catch((e) => setError(e.message))}
        >
          {t('mentionsLoadMore')}
        </button>
      )}
    </main>
  );
}
