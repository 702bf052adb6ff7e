// A report's range (from and to, both included, with presets counted in the account's time zone) and its
// filters, with the choices GET /reports/filters gives every role that reads reports. An agent has no
// agent filter: the hub counts only their own figures.
import { useEffect, useState } from 'react';
import type { Api } from '../api.ts';
import { useChannels } from '../channels.ts';
import { type Key, useI18n } from '../i18n.tsx';
import {
  type FilterKey,
  type Preset,
  presetOf,
  presetRange,
  presets,
  type ReportState,
} from './report-state.ts';

type Choice = { id: string; name: string };
type Choices = {
  inboxes: Choice[] | null;
  teams: Choice[] | null;
  agents: Choice[] | null;
  labels: Choice[] | null;
  categories: string[];
  campaigns: Choice[] | null;
};

/** One read, allowed to every role that reads reports (finance cannot read the admin lists). */
function useChoices(api: Api): Choices {
  const [choices, setChoices] = useState<Choices>({
    inboxes: null,
    teams: null,
    agents: null,
    labels: null,
    categories: [],
    campaigns: null,
  });
  useEffect(() => {
    let live = true;
    api.get<Choices>('/reports/filters').then(
      (r) => live && setChoices({ ...r.data, campaigns: r.data.campaigns ?? null }),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [api]);
  return choices;
}

const presetKey: Record<Preset, Key> = {
  today: 'reportPresetToday',
  yesterday: 'reportPresetYesterday',
  last7: 'reportPresetLast7',
  thisMonth: 'reportPresetThisMonth',
  lastMonth: 'reportPresetLastMonth',
};

export function ReportFilters(props: {
  api: Api;
  state: ReportState;
  today: string;
  ownFigures: boolean;
  onChange(next: ReportState): void;
}) {
  const { t } = useI18n();
  const { state, today, onChange } = props;
  const choices = useChoices(props.api);
  const channels = useChannels(props.api);
  const [category, setCategory] = useState(state.filters.category ?? '');
  useEffect(() => setCategory(state.filters.category ?? ''), [state.filters.category]);
  const chosen = presetOf(state, today);
  // The sales report counts the desk's steps, not conversations: campaign, team and advisor narrow it.
  const sales = state.name === 'sales';
  const setFilter = (key: FilterKey, value: string) =>
    onChange({ ...state, filters: { ...state.filters, [key]: value || undefined } });
  const setDay = (key: 'from' | 'to', value: string) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return;
    const next = { ...state, [key]: value };
    // A day past the other end moves both ends to it: a one-day range, never a backwards one.
    if (next.from > next.to) Object.assign(next, { from: value, to: value });
    onChange(next);
  };
  const select = (key: FilterKey, label: Key, any: Key, list: Choice[] | null) =>
    list &&
    list.length > 0 && (
      <label>
        <span>{t(label)}</span>
        <select value={state.filters[key] ?? ''} onChange={(e) => setFilter(key, e.target.value)}>
          <option value="">{t(any)}</option>
          {list.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
    );
  return (
    <div className="report-filters">
      <fieldset className="report-range">
        <legend className="sr">{t('reportRange')}</legend>
        <div className="presets">
          {presets.map((p) => (
            <button
              key={p}
              type="button"
              aria-pressed={chosen === p}
              onClick={() => onChange({ ...state, ...presetRange(p, today) })}
            >
              {t(presetKey[p])}
            </button>
          ))}
        </div>
        <label>
          <span>{t('reportFrom')}</span>
          <input
            type="date"
            name="from"
            value={state.from}
            max={state.to}
            onChange={(e) => setDay('from', e.target.value)}
          />
        </label>
        <label>
          <span>{t('reportTo')}</span>
          <input
            type="date"
            name="to"
            value={state.to}
            min={state.from}
            onChange={(e) => setDay('to', e.target.value)}
          />
        </label>
      </fieldset>
      <fieldset className="report-narrow">
        <legend className="sr">{t('reportFilters')}</legend>
        {sales && select('campaignId', 'reportCampaign', 'reportCampaignAny', choices.campaigns)}
        {!sales &&
          select(
            'channel',
            'reportChannel',
            'reportChannelAny',
            channels?.map((c) => ({ id: c.kind, name: c.label })) ?? null,
          )}
        {!sales && select('inboxId', 'reportInbox', 'reportInboxAny', choices.inboxes)}
        {select('teamId', 'reportTeam', 'reportTeamAny', choices.teams)}
        {!props.ownFigures && select('agentId', 'reportAgent', 'reportAgentAny', choices.agents)}
        {!sales && select('labelId', 'reportLabel', 'reportLabelAny', choices.labels)}
        {!sales && (
          <label>
            <span>{t('reportCategory')}</span>
            <input
              type="search"
              name="category"
              list="report-categories"
              value={category}
              placeholder={t('reportCategoryAny')}
              onChange={(e) => setCategory(e.target.value)}
              onBlur={() =>
                category.trim() !== (state.filters.category ?? '') && setFilter('category', category.trim())
              }
              onKeyDown={(e) => e.key === 'Enter' && setFilter('category', category.trim())}
            />
            <datalist id="report-categories">
              {choices.categories.map((c) => (
                <option key={c} value={c} />
              ))}
            </datalist>
          </label>
        )}
      </fieldset>
    </div>
  );
}
