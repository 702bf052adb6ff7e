// The advisor's work in a campaign: "Next customer" hands them one entry (the one they hold, a callback
// that is due, or the next waiting); they record the checks — a failed one skips the customer — then the
// call's outcome; an accepted call opens a sale. "Release" hands the customer back untouched.
import { useEffect, useRef, useState } from 'react';
import type { CallOutcomeBody, EntryChecksBody, SaleJson } from '#shared/sales.schema.ts';
import type { Api } from '../api.ts';
import { navigate } from '../router.ts';
import { CustomerCard } from './sales-customer.tsx';
import {
  type Campaign,
  type Entry,
  notRequestedReason,
  type S,
  technologyLabel,
  useSalesText,
  when,
} from './sales-text.ts';
import { ChecksForm, OutcomeForm } from './sales-work-forms.tsx';
import './sales-work.css';

type Documents = { sent: boolean; code?: string; reason?: string };
type Result = { kind: string; text: string; saleId?: string; documents?: string; documentsSent?: boolean };

function resultOf(s: S, lang: string, e: Entry, sale: SaleJson | null): Result {
  if (sale) return { kind: 'sale', text: s('saleOpened', { id: sale.id }), saleId: sale.id };
  if (e.status === 'skipped') {
    const reason =
      e.impediment ?? s('noCapacity', { tech: e.technology ? technologyLabel(s, e.technology) : '' });
    return { kind: 'skipped', text: s('skipped', { reason }) };
  }
  if (e.status === 'unreached') return { kind: 'unreached', text: s('doneUnreached') };
  if (e.status === 'callback')
    return { kind: 'callback', text: s('doneCallback', { at: when(e.callbackAt, lang) }) };
  if (e.status === 'declined')
    return { kind: 'declined', text: s('doneDeclined', { reason: e.outcomeReason ?? '' }) };
  return { kind: 'no_answer', text: s('doneNoAnswer') };
}

export function AdvisorWork(props: { api: Api; campaign: Campaign; onChanged(): void }) {
  const { s, lang } = useSalesText();
  const { api, campaign, onChanged } = props;
  /** undefined: not asked yet; null: nobody waits. */
  const [entry, setEntry] = useState<Entry | null | undefined>(undefined);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const nextButton = useRef<HTMLButtonElement>(null);
  const working = entry && (entry.status === 'in_progress' || entry.status === 'callback');

  // A finished customer: the focus goes back to "Next customer", so Enter takes the next one.
  useEffect(() => {
    if (!working) nextButton.current?.focus();
  }, [working]);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const next = () =>
    run(async () => {
      const r = await api.post<Entry | null>(`/campaigns/${campaign.id}/next`);
      setResult(null);
      setEntry(r.data);
      onChanged();
    });
  const checks = (body: EntryChecksBody) =>
    run(async () => {
      if (!entry) return;
      const r = await api.post<Entry>(`/portfolio-entries/${entry.id}/checks`, body);
      setEntry(r.data);
      if (r.data.status === 'skipped') {
        setResult(resultOf(s, lang, r.data, null));
        onChanged();
      }
    });
  const outcome = (body: CallOutcomeBody) =>
    run(async () => {
      if (!entry) return;
      const r = (await api.post<Entry>(`/portfolio-entries/${entry.id}/outcome`, body)) as {
        data: Entry;
        sale?: SaleJson | null;
        documents?: Documents | null;
      };
      setEntry(r.data);
      const done = resultOf(s, lang, r.data, r.sale ?? null);
      const docs = r.documents;
      setResult(
        docs
          ? {
              ...done,
              documentsSent: docs.sent,
              documents: docs.sent
                ? s('documentsAsked')
                : s('documentsNotAsked', { reason: notRequestedReason(s, docs) }),
            }
          : done,
      );
      onChanged();
    });
  const release = () =>
    run(async () => {
      if (!entry) return;
      const r = await api.post<Entry>(`/portfolio-entries/${entry.id}/release`);
      setEntry(r.data);
      setResult({ kind: 'released', text: s('released') });
      onChanged();
    });

  const active = campaign.status === 'active';
  return (
    <div className="sales-work">
      <div className="sales-actions">
        <button
          ref={nextButton}
          type="button"
          className="primary sales-next"
          disabled={busy || Boolean(working) || !active}
          onClick={next}
        >
          {s('nextCustomer')}
        </button>
        {working && (
          <button type="button" className="sales-release" disabled={busy} onClick={release}>
            {s('release')}
          </button>
        )}
      </div>
      {!active && <p className="muted">{s('campaignNotActive')}</p>}
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      {result && (
        <p className={`sales-result result-${result.kind}`} role="status" data-result={result.kind}>
          {result.text}
          {result.saleId && (
            <>
              {' '}
              <a
                className="sales-open-sale"
                href={`/sales/s/${result.saleId}`}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(`/sales/s/${result.saleId}`);
                }}
              >
                {s('openSale', { id: result.saleId })}
              </a>
            </>
          )}
        </p>
      )}
      {result?.documents && (
        <p
          className={result.documentsSent ? 'sales-documents-asked muted' : 'sales-documents-asked alert'}
          role={result.documentsSent ? 'status' : 'alert'}
          data-sent={String(result.documentsSent)}
        >
          {result.documents}
        </p>
      )}
      {entry === null && <p className="empty sales-nobody">{s('nobodyWaiting')}</p>}
      {entry && working && (
        <div className="sales-work-grid">
          <CustomerCard entry={entry} />
          {entry.capacity === null ? (
            <ChecksForm key={`checks-${entry.id}`} busy={busy} onSubmit={checks} />
          ) : (
            <OutcomeForm
              key={`outcome-${entry.id}-${entry.attempts}`}
              products={campaign.products}
              busy={busy}
              onSubmit={outcome}
            />
          )}
        </div>
      )}
    </div>
  );
}
