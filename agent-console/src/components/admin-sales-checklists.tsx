// A document checklist (the CI's, or the request letter's clauses): label (in English, Spanish and
// Arabic), the seed's Spanish text and whether ticking it needs a date, in the order the advisor goes
// through them.
import { useEffect, useState } from 'react';
import type { ReviewItem } from '#shared/sales/document-review.ts';
import type { Api } from '../api.ts';
import { Part } from './admin-sales-part.tsx';
import { useDeskText } from './admin-sales-text.ts';

const freshKey = (items: ReviewItem[]) => {
  let n = items.length + 1;
  while (items.some((x) => x.key === `item_${n}`)) n++;
  return `item_${n}`;
};

export function ChecklistPart(props: {
  api: Api;
  part: 'ciChecklist' | 'letterClauses';
  saved: ReviewItem[];
  defaults: ReviewItem[];
  onSaved(items: ReviewItem[]): void;
}) {
  const d = useDeskText();
  const [items, setItems] = useState(props.saved);
  useEffect(() => setItems(props.saved), [props.saved]);
  const set = (i: number, p: Partial<ReviewItem>) =>
    setItems(items.map((x, j) => (j === i ? { ...x, ...p } : x)));
  const move = (i: number, by: -1 | 1) => {
    const next = [...items];
    [next[i], next[i + by]] = [next[i + by], next[i]];
    setItems(next);
  };
  // No text, no date and blank translations are left out, as the hub stores them.
  const value = items.map(({ text, needsValue, labels, ...rest }) => {
    const typed = Object.fromEntries(Object.entries(labels ?? {}).filter(([, v]) => v?.trim()));
    return {
      ...rest,
      ...(Object.keys(typed).length ? { labels: typed } : {}),
      ...(text?.trim() ? { text } : {}),
      ...(needsValue ? { needsValue } : {}),
    };
  });
  return (
    <Part
      api={props.api}
      part={props.part}
      title={d(props.part)}
      hint={d('checklistHint')}
      value={value}
      defaults={props.defaults}
      onSaved={props.onSaved}
    >
      <ol className="desk-list">
        {items.map((x, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the key field is edited in place
          <li key={i} className="desk-item">
            <div className="desk-row">
              <label>
                {d('itemKey')}
                <input
                  aria-label={d('itemKey')}
                  dir="ltr"
                  value={x.key}
                  onChange={(e) => set(i, { key: e.target.value })}
                />
              </label>
              <label className="grow">
                {d('itemLabel')}
                <input
                  aria-label={d('itemLabel')}
                  dir="auto"
                  value={x.label}
                  onChange={(e) => set(i, { label: e.target.value })}
                />
              </label>
            </div>
            <div className="desk-row">
              {(['es', 'ar'] as const).map((l) => (
                <label key={l} className="grow">
                  {d(l === 'es' ? 'itemLabelEs' : 'itemLabelAr')}
                  <input
                    aria-label={d(l === 'es' ? 'itemLabelEs' : 'itemLabelAr')}
                    dir={l === 'ar' ? 'rtl' : 'ltr'}
                    lang={l}
                    value={x.labels?.[l] ?? ''}
                    onChange={(e) => set(i, { labels: { ...x.labels, [l]: e.target.value } })}
                  />
                </label>
              ))}
            </div>
            <label>
              {d('itemText')}
              <input
                aria-label={d('itemText')}
                dir="ltr"
                lang="es"
                value={x.text ?? ''}
                onChange={(e) => set(i, { text: e.target.value })}
              />
            </label>
            <div className="desk-row">
              <label className="check">
                <input
                  type="checkbox"
                  checked={x.needsValue === 'date'}
                  onChange={(e) => set(i, { needsValue: e.target.checked ? 'date' : undefined })}
                />
                {d('needsDate')}
              </label>
              <span className="grow" />
              <button type="button" aria-label={d('up')} disabled={i === 0} onClick={() => move(i, -1)}>
                ↑
              </button>
              <button
                type="button"
                aria-label={d('down')}
                disabled={i === items.length - 1}
                onClick={() => move(i, 1)}
              >
                ↓
              </button>
              <button type="button" onClick={() => setItems(items.filter((_, j) => j !== i))}>
                {d('remove')}
              </button>
            </div>
          </li>
        ))}
      </ol>
      <div>
        <button type="button" onClick={() => setItems([...items, { key: freshKey(items), label: '' }])}>
          {d('addItem')}
        </button>
      </div>
    </Part>
  );
}
