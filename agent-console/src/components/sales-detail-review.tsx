// One part's review (step 6.3): the CI (both sides) or the signed letter, item by item from the account's
// checklist, with the seed's Spanish wording as a hint (what the customer reads when it is missing) and
// the CI's expiry date. All ticked accepts; anything unticked sends the files back and the hub tells the
// customer what is missing. Only once every slot of the part holds a file.
import { type FormEvent, useState } from 'react';
import type { ReviewItem } from '#shared/sales/document-review.ts';
import type { Api } from '../api.ts';
import { type Part, partSlots, reviewable, type SaleDocument } from './sales-detail-model.ts';
import { type Sale, useSalesText } from './sales-text.ts';

/** The review a part's latest reviewed file carries: which items failed. */
function lastReview(docs: SaleDocument[]): { failed: string[] } | null {
  const d = docs.find((x) => x.review);
  const failed = d?.review?.failed;
  return d ? { failed: Array.isArray(failed) ? failed.map(String) : [] } : null;
}

export function ReviewPart(props: {
  api: Api;
  sale: Sale;
  part: Part;
  items: ReviewItem[];
  /** The part's documents, newest first. */
  documents: SaleDocument[];
  onReviewed(docs: SaleDocument[], sale: Sale): void;
}) {
  const { s, lang } = useSalesText();
  const { api, sale, part, items, documents } = props;
  const labelOf = (i: ReviewItem) => (lang === 'en' ? undefined : i.labels?.[lang]) ?? i.label;
  const [answers, setAnswers] = useState<Record<string, boolean>>({});
  const [expiresOn, setExpiresOn] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const latest = partSlots[part].map((slot) => documents.find((d) => d.slot === slot));
  const waiting = latest.some((d) => !d || d.status === 'rejected');
  const pending = latest.some((d) => d?.status === 'received');
  const open = !waiting && reviewable.includes(sale.status);
  const unticked = items.filter((i) => !answers[i.key]);
  const needsDate = items.some((i) => i.needsValue === 'date' && answers[i.key]) && !expiresOn;
  const past = lastReview(documents);
  const wording = (keys: string[]) =>
    items
      .filter((i) => keys.includes(i.key))
      .map((i) => i.text ?? labelOf(i))
      .join('; ');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const body = {
        part,
        answers: Object.fromEntries(items.map((i) => [i.key, answers[i.key] === true])),
        ...(expiresOn ? { expiresOn } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      };
      const r = (await api.post<Sale>(`/sales/${sale.id}/documents/review`, body)) as {
        data: Sale;
        documents: SaleDocument[];
      };
      setAnswers({});
      setNote('');
      setError(null);
      props.onReviewed(r.documents, r.data);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="sales-card sale-review" data-part={part} onSubmit={submit}>
      <h3>{s(part === 'ci' ? 'part_ci' : 'part_letter')}</h3>
      {past && !pending && (
        <p className="sale-review-result" data-result={past.failed.length ? 'rejected' : 'accepted'}>
          {past.failed.length ? s('reviewedMissing', { items: wording(past.failed) }) : s('reviewedOk')}
        </p>
      )}
      {waiting && <p className="muted">{s('waitFiles')}</p>}
      {/* Accepted and nothing new since: the checklist has done its work. */}
      {!(past && !past.failed.length && !pending) && (
        <fieldset disabled={!open || busy}>
          {items.map((i) => (
            <div key={i.key} className="sale-check" data-item={i.key}>
              <label>
                <input
                  type="checkbox"
                  name={i.key}
                  checked={answers[i.key] === true}
                  onChange={(e) => setAnswers((a) => ({ ...a, [i.key]: e.target.checked }))}
                />{' '}
                {labelOf(i)}
              </label>
              {i.text && (
                <small className="muted" lang="es" dir="auto">
                  {i.text}
                </small>
              )}
              {i.needsValue === 'date' && (
                <label className="sale-expiry">
                  {s('expiresOn')}
                  <input
                    type="date"
                    name="expiresOn"
                    value={expiresOn}
                    onChange={(e) => setExpiresOn(e.target.value)}
                  />
                </label>
              )}
            </div>
          ))}
          <label>
            {s('reviewNote')}
            <textarea name="note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
          </label>
          {open && unticked.length > 0 && (
            <p className="sale-will-tell">{s('willTell', { items: wording(unticked.map((i) => i.key)) })}</p>
          )}
          <div className="sales-actions">
            <button
              type="submit"
              className={unticked.length ? 'sale-send-back' : 'primary sale-accept'}
              disabled={needsDate}
            >
              {unticked.length ? s('sendBack') : s('accept')}
            </button>
          </div>
        </fieldset>
      )}
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
