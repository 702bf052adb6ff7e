// The routing-rule builder: conditions as chips (channels, inboxes and categories from their lists,
// words typed freely), then a team by name and a priority by label. The same form adds a rule and edits
// one in place; it refuses, before asking the hub, what the hub would refuse (no name; neither team nor
// priority), and says a refusal of the hub in a sentence. Conditions it has no field for (languages,
// contact attributes, hours, influence) are kept as they were.
import { useState } from 'react';
import type { RuleActions, RuleConditions } from '#shared/routing.schema.ts';
import { ApiError } from '../api.ts';
import { type Key, useI18n } from '../i18n.tsx';
import { ChipInput, type ChipOption, ChipSelect } from './chip-fields.tsx';
import type { RuleJson } from './rule-sentence.ts';

export type RuleBody = { name: string; conditions: RuleConditions; actions: RuleActions };
export type RuleOptions = {
  channels: ChipOption[];
  inboxes: ChipOption[];
  categories: ChipOption[];
  teams: ChipOption[];
};

type Draft = {
  name: string;
  channels: string[];
  inboxIds: string[];
  keywords: string[];
  categories: string[];
  teamId: string;
  priority: string;
};
const draftOf = (r: RuleJson | null): Draft => ({
  name: r?.name ?? '',
  channels: r?.conditions.channels ?? [],
  inboxIds: r?.conditions.inboxIds ?? [],
  keywords: r?.conditions.keywords ?? [],
  categories: r?.conditions.categories ?? [],
  teamId: r?.actions.teamId ?? '',
  priority: r?.actions.priority ?? '',
});
const priorities = ['low', 'normal', 'high', 'urgent'] as const;
type Priority = (typeof priorities)[number];

export function RuleBuilder(props: {
  rule: RuleJson | null;
  options: RuleOptions;
  onSave(body: RuleBody): Promise<void>;
  onCancel?(): void;
}) {
  const { t } = useI18n();
  const [d, setD] = useState<Draft>(() => draftOf(props.rule));
  // A key, not a text: the message follows a change of language.
  const [problem, setProblem] = useState<Key | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<Draft>) => {
    setD({ ...d, ...patch });
    setProblem(null);
  };

  const submit = async () => {
    if (!d.name.trim()) return setProblem('ruleNeedsName');
    if (!d.teamId && !d.priority) return setProblem('ruleNeedsAction');
    const conditions: RuleConditions = { ...props.rule?.conditions };
    const lists = {
      channels: d.channels,
      inboxIds: d.inboxIds,
      keywords: d.keywords,
      categories: d.categories,
    };
    for (const [k, v] of Object.entries(lists) as [keyof typeof lists, string[]][]) {
      if (v.length) Object.assign(conditions, { [k]: v });
      else delete conditions[k];
    }
    const actions: RuleActions = {
      ...(d.teamId ? { teamId: d.teamId } : {}),
      ...(d.priority ? { priority: d.priority as Priority } : {}),
    };
    setBusy(true);
    try {
      await props.onSave({ name: d.name.trim(), conditions, actions });
      // A new rule's form starts over; an edited one is closed by its owner.
      if (!props.rule) setD(draftOf(null));
    } catch (e) {
      setProblem(ruleErrorKey(e));
    } finally {
      setBusy(false);
    }
  };

  const editing = props.rule !== null;
  const title = editing ? t('ruleEditing', { name: props.rule?.name ?? '' }) : t('ruleNew');
  return (
    <form
      className="card rule-builder"
      aria-label={editing ? t('ruleEditing', { name: props.rule?.name ?? '' }) : t('ruleNew')}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h2>{title}</h2>
      <label>
        {t('name')}
        <input
          name="name"
          dir="auto"
          maxLength={200}
          value={d.name}
          aria-invalid={problem === 'ruleNeedsName' || undefined}
          onChange={(e) => set({ name: e.target.value })}
        />
      </label>
      <fieldset>
        <legend>{t('ruleWhenLegend')}</legend>
        <ChipSelect
          label={t('ruleChannels')}
          addLabel={t('ruleAddChannel')}
          options={props.options.channels}
          value={d.channels}
          onChange={(channels) => set({ channels })}
        />
        {props.options.inboxes.length > 0 && (
          <ChipSelect
            label={t('ruleInboxes')}
            addLabel={t('ruleAddInbox')}
            options={props.options.inboxes}
            value={d.inboxIds}
            onChange={(inboxIds) => set({ inboxIds })}
          />
        )}
        <ChipInput
          label={t('ruleKeywords')}
          hint={t('ruleKeywordsHint')}
          maxLength={100}
          value={d.keywords}
          onChange={(keywords) => set({ keywords })}
        />
        <ChipSelect
          label={t('ruleCategories')}
          addLabel={t('ruleAddCategory')}
          options={props.options.categories}
          value={d.categories}
          onChange={(categories) => set({ categories })}
        />
      </fieldset>
      <fieldset className="rule-then">
        <legend>{t('ruleThenLegend')}</legend>
        <label>
          {t('team')}
          <select value={d.teamId} onChange={(e) => set({ teamId: e.target.value })}>
            <option value="">{t('ruleNoTeam')}</option>
            {props.options.teams.map((tm) => (
              <option key={tm.value} value={tm.value}>
                {tm.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('priority')}
          <select value={d.priority} onChange={(e) => set({ priority: e.target.value })}>
            <option value="">{t('ruleNoPriority')}</option>
            {priorities.map((p) => (
              <option key={p} value={p}>
                {t(p)}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      {problem && (
        <p role="alert" className="rule-problem">
          {t(problem)}
        </p>
      )}
      <div className="rule-buttons">
        <button type="submit" className="primary" disabled={busy}>
          {t('save')}
        </button>
        {props.onCancel && (
          <button type="button" onClick={props.onCancel}>
            {t('cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

/** A refusal of the hub as a sentence for the admin: never its validation text. */
export function ruleErrorKey(e: unknown): Key {
  if (!(e instanceof ApiError)) return 'ruleErrorOther';
  if (e.status === 0) return 'ruleErrorOffline';
  if (e.status === 404) return 'ruleErrorGone';
  if (e.status === 403) return 'ruleErrorForbidden';
  if (e.status === 400 || e.status === 422) return 'ruleErrorRefused';
  return 'ruleErrorOther';
}
