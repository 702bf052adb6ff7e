// The registration's three fields that need more than an input: the installation address checked against
// the account's format as it is typed (Annex 1; the normalised upper-case text, or what is wrong with a
// correct example), the equipment (the standard pieces and any other), and the observations gloss with
// its blanks as inputs and the text it makes (Annex 2).
import { useEffect, useState } from 'react';
import type { AddressCheckJson } from '#shared/sales-settings.schema.ts';
import type { Api } from '../api.ts';
import { glossFieldLabel, glossPreview, type Settings, standardEquipment } from './sales-detail-model.ts';
import { type SalesKey, useSalesText } from './sales-text.ts';

const CHECK_DELAY_MS = 350;

/** The address input; `onCheck` hears the hub's verdict on what is typed (null while empty or asking). */
export function AddressField(props: {
  api: Api;
  value: string;
  onChange(v: string): void;
  onCheck(c: AddressCheckJson | null): void;
}) {
  const { s } = useSalesText();
  const { api, value, onCheck } = props;
  const [check, setCheck] = useState<AddressCheckJson | null>(null);
  useEffect(() => {
    setCheck(null);
    onCheck(null);
    if (!value.trim()) return;
    let live = true;
    const timer = setTimeout(() => {
      api.post<never>('/sales/address-check', { address: value }).then(
        // This route answers the check itself, outside the {data} envelope.
        (r) => {
          if (!live) return;
          const c = r as unknown as AddressCheckJson;
          setCheck(c);
          onCheck(c);
        },
        () => {},
      );
    }, CHECK_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, value, onCheck]);
  const problem = check && !check.ok && check.problem ? (`addr_${check.problem}` as SalesKey) : null;
  const told: string | undefined = problem ? s(problem) : undefined;
  return (
    <div className="sale-address" data-check={check ? (check.ok ? 'ok' : 'wrong') : ''}>
      <label>
        {s('installationAddress')}
        <input
          name="installationAddress"
          dir="auto"
          value={value}
          aria-invalid={check ? !check.ok : undefined}
          onChange={(e) => props.onChange(e.target.value)}
        />
      </label>
      {check?.ok && (
        <p className="sale-address-ok" role="status">
          {s('addressOk', { address: '' })}
          <bdi className="sale-normalized">{check.normalized}</bdi>
        </p>
      )}
      {check && !check.ok && (
        <p className="sale-address-wrong" role="alert">
          {told ?? check.message}{' '}
          {check.example && (
            <>
              {s('addressExample', { example: '' })}
              <bdi className="sale-example">{check.example}</bdi>
            </>
          )}
        </p>
      )}
    </div>
  );
}

export function EquipmentField(props: { value: string[]; onChange(v: string[]): void }) {
  const { s } = useSalesText();
  const [other, setOther] = useState('');
  const toggle = (v: string, on: boolean) =>
    props.onChange(on ? [...props.value, v] : props.value.filter((x) => x !== v));
  const custom = props.value.filter((v) => !standardEquipment.some((e) => e.value === v));
  const add = () => {
    const v = other.trim().toUpperCase();
    if (v && !props.value.includes(v)) props.onChange([...props.value, v]);
    setOther('');
  };
  return (
    <fieldset className="sale-equipment">
      <legend>{s('equipment')}</legend>
      {[
        ...standardEquipment.map((e) => ({ value: e.value, label: s(e.key) })),
        ...custom.map((v) => ({ value: v, label: v })),
      ].map((e) => (
        <label key={e.value} className="sale-inline">
          <input
            type="checkbox"
            name="equipment"
            value={e.value}
            checked={props.value.includes(e.value)}
            onChange={(ev) => toggle(e.value, ev.target.checked)}
          />{' '}
          <bdi>{e.label}</bdi>
        </label>
      ))}
      <span className="sale-inline">
        <input
          aria-label={s('addEquipment')}
          placeholder={s('addEquipment')}
          value={other}
          onChange={(e) => setOther(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            add();
          }}
        />
        <button type="button" onClick={add}>
          {s('add')}
        </button>
      </span>
    </fieldset>
  );
}

export type GlossValue = { key: string; values: Record<string, string> };

export function GlossField(props: {
  glosses: Settings['glosses'];
  product: string;
  value: GlossValue;
  onChange(v: GlossValue): void;
}) {
  const { s } = useSalesText();
  const { value } = props;
  // The sale's product first: its one or two glosses are the ones the advisor wants.
  const ordered = [...props.glosses].sort(
    (a, b) => Number(b.product === props.product) - Number(a.product === props.product),
  );
  const gloss = props.glosses.find((g) => g.key === value.key);
  return (
    <fieldset className="sale-gloss">
      <legend>{s('gloss')}</legend>
      <select
        name="gloss"
        aria-label={s('gloss')}
        value={value.key}
        onChange={(e) => props.onChange({ key: e.target.value, values: value.values })}
      >
        <option value="">{s('choose')}</option>
        {ordered.map((g) => (
          <option key={g.key} value={g.key}>
            {s('glossOf', {
              product: g.product,
              billing: s(`billing_${g.billing}` as SalesKey) ?? g.billing,
            })}
          </option>
        ))}
      </select>
      {gloss && (
        <div className="sales-form-row">
          {gloss.fields.map((f) => (
            <label key={f}>
              {glossFieldLabel(s, f)}
              <input
                name={`gloss.${f}`}
                value={value.values[f] ?? ''}
                onChange={(e) =>
                  props.onChange({ key: value.key, values: { ...value.values, [f]: e.target.value } })
                }
              />
            </label>
          ))}
        </div>
      )}
      {gloss && (
        <div className="sale-gloss-preview">
          <small className="muted">{s('glossPreview')}</small>
          <p lang="es" dir="ltr">
            {glossPreview(gloss.text, value.values)}
          </p>
        </div>
      )}
    </fieldset>
  );
}
