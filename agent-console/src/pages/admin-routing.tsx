// Routing rules (conditions → team and priority, in order) and the account's routing settings.
import { useEffect, useState } from 'react';
import { ruleCategories } from '#shared/rule-categories.ts';
import { type Api, ApiError } from '../api.ts';
import { factsOf, useChannels } from '../channels.ts';
import { DurationInput } from '../components/duration-input.tsx';
import type { Inbox } from '../components/inbox-editor.tsx';
import { RuleBuilder, type RuleOptions, ruleErrorKey } from '../components/rule-builder.tsx';
import { RuleList } from '../components/rule-list.tsx';
import { categoryLabel, type RuleJson, type RuleNames } from '../components/rule-sentence.ts';
import { useLoad } from '../components/use-load.ts';
import { useI18n } from '../i18n.tsx';
import type { Team } from '../types.ts';

const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/** Rules as a builder and a list of sentences (components/rule-*.tsx); positions renumbered on a move. */
export function RulesAdmin(props: { api: Api }) {
  const { t, lang } = useI18n();
  const rules = useLoad<RuleJson[]>(() => props.api.get<RuleJson[]>('/routing/rules').then((r) => r.data));
  const teams = useLoad<Team[]>(() => props.api.get<Team[]>('/teams').then((r) => r.data));
  const inboxes = useLoad<Inbox[]>(() => props.api.get<Inbox[]>('/inboxes').then((r) => r.data));
  const channels = useChannels(props.api);
  const [msg, setMsg] = useState<string | null>(null);
  const [order, setOrder] = useState<RuleJson[] | null>(null);
  // Rules wait for the teams: read back before them, every rule would name "a team that no longer exists".
  const shown = teams.data ? (order ?? rules.data ?? []) : [];

  const names: RuleNames = {
    t,
    lang,
    channel: (kind) => factsOf(channels, kind)?.label ?? kind,
    team: (id) => teams.data?.find((x) => x.id === id)?.name ?? t('ruleUnknownTeam'),
    inbox: (id) => inboxes.data?.find((x) => x.id === id)?.name ?? t('ruleUnknownInbox'),
  };
  const options: RuleOptions = {
    channels: (channels ?? []).map((c) => ({ value: c.kind, label: c.label })),
    inboxes: (inboxes.data ?? []).map((x) => ({ value: x.id, label: x.name })),
    categories: ruleCategories.map((c) => ({ value: c, label: categoryLabel(t, c) })),
    teams: (teams.data ?? []).map((x) => ({ value: x.id, label: x.name })),
  };
  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      setMsg(done);
    } catch (e) {
      setMsg(t(ruleErrorKey(e)));
    }
    await rules.reload();
  };
  // Positions may repeat or leave gaps (a rule posted with its own): a move writes 0..n-1 to whichever
  // rule's position is not its new place. The order shown meanwhile carries the new positions, so a next
  // move made before the list is read again starts from the truth.
  const move = async (from: number, to: number) => {
    const next = [...shown];
    const [moved] = next.splice(from, 1);
    next.splice(to, 0, moved);
    const changed = next.flatMap((r, i) => (r.position === i ? [] : [{ id: r.id, position: i }]));
    setOrder(next.map((r, i) => ({ ...r, position: i })));
    await act(async () => {
      for (const c of changed) await props.api.patch(`/routing/rules/${c.id}`, { position: c.position });
    }, t('ruleOrderSaved'));
    setOrder(null);
  };

  return (
    <section className="rules-admin">
      <h1>{t('rules')}</h1>
      <p className="muted">{t('rulesHint')}</p>
      {(msg || rules.error) && <p role="status">{msg ?? t('ruleErrorLoad')}</p>}
      {rules.data?.length === 0 && <p className="muted">{t('rulesNone')}</p>}
      <RuleList
        rules={shown}
        names={names}
        options={options}
        onMove={move}
        onToggle={(r, enabled) =>
          act(
            () => props.api.patch(`/routing/rules/${r.id}`, { enabled }),
            t(enabled ? 'ruleTurnedOn' : 'ruleTurnedOff', { name: r.name }),
          )
        }
        onSave={async (r, body) => {
          try {
            await props.api.patch(`/routing/rules/${r.id}`, body);
          } catch (e) {
            if (!(e instanceof ApiError && e.status === 404)) throw e;
            // Removed meanwhile by someone else: say so, and the list drops it (and its open builder).
            setMsg(t(ruleErrorKey(e)));
            return rules.reload();
          }
          setMsg(t('ruleSaved', { name: body.name }));
          await rules.reload();
        }}
        onDelete={(r) =>
          act(() => props.api.del(`/routing/rules/${r.id}`), t('ruleDeleted', { name: r.name }))
        }
      />
      <RuleBuilder
        rule={null}
        options={options}
        onSave={async (body) => {
          await props.api.post('/routing/rules', body);
          setMsg(t('ruleSaved', { name: body.name }));
          await rules.reload();
        }}
      />
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
  // Targets and default capacity per channel kind the hub runs (GET /channels), headed by their labels.
  const channels = useChannels(props.api) ?? [];
  const loaded = useLoad<Settings>(() => props.api.get<Settings>('/routing/settings').then((r) => r.data));
  const [s, setS] = useState<Settings | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  useEffect(() => {
    setS(loaded.data);
  }, [loaded.data]);
  if (!s) return null;
  const save = async () => {
    try {
      const r = await props.api.patch<Settings>('/routing/settings', s);
      setS(r.data);
      setMsg(t('saved'));
    } catch (e) {
      setMsg((e as Error).message);
    }
  };
  const targets = [
    ['firstResponseSeconds', 'routingFirstResponse'],
    ['nextResponseSeconds', 'routingNextResponse'],
    ['resolutionSeconds', 'routingResolution'],
  ] as const;
  return (
    <form className="card" onSubmit={(e) => (e.preventDefault(), save())} aria-label={t('routingSettings')}>
      <h1>{t('routingSettings')}</h1>
      {msg && <p role="status">{msg}</p>}
      <label>
        {t('routingAuxReasons')}
        <input
          value={s.auxiliaryReasons.join(', ')}
          onChange={(e) => setS({ ...s, auxiliaryReasons: list(e.target.value) })}
        />
      </label>
      <div className="duration-field">
        {t('routingUnansweredAfter')}{' '}
        <DurationInput
          label={t('routingUnansweredAfter')}
          value={s.unansweredSeconds}
          onChange={(v) => setS({ ...s, unansweredSeconds: v ?? 0 })}
        />
      </div>
      <div className="duration-field">
        {t('routingPresenceGrace')}{' '}
        <DurationInput
          label={t('routingPresenceGrace')}
          value={s.presenceGraceSeconds}
          onChange={(v) => setS({ ...s, presenceGraceSeconds: v ?? 0 })}
        />
      </div>
      <table className="grid routing-targets">
        <thead>
          <tr>
            <th>{t('channel')}</th>
            {targets.map(([k, key]) => (
              <th key={k}>{t(key)}</th>
            ))}
            <th>{t('routingDefaultCapacity')}</th>
          </tr>
        </thead>
        <tbody>
          {channels.map(({ kind, label }) => {
            const target = s.sla[kind] ?? {};
            const setTarget = (k: string, v: number | null) =>
              setS({ ...s, sla: { ...s.sla, [kind]: { ...target, [k]: v } } });
            return (
              <tr key={kind} data-kind={kind}>
                <td>{label}</td>
                {targets.map(([k, key]) => (
                  <td key={k}>
                    <DurationInput
                      label={`${label}: ${t(key)}`}
                      value={target[k]}
                      onChange={(v) => setTarget(k, v)}
                    />
                  </td>
                ))}
                <td>
                  <input
                    aria-label={`${label}: ${t('routingDefaultCapacity')}`}
                    inputMode="numeric"
                    value={s.defaultCapacity[kind] ?? ''}
                    onChange={(e) =>
                      setS({
                        ...s,
                        defaultCapacity: { ...s.defaultCapacity, [kind]: Number(e.target.value) },
                      })
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
