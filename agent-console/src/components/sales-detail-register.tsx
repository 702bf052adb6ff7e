// Steps 7–9 as the advisor types them into the operator's CRM: request type, billing, category, plan and
// components, the installation address (checked as typed), the observations gloss and the CRM's order
// number. "Save draft" keeps what is typed (a gloss still half filled or an address the format refuses
// is left for later: the hub would refuse the whole draft); "Register" saves, then registers, and names
// every field still empty and every document not yet accepted. Read-only once registered.
import { type FormEvent, useState } from 'react';
import type { AddressCheckJson } from '#shared/sales-settings.schema.ts';
import { type Api, ApiError } from '../api.ts';
import { AddressField, EquipmentField, GlossField, type GlossValue } from './sales-detail-fields.tsx';
import {
  type Detail,
  ofSlot,
  type Registration,
  registeredOrPast,
  registrationFieldLabel,
  type Settings,
  slotLabel,
  slots,
} from './sales-detail-model.ts';
import { type Sale, technologyLabel, useSalesText } from './sales-text.ts';

type Form = {
  requestType: string;
  billingAddress: string;
  billingCycle: string;
  category: string;
  subcategory: string;
  plan: string;
  access: string;
  equipment: string[];
  installationAddress: string;
  gloss: GlossValue;
  crmOrder: string;
};
const formOf = (r: Registration): Form => ({
  requestType: r.requestType ?? '',
  billingAddress: r.billingAddress ?? '',
  billingCycle: r.billingCycle ?? '',
  category: r.category ?? '',
  subcategory: r.subcategory ?? '',
  plan: r.plan ?? '',
  access: r.components?.access ?? '',
  equipment: r.components?.equipment ?? [],
  installationAddress: r.installationAddress ?? '',
  gloss: r.gloss ?? { key: '', values: {} },
  crmOrder: r.crmOrder ?? '',
});
type Line =
  | { key: 'draftSaved' | 'registeredNow' | 'missingFields' | 'missingDocs'; items?: string[] }
  | { text: string };
const texts = ['billingAddress', 'billingCycle', 'category', 'subcategory', 'crmOrder'] as const;

export function SaleRegistration(props: {
  api: Api;
  detail: Detail;
  settings: Settings;
  onSaved(sale: Sale, registration: Registration): void;
}) {
  const { s } = useSalesText();
  const { api, detail, settings } = props;
  const { sale } = detail;
  const [form, setForm] = useState<Form>(() => formOf(detail.registration));
  const [address, setAddress] = useState<AddressCheckJson | null>(null);
  // Kept as keys and codes, not sentences: a change of language rewords what is shown.
  const [told, setTold] = useState<{ ok: boolean; lines: Line[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const locked = registeredOrPast.includes(sale.status);
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => ({ ...f, [k]: v }));
  const gloss = settings.glosses.find((g) => g.key === form.gloss.key);
  const glossFilled = gloss?.fields.every((f) => form.gloss.values[f]?.trim()) ?? false;

  const draft = () => ({
    requestType: form.requestType || null,
    ...Object.fromEntries(texts.map((k) => [k, form[k].trim() || null])),
    plan: form.plan.trim() || null,
    components: form.access ? { access: form.access, equipment: form.equipment } : null,
    ...(!form.installationAddress.trim()
      ? { installationAddress: null }
      : address?.ok
        ? { installationAddress: form.installationAddress }
        : {}),
    ...(!form.gloss.key ? { gloss: null } : glossFilled ? { gloss: form.gloss } : {}),
  });
  const save = async () => {
    const r = (await api.put<Sale>(`/sales/${sale.id}/registration`, draft())) as {
      data: Sale;
      registration: Registration;
    };
    props.onSaved(r.data, r.registration);
  };
  const missingDocs = slots.filter((slot) => ofSlot(detail.documents, slot)[0]?.status !== 'accepted');
  const run = (register: boolean) => async (e?: FormEvent) => {
    e?.preventDefault();
    setBusy(true);
    try {
      await save();
      if (!register) return setTold({ ok: true, lines: [{ key: 'draftSaved' }] });
      const r = (await api.post<Sale>(`/sales/${sale.id}/register`)) as {
        data: Sale;
        registration: Registration;
      };
      props.onSaved(r.data, r.registration);
      setForm(formOf(r.registration));
      setTold({ ok: true, lines: [{ key: 'registeredNow' }] });
    } catch (err) {
      const details = (err instanceof ApiError ? err.details : null) as {
        missing?: string[];
        missingDocuments?: string[];
      } | null;
      const lines: Line[] = [];
      if (details?.missing?.length) lines.push({ key: 'missingFields', items: details.missing });
      const docs = details?.missingDocuments ?? (register ? missingDocs : []);
      if (docs.length) lines.push({ key: 'missingDocs', items: docs });
      setTold({ ok: false, lines: lines.length ? lines : [{ text: (err as Error).message }] });
    } finally {
      setBusy(false);
    }
  };
  const lineText = (l: Line) =>
    'text' in l
      ? l.text
      : l.key === 'missingFields'
        ? s(l.key, { list: (l.items ?? []).map((f) => registrationFieldLabel(s, f)).join(', ') })
        : l.key === 'missingDocs'
          ? s(l.key, { list: (l.items ?? []).map((d) => slotLabel(s, d)).join(', ') })
          : s(l.key);
  const input = (k: (typeof texts)[number]) => (
    <label>
      {s(k)}
      <input name={k} value={form[k]} onChange={(e) => set(k, e.target.value)} />
    </label>
  );

  return (
    <form className="sales-card sale-registration" onSubmit={run(true)}>
      <h2>{s('registration')}</h2>
      {locked && <p className="muted">{s('locked')}</p>}
      <fieldset disabled={locked || busy}>
        <div className="sales-form-row">
          <label>
            {s('requestType')}
            <select
              name="requestType"
              value={form.requestType}
              onChange={(e) => set('requestType', e.target.value)}
            >
              <option value="">{s('choose')}</option>
              <option value="member">{s('member')}</option>
              <option value="user">{s('user')}</option>
            </select>
          </label>
          {input('billingCycle')}
          {input('category')}
          {input('subcategory')}
        </div>
        {input('billingAddress')}
        <div className="sales-form-row">
          {settings.plans.length > 0 ? (
            <label>
              {s('plan')}
              <select name="plan" value={form.plan} onChange={(e) => set('plan', e.target.value)}>
                <option value="">{s('choose')}</option>
                {settings.plans.map((p) => (
                  <option key={p.name} value={p.name} title={p.description}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <label>
              {s('plan')}
              <input name="plan" value={form.plan} onChange={(e) => set('plan', e.target.value)} />
            </label>
          )}
          <fieldset className="sale-access">
            <legend>{s('access')}</legend>
            {(['copper', 'fibre'] as const).map((t) => (
              <label key={t} className="sale-inline">
                <input
                  type="radio"
                  name="access"
                  value={t}
                  checked={form.access === t}
                  onChange={() => set('access', t)}
                />{' '}
                {technologyLabel(s, t)}
              </label>
            ))}
          </fieldset>
        </div>
        <EquipmentField value={form.equipment} onChange={(v) => set('equipment', v)} />
        <AddressField
          api={api}
          value={form.installationAddress}
          onChange={(v) => set('installationAddress', v)}
          onCheck={setAddress}
        />
        <GlossField
          glosses={settings.glosses}
          product={sale.product}
          value={form.gloss}
          onChange={(v) => set('gloss', v)}
        />
        {input('crmOrder')}
        <div className="sales-actions">
          <button type="button" className="sale-save" onClick={() => run(false)()}>
            {s('saveDraft')}
          </button>
          <button type="submit" className="primary sale-register">
            {s('register')}
          </button>
        </div>
      </fieldset>
      {told && (
        <div className={told.ok ? 'sale-told' : 'alert sale-told'} role={told.ok ? 'status' : 'alert'}>
          {told.lines.map((l) => {
            const text = lineText(l);
            return <p key={text}>{text}</p>;
          })}
        </div>
      )}
    </form>
  );
}
