// A campaign's form, new or edited (supervisors and admins): name, description, products and promotions
// as chips, team, dates and calls before giving up. The hub's refusal shows beside the field it is about
// (409: the name is taken; 400: the dates).
import { type FormEvent, useEffect, useState } from 'react';
import { type Api, ApiError } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { ChipInput } from './chip-fields.tsx';
import { type Campaign, useSalesText } from './sales-text.ts';

type Field = 'name' | 'teamId' | 'startsOn' | 'endsOn' | 'maxAttempts' | 'form';

/** Which field a refusal is about: the hub's `details.field`, its zod tree, or its words. */
function fieldOf(e: ApiError): Field {
  if (e.code === 'conflict') return 'name';
  const d = e.details as { field?: string; properties?: Record<string, unknown> } | undefined;
  const named = d?.field ?? Object.keys(d?.properties ?? {})[0];
  if (named && ['name', 'teamId', 'startsOn', 'endsOn', 'maxAttempts'].includes(named)) return named as Field;
  if (/ends before it starts|endsOn/.test(e.message)) return 'endsOn';
  if (/startsOn/.test(e.message)) return 'startsOn';
  return 'form';
}

export function CampaignForm(props: {
  api: Api;
  campaign: Campaign | null;
  onSaved(c: Campaign): void;
  onCancel(): void;
}) {
  const { s } = useSalesText();
  const { dir } = useI18n();
  const c = props.campaign;
  const [name, setName] = useState(c?.name ?? '');
  const [description, setDescription] = useState(c?.description ?? '');
  const [products, setProducts] = useState<string[]>(c?.products ?? []);
  const [promotions, setPromotions] = useState<string[]>(c?.promotions ?? []);
  const [teamId, setTeamId] = useState(c?.teamId ?? '');
  const [startsOn, setStartsOn] = useState(c?.startsOn ?? '');
  const [endsOn, setEndsOn] = useState(c?.endsOn ?? '');
  const [maxAttempts, setMaxAttempts] = useState(String(c?.maxAttempts ?? 3));
  const [teams, setTeams] = useState<{ id: string; name: string }[]>([]);
  const [error, setError] = useState<{ field: Field; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    props.api.get<{ id: string; name: string }[]>('/teams').then(
      (r) => setTeams(r.data),
      () => setTeams([]),
    );
  }, [props.api]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const body = {
      name,
      description: description.trim() || null,
      products,
      promotions,
      teamId: teamId || null,
      startsOn: startsOn || null,
      endsOn: endsOn || null,
      maxAttempts: Number(maxAttempts),
    };
    try {
      const r = c
        ? await props.api.patch<Campaign>(`/campaigns/${c.id}`, body)
        : await props.api.post<Campaign>('/campaigns', body);
      props.onSaved(r.data);
    } catch (err) {
      const field = err instanceof ApiError ? fieldOf(err) : 'form';
      setError({ field, message: (err as Error).message });
    } finally {
      setBusy(false);
    }
  };
  const problem = (field: Field) =>
    error?.field === field ? (
      <small className="error" role="alert" data-error-for={field}>
        {error.message}
      </small>
    ) : null;

  return (
    <form className="sales-card sales-campaign-form" onSubmit={submit} dir={dir}>
      <h2>{c ? s('editCampaign') : s('newCampaign')}</h2>
      <label>
        {s('name')}
        <input
          name="name"
          required
          maxLength={120}
          dir="auto"
          value={name}
          aria-invalid={error?.field === 'name'}
          onChange={(e) => setName(e.target.value)}
        />
        {problem('name')}
      </label>
      <label>
        {s('description')}
        <textarea
          name="description"
          rows={2}
          maxLength={2000}
          dir="auto"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </label>
      <ChipInput
        label={s('products')}
        hint={s('productsHint')}
        value={products}
        onChange={setProducts}
        maxLength={120}
      />
      <ChipInput
        label={s('promotions')}
        hint={s('promotionsHint')}
        value={promotions}
        onChange={setPromotions}
        maxLength={200}
      />
      <div className="sales-form-row">
        <label>
          {s('team')}
          <select name="teamId" value={teamId} onChange={(e) => setTeamId(e.target.value)}>
            <option value="">{s('anyTeam')}</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
          {problem('teamId')}
        </label>
        <label>
          {s('startsOn')}
          <input
            type="date"
            name="startsOn"
            value={startsOn}
            aria-invalid={error?.field === 'startsOn'}
            onChange={(e) => setStartsOn(e.target.value)}
          />
          {problem('startsOn')}
        </label>
        <label>
          {s('endsOn')}
          <input
            type="date"
            name="endsOn"
            value={endsOn}
            aria-invalid={error?.field === 'endsOn'}
            onChange={(e) => setEndsOn(e.target.value)}
          />
          {problem('endsOn')}
        </label>
        <label>
          {s('maxAttempts')}
          <input
            type="number"
            name="maxAttempts"
            min={1}
            max={20}
            value={maxAttempts}
            onChange={(e) => setMaxAttempts(e.target.value)}
          />
          {problem('maxAttempts')}
        </label>
      </div>
      {problem('form')}
      <div className="sales-actions">
        <button type="submit" className="primary" disabled={busy}>
          {c ? s('save') : s('create')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {s('cancel')}
        </button>
      </div>
    </form>
  );
}
