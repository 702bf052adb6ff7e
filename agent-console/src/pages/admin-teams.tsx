// Teams: strategy, members, business hours (the account's, or the team's own), overflow, re-route and
// offline path.
import { useState } from 'react';
import type { Hours } from '#shared/business-hours.ts';
import type { Api } from '../api.ts';
import { DurationInput } from '../components/duration-input.tsx';
import { HoursEditor } from '../components/hours-editor.tsx';
import { defaultHours, type EditableHours, editable } from '../components/hours-model.ts';
import { useLoad } from '../components/use-load.ts';
import { type Key, useI18n } from '../i18n.tsx';
import type { Team, User } from '../types.ts';

type Form = {
  name: string;
  strategy: string;
  memberIds: string[];
  /** null: the team follows the account's business hours. */
  ownHours: EditableHours | null;
  pauseSla: boolean;
  overflowSeconds: string;
  overflowTeamId: string;
  rerouteSeconds: string;
  offlineTeamId: string;
};

const blank: Form = {
  name: '',
  strategy: 'least_busy',
  memberIds: [],
  ownHours: null,
  pauseSla: false,
  overflowSeconds: '',
  overflowTeamId: '',
  rerouteSeconds: '',
  offlineTeamId: '',
};

function toForm(team: Team): Form {
  const s = team.settings as {
    businessHours?: Hours | null;
    pauseSlaOutsideHours?: boolean;
    overflow?: { afterSeconds: number; teamId: string } | null;
    rerouteAfterSeconds?: number | null;
    offlineTeamId?: string | null;
  };
  return {
    name: team.name,
    strategy: team.strategy,
    memberIds: team.memberIds,
    ownHours: editable(s.businessHours),
    pauseSla: s.pauseSlaOutsideHours ?? false,
    overflowSeconds: s.overflow ? String(s.overflow.afterSeconds) : '',
    overflowTeamId: s.overflow?.teamId ?? '',
    rerouteSeconds: s.rerouteAfterSeconds ? String(s.rerouteAfterSeconds) : '',
    offlineTeamId: s.offlineTeamId ?? '',
  };
}

function toBody(f: Form) {
  return {
    name: f.name,
    strategy: f.strategy,
    memberIds: f.memberIds,
    settings: {
      businessHours: f.ownHours,
      pauseSlaOutsideHours: f.pauseSla,
      overflow:
        f.overflowSeconds && f.overflowTeamId
          ? { afterSeconds: Number(f.overflowSeconds), teamId: f.overflowTeamId }
          : null,
      rerouteAfterSeconds: f.rerouteSeconds ? Number(f.rerouteSeconds) : null,
      offlineTeamId: f.offlineTeamId || null,
    },
  };
}

export function TeamsAdmin(props: { api: Api }) {
  const { t } = useI18n();
  const teams = useLoad<Team[]>(() => props.api.get<Team[]>('/teams').then((r) => r.data));
  const users = useLoad<User[]>(() => props.api.get<User[]>('/users').then((r) => r.data));
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [form, setForm] = useState<Form>(blank);
  const [msg, setMsg] = useState<string | null>(null);
  const edit = (team: Team | null) => {
    setEditing(team ? team.id : 'new');
    setForm(team ? toForm(team) : blank);
    setMsg(null);
  };
  const save = async () => {
    try {
      if (editing === 'new') await props.api.post('/teams', toBody(form));
      else await props.api.patch(`/teams/${editing}`, toBody(form));
      setMsg(t('saved'));
      setEditing(null);
      teams.reload();
    } catch (e) {
      setMsg((e as Error).message);
    }
  };
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm({ ...form, [k]: v });
  return (
    <section>
      <h1>{t('teams')}</h1>
      {msg && <p role="status">{msg}</p>}
      <table className="grid">
        <thead>
          <tr>
            <th>{t('name')}</th>
            <th>{t('strategy')}</th>
            <th>{t('members')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(teams.data ?? []).map((team) => (
            <tr key={team.id}>
              <td>{team.name}</td>
              <td>{t(team.strategy as Key)}</td>
              <td>
                {team.memberIds.map((id) => users.data?.find((u) => u.id === id)?.name ?? id).join(', ')}
              </td>
              <td>
                <button type="button" onClick={() => edit(team)}>
                  ✎
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => edit(null)}>
        + {t('teams')}
      </button>
      {editing && (
        <form className="card" onSubmit={(e) => (e.preventDefault(), save())} aria-label="team">
          <label>
            {t('name')}
            <input value={form.name} onChange={(e) => set('name', e.target.value)} required />
          </label>
          <label>
            {t('strategy')}
            <select value={form.strategy} onChange={(e) => set('strategy', e.target.value)}>
              {['least_busy', 'rotation', 'manual'].map((s) => (
                <option key={s} value={s}>
                  {t(s as Key)}
                </option>
              ))}
            </select>
          </label>
          <fieldset>
            <legend>{t('members')}</legend>
            {(users.data ?? []).map((u) => (
              <label key={u.id} className="check">
                <input
                  type="checkbox"
                  checked={form.memberIds.includes(u.id)}
                  onChange={(e) =>
                    set(
                      'memberIds',
                      e.target.checked ? [...form.memberIds, u.id] : form.memberIds.filter((x) => x !== u.id),
                    )
                  }
                />
                {u.name}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t('businessHours')}</legend>
            <div className="hours-choice" role="radiogroup" aria-label={t('businessHours')}>
              <label className="check">
                <input
                  type="radio"
                  name="team-hours"
                  checked={form.ownHours === null}
                  onChange={() => set('ownHours', null)}
                />
                {t('hoursTeamAccount')}
              </label>
              <label className="check">
                <input
                  type="radio"
                  name="team-hours"
                  checked={form.ownHours !== null}
                  onChange={() => set('ownHours', form.ownHours ?? defaultHours())}
                />
                {t('hoursTeamOwn')}
              </label>
            </div>
            {form.ownHours && (
              <HoursEditor
                value={form.ownHours}
                onChange={(v) => set('ownHours', v)}
                label={t('hoursTeamOwn')}
              />
            )}
            <label className="check">
              <input
                type="checkbox"
                checked={form.pauseSla}
                onChange={(e) => set('pauseSla', e.target.checked)}
              />
              {t('hoursPauseSla')}
            </label>
          </fieldset>
          <fieldset>
            <legend>{t('teamOverflowLegend')}</legend>
            <div className="duration-field">
              {t('teamOverflowAfter')}
              <DurationInput
                label={t('teamOverflowAfter')}
                value={form.overflowSeconds === '' ? null : Number(form.overflowSeconds)}
                onChange={(v) => set('overflowSeconds', v == null ? '' : String(v))}
              />
            </div>
            <TeamSelect
              label={t('teamOverflowTeam')}
              teams={teams.data ?? []}
              value={form.overflowTeamId}
              onChange={(v) => set('overflowTeamId', v)}
            />
            <div className="duration-field">
              {t('teamRerouteAfter')}
              <DurationInput
                label={t('teamRerouteAfter')}
                value={form.rerouteSeconds === '' ? null : Number(form.rerouteSeconds)}
                onChange={(v) => set('rerouteSeconds', v == null ? '' : String(v))}
              />
            </div>
            <TeamSelect
              label={t('teamOfflineTeam')}
              teams={teams.data ?? []}
              value={form.offlineTeamId}
              onChange={(v) => set('offlineTeamId', v)}
            />
          </fieldset>
          <button type="submit" className="primary">
            {t('save')}
          </button>
        </form>
      )}
    </section>
  );
}

function TeamSelect(props: { label: string; teams: Team[]; value: string; onChange(v: string): void }) {
  return (
    <label>
      {props.label}
      <select value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">—</option>
        {props.teams.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </select>
    </label>
  );
}
