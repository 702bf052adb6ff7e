// The installation address format (Annex 1): its twelve words and the examples the advisor is shown (the
// hub refuses a format its own examples break, naming the example), and a box to try an address against
// the saved format, as the advisor's console checks it.
import { useEffect, useState } from 'react';
import type { AddressFormat, AddressKeyword } from '#shared/sales/address-format.ts';
import type { Api } from '../api.ts';
import { Part, refusalLines } from './admin-sales-part.tsx';
import { type DeskKey, useDeskText } from './admin-sales-text.ts';

// The seed's order: ENTRE, Y, ESQUINA, EDIFICIO, PISO, DEPTO, CONDOMINIO, BLOQUE, OBSERVACIONES, ...
const words: AddressKeyword[] = [
  'between',
  'and',
  'corner',
  'building',
  'floor',
  'apartment',
  'condominium',
  'block',
  'observations',
  'unnamed',
  'zone',
  'neighbourhood',
];

type Check = { ok: boolean; normalized: string; problem?: string; message?: string; example?: string };

export function AddressPart(props: {
  api: Api;
  saved: AddressFormat;
  defaults: AddressFormat;
  onSaved(f: AddressFormat): void;
}) {
  const d = useDeskText();
  const [keywords, setKeywords] = useState(props.saved.keywords);
  const [examples, setExamples] = useState(props.saved.examples.join('\n'));
  useEffect(() => {
    setKeywords(props.saved.keywords);
    setExamples(props.saved.examples.join('\n'));
  }, [props.saved]);
  const value = {
    keywords,
    examples: examples
      .split('\n')
      .map((e) => e.trim())
      .filter(Boolean),
  };
  return (
    <Part
      api={props.api}
      part="addressFormat"
      title={d('address')}
      hint={d('addressHint')}
      value={value}
      defaults={props.defaults}
      onSaved={props.onSaved}
    >
      <fieldset className="desk-keywords">
        <legend>{d('keywords')}</legend>
        {words.map((w) => (
          <label key={w}>
            {d(`kw_${w}` as DeskKey)}
            <input
              dir="ltr"
              name={`kw-${w}`}
              aria-label={d(`kw_${w}` as DeskKey)}
              placeholder={props.defaults.keywords[w]}
              value={keywords[w]}
              onChange={(e) => setKeywords({ ...keywords, [w]: e.target.value })}
            />
          </label>
        ))}
      </fieldset>
      <label>
        {d('examples')}
        <textarea
          dir="ltr"
          name="examples"
          aria-label={d('examples')}
          rows={8}
          value={examples}
          onChange={(e) => setExamples(e.target.value)}
        />
      </label>
    </Part>
  );
}

export function AddressTry(props: { api: Api }) {
  const d = useDeskText();
  const [address, setAddress] = useState('');
  const [check, setCheck] = useState<Check | { failed: string } | null>(null);
  const run = async () => {
    try {
      setCheck((await props.api.post<Check>('/sales/address-check', { address })) as unknown as Check);
    } catch (e) {
      setCheck({ failed: refusalLines(e).join(' ') });
    }
  };
  return (
    <form
      className="card desk-try"
      aria-label={d('tryAddress')}
      onSubmit={(e) => {
        e.preventDefault();
        run();
      }}
    >
      <h2>{d('tryAddress')}</h2>
      <p className="muted">{d('tryHint')}</p>
      <div className="desk-row">
        <input
          dir="ltr"
          className="grow"
          aria-label={d('tryAddress')}
          value={address}
          onChange={(e) => setAddress(e.target.value)}
        />
        <button type="submit">{d('check')}</button>
      </div>
      {check && 'failed' in check && <p className="error">{check.failed}</p>}
      {check && 'ok' in check && (
        <div role="status" className={check.ok ? 'desk-ok' : 'desk-bad'}>
          <p>{check.ok ? d('addressOk') : <span className="error">{check.message}</span>}</p>
          <p>
            {d('normalized')} <code dir="ltr">{check.normalized}</code>
          </p>
          {check.example && (
            <p>
              {d('example')} <code dir="ltr">{check.example}</code>
            </p>
          )}
        </div>
      )}
    </form>
  );
}
