// The observation glosses (Annex 2), product by product: each gloss's text with its {{blanks}} listed and a
// live preview that fills every blank with its own name, as the CRM will read it (upper case). A brace
// outside a blank is flagged while typing; the hub refuses it (and two glosses with one key) on save.
import { useEffect, useState } from 'react';
import { type Gloss, type GlossBilling, glossFields } from '#shared/sales/glosses.ts';
import type { Api } from '../api.ts';
import { Part } from './admin-sales-part.tsx';
import { type DeskKey, useDeskText } from './admin-sales-text.ts';

const billings: GlossBilling[] = ['separate_invoice', 'billed_to_phone', 'promotion'];
const blank = /(\{\{\s*[A-Za-z][A-Za-z0-9]*\s*\}\})/;
const strayBrace = (text: string) => /[{}]/.test(text.replace(new RegExp(blank, 'g'), ''));
const keyOf = (product: string, glosses: Gloss[]) => {
  const base =
    product
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'gloss';
  let n = 1;
  while (glosses.some((g) => g.key === `${base}.${n}`)) n++;
  return `${base}.${n}`;
};

/** A gloss as the hub takes it back (GET adds its blanks as `fields`). */
const bare = (gs: Gloss[]): Gloss[] =>
  gs.map(({ key, product, billing, text }) => ({ key, product, billing, text }));

function Preview(props: { text: string }) {
  return (
    <p className="desk-preview" dir="ltr" lang="es">
      {props.text.split(blank).map((piece, i) => {
        const name = piece.match(/^\{\{\s*(\w+)\s*\}\}$/)?.[1];
        // biome-ignore lint/suspicious/noArrayIndexKey: the pieces of one text, in order
        return name ? <mark key={i}>{name}</mark> : <span key={i}>{piece.toUpperCase()}</span>;
      })}
    </p>
  );
}

export function GlossesPart(props: {
  api: Api;
  saved: Gloss[];
  defaults: Gloss[];
  onSaved(g: Gloss[]): void;
}) {
  const d = useDeskText();
  const [glosses, setGlosses] = useState<Gloss[]>(() => bare(props.saved));
  useEffect(() => setGlosses(bare(props.saved)), [props.saved]);
  const products = [...new Set(glosses.map((g) => g.product))];
  const [product, setProduct] = useState(products[0] ?? '');
  const [newProduct, setNewProduct] = useState('');
  const add = () => {
    const to = newProduct.trim().toUpperCase() || product;
    if (!to) return;
    setGlosses([...glosses, { key: keyOf(to, glosses), product: to, billing: 'separate_invoice', text: '' }]);
    setProduct(to);
    setNewProduct('');
  };
  // Rows are told apart by index: a key being edited is not yet a key.
  const shown = glosses.map((g, i) => ({ g, i })).filter(({ g }) => g.product === product);
  const setAt = (i: number, p: Partial<Gloss>) =>
    setGlosses(glosses.map((g, j) => (j === i ? { ...g, ...p } : g)));
  return (
    <Part
      api={props.api}
      part="glosses"
      title={d('glosses')}
      hint={d('glossesHint')}
      value={glosses}
      defaults={props.defaults}
      onSaved={props.onSaved}
    >
      <div className="desk-row">
        <label className="grow">
          {d('product')}
          <select aria-label={d('product')} value={product} onChange={(e) => setProduct(e.target.value)}>
            {products.map((p) => (
              <option key={p} value={p}>
                {p} ({glosses.filter((g) => g.product === p).length})
              </option>
            ))}
          </select>
        </label>
        <label>
          {d('newProduct')}
          <input
            aria-label={d('newProduct')}
            dir="auto"
            value={newProduct}
            onChange={(e) => setNewProduct(e.target.value)}
          />
        </label>
        <button type="button" onClick={add}>
          {d('addGloss')}
        </button>
      </div>
      {shown.map(({ g, i }) => {
        const fields = glossFields(g.text);
        return (
          <fieldset key={i} className="desk-gloss">
            <div className="desk-row">
              <label className="grow">
                {d('glossKey')}
                <input
                  aria-label={d('glossKey')}
                  dir="ltr"
                  value={g.key}
                  onChange={(e) => setAt(i, { key: e.target.value })}
                />
              </label>
              <label>
                {d('billing')}
                <select
                  aria-label={d('billing')}
                  value={g.billing}
                  onChange={(e) => setAt(i, { billing: e.target.value as GlossBilling })}
                >
                  {billings.map((b) => (
                    <option key={b} value={b}>
                      {d(`billing_${b}` as DeskKey)}
                    </option>
                  ))}
                </select>
              </label>
              <button type="button" onClick={() => setGlosses(glosses.filter((_, j) => j !== i))}>
                {d('remove')}
              </button>
            </div>
            <label>
              {d('glossText')}
              <textarea
                aria-label={d('glossText')}
                dir="ltr"
                lang="es"
                rows={4}
                value={g.text}
                onChange={(e) => setAt(i, { text: e.target.value })}
              />
            </label>
            <p className="desk-blanks">
              <span className="muted">{d('blanks')}: </span>
              {fields.length === 0 && <span className="muted">{d('noBlanks')}</span>}
              {fields.map((f) => (
                <code key={f} dir="ltr">{`{{${f}}}`}</code>
              ))}
            </p>
            {strayBrace(g.text) && <p className="error">{d('badBraces')}</p>}
            <figure className="desk-preview-box">
              <figcaption className="muted">{d('preview')}</figcaption>
              <Preview text={g.text} />
            </figure>
          </fieldset>
        );
      })}
    </Part>
  );
}
