// Routing rules (conditions → team and priority, in order) and the account's routing settings.
import { useEffect, useState } from 'react';
import type { Api } from '../api.ts';
import { useChannels } from '../channels.ts';
import { useLoad } from '../components/use-load.ts';
import { useI18n } from '../i18n.tsx';
import type { Team } from '../types.ts';

type Rule = {
  id: string;
  name: string;
  position: number;
  enabled: boolean;
  conditions: Record<string, unknown>;
  actions: Record<string, unknown>;
};
const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

export function RulesAdmin(props: { api: Api }) {
  const { t } = useI18n();
  const rules = useLoad<Rule[]>(() => props.api.get<Rule[]>('/routing/rules').then((r) => r.data));
  const teams = useLoad<Team[]>(() => props.api.get<Team[]>('/teams').then((r) => r.data));
  const [draft, setDraft] = useState({
    name: '',
    keywords: '',
    categories: '',
    channels: '',
    teamId: '',
    priority: '',
  });
  const [msg, setMsg] = useState<string | null>(null);
  const add = async () => {
    const conditions: Record<string, unknown> = {};
    if (draft.keywords) conditions.keywords = list(draft.keywords);
    if (draft.categories) conditions.categories = list(draft.categories);
    if (draft.channels) conditions.channels = list(draft.channels);
    try {
      await props.api.post('/routing/rules', {
        name: draft.name,
        conditions,
        actions: {
          ...(draft.teamId ? { teamId: draft.teamId } : {}),
          ...(draft.priority ? { priority: draft.priority } : {}),
        },
      });
      setMsg(t('saved'));
      rules.reload();
    } catch (e) {
      setMsg((e as Error).message);
    }
  };
  return (
    <section>
      <h1>{t('rules')}</h1>
      {msg && <p role="status">{msg}</p>}
      <ol className="rules">
        {(rules.data ?? []).map((r) => (
          <li key={r.id} data-enabled={r.enabled}>
            <strong>{r.name}</strong> <code>{JSON.stringify(r.conditions)}</code> →{' '}
            <code>{JSON.stringify(r.actions)}</code>
            <label className="check">
              <input
                type="checkbox"
                checked={r.enabled}
                onChange={(e) =>
                  props.api.patch(`/routing/rules/${r.id}`, { enabled: e.target.checked }).then(rules.reload)
                }
              />
              on
            </label>
            <button
              type="button"
              onClick={() => props.api.del(`/routing/rules/${r.id}`).then(rules.reload)}
              aria-label={`delete ${r.name}`}
            >
              ✕
            </button>
          </li>
        ))}
      </ol>
      <form className="card" onSubmit={(e) => (e.preventDefault(), add())} aria-label="new rule">
        <label>
          {t('name')}
          <input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} required />
        </label>
        <label>
          keywords
          <input
            value={draft.keywords}
            onChange={(e) => setDraft({ ...draft, keywords: e.target.value })}
            placeholder="factura, cobro"
          />
        </label>
        <label>
          categories
          <input
            value={draft.categories}
            onChange={(e) => setDraft({ ...draft, categories: e.target.value })}
            placeholder="billing, technical, sales, complaint"
          />
        </label>
        <label>
          channels
          <input
            value={draft.channels}
            onChange={(e) => setDraft({ ...draft, channels: e.target.value })}
            placeholder="webchat, email"
          />
        </label>
        <label>
          {t('team')}
          <select value={draft.teamId} onChange={(e) => setDraft({ ...draft, teamId: e.target.value })}>
            <option value="">—</option>
            {(teams.data ?? []).map((tm) => (
              <option key={tm.id} value={tm.id}>
                {tm.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('priority')}
          <select value={draft.priority} onChange={(e) => setDraft({ ...draft, priority: e.target.value })}>
            <option value="">—</option>
            {['low', 'normal', 'high', 'urgent'].map((p) => (
              <option key={p} value={p}>
                {t(p as 'low')}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary">
          {t('save')}
        </button>
      </form>
    </section>
  );
}

type Settings = {
  auxiliaryReasons: string[];
  sla: Record<
    string,
    {
      firstResponseSeconds?: number | null;
      nextResponseSeconds?: number | null;
      resolutionSeconds?: number | null;
    }
  >;
  unansweredSeconds: number;
  presenceGraceSeconds: number;
  defaultCapacity: Record<string, number>;
};

export function RoutingSettingsAdmin(props: { api: Api }) {
  const { t } = useI18n();
  // Targets and default capacity per channel kind the hub runs (GET /channels).
  const channels = (useChannels(props.api) ?? []).map((c) => c.kind);
  const loaded = useLoad<Settings>(() => props.api.get<Settings>('/routing/settings').then((r) => r.data));
  const [s, setS] = useState<Settings | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  useEffect(() => {
    setS(loaded.data);
  }, [loaded.data]);
  if (!s) return null;
  const num = (v: string) => (v === '' ? null : Number(v));
  const save = async () => {
    try {
      const r = await props.api.patch<Settings>('/routing/settings', s);
      setS(r.data);
      setMsg(t('saved'));
    } catch (e) {
      setMsg((e as Error).message);
    }
  };
  return (
    <form className="card" onSubmit={(e) => (e.preventDefault(), save())} aria-label={t('routingSettings')}>
      <h1>{t('routingSettings')}</h1>
      {msg && <p role="status">{msg}</p>}
      <label>
        Auxiliary reasons
        <input
          value={s.auxiliaryReasons.join(', ')}
          onChange={(e) => setS({ ...s, auxiliaryReasons: list(e.target.value) })}
        />
      </label>
      <label>
        Unanswered after (s)
        <input
          inputMode="numeric"
          value={s.unansweredSeconds}
          onChange={(e) => setS({ ...s, unansweredSeconds: Number(e.target.value) })}
        />
      </label>
      <label>
        Presence grace (s)
        <input
          inputMode="numeric"
          value={s.presenceGraceSeconds}
          onChange={(e) => setS({ ...s, presenceGraceSeconds: Number(e.target.value) })}
        />
      </label>
      <table className="grid">
        <thead>
          <tr>
            <th>channel</th>
            <th>first response (s)</th>
            <th>next response (s)</th>
            <th>resolution (s)</th>
            <th>default capacity</th>
          </tr>
        </thead>
        <tbody>
          {channels.map((ch) => {
            const target = s.sla[ch] ?? {};
            const setTarget = (k: string, v: string) =>
              setS({ ...s, sla: { ...s.sla, [ch]: { ...target, [k]: num(v) } } });
            return (
              <tr key={ch}>
                <td>{ch}</td>
                {(['firstResponseSeconds', 'nextResponseSeconds', 'resolutionSeconds'] as const).map((k) => (
                  <td key={k}>
                    <input
                      aria-label={`${ch} ${k}`}
                      inputMode="numeric"
                      value={target[k] ?? ''}
                      onChange={(e) => setTarget(k, e.target.value)}
                    />
                  </td>
                ))}
                <td>
                  <input
                    aria-label={`${ch} capacity`}
                    inputMode="numeric"
                    value={s.defaultCapacity[ch] ?? ''}
                    onChange={(e) =>
                      setS({ ...s, defaultCapacity: { ...s.defaultCapacity, [ch]: Number(e.target.value) } })
                    }
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="submit" className="primary">
        {t('save')}
      </button>
    </form>
  );
}
