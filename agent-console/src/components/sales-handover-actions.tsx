// The officer's three steps on a sale (DOMAIN.md §3, step 11): approve a registered file (an optional
// note), return it to the advisor with one reason a line or picked from the common ones, and once the
// service is installed mark it so — after a confirmation, since the customer is e-mailed the terms.
import { useState } from 'react';
import type { Api } from '../api.ts';
import { actionError } from './sales-handover-model.ts';
import { type Sale, type SalesKey, useSalesText } from './sales-text.ts';

const quick: SalesKey[] = ['qr_ci', 'qr_letter', 'qr_address', 'qr_contract'];
type Open = 'approve' | 'return' | 'install' | null;

export function HandoverActions(props: { api: Api; sale: Sale; onDone(): void }) {
  const { s } = useSalesText();
  const { api, sale } = props;
  const [open, setOpen] = useState<Open>(null);
  const [note, setNote] = useState('');
  const [reasons, setReasons] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const lines = reasons
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

  const act = async (path: string, body?: unknown) => {
    setBusy(true);
    try {
      await api.post(`/sales/${sale.id}/${path}`, body);
      setOpen(null);
      setNote('');
      setReasons('');
      setError(null);
    } catch (e) {
      setError(actionError(s, e));
    } finally {
      setBusy(false);
      props.onDone();
    }
  };
  const pick = (text: string) =>
    setReasons((r) => (lines.includes(text) ? r : `${r.trimEnd()}${r.trim() ? '\n' : ''}${text}\n`));
  const toggle = (o: Open) => () => {
    setOpen((x) => (x === o ? null : o));
    setError(null);
  };

  if (sale.status !== 'registered' && sale.status !== 'approved' && !error) return null;
  return (
    <section className="handover-actions" aria-label={s('review')}>
      <div className="sales-actions">
        {sale.status === 'registered' && (
          <>
            <button
              type="button"
              className="primary"
              aria-expanded={open === 'approve'}
              onClick={toggle('approve')}
            >
              {s('approve')}
            </button>
            <button type="button" aria-expanded={open === 'return'} onClick={toggle('return')}>
              {s('returnToAdvisor')}
            </button>
          </>
        )}
        {sale.status === 'approved' && (
          <button
            type="button"
            className="primary"
            aria-expanded={open === 'install'}
            onClick={toggle('install')}
          >
            {s('markInstalled')}
          </button>
        )}
      </div>
      {open === 'approve' && (
        <form
          className="handover-form"
          onSubmit={(e) => {
            e.preventDefault();
            act('approve', note.trim() ? { note: note.trim() } : {});
          }}
        >
          <label>
            {s('approveNote')}
            <textarea
              name="note"
              rows={2}
              maxLength={1000}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              dir="auto"
            />
          </label>
          <div className="sales-actions">
            <button type="submit" className="primary" disabled={busy}>
              {s('approve')}
            </button>
            <button type="button" onClick={toggle(null)}>
              {s('cancel')}
            </button>
          </div>
        </form>
      )}
      {open === 'return' && (
        <form
          className="handover-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (lines.length === 0) return setError(s('needReason'));
            if (lines.length > 20) return setError(s('tooManyReasons'));
            act('return', { reasons: lines });
          }}
        >
          <fieldset className="handover-quick">
            <legend>{s('quickReasons')}</legend>
            <div className="handover-chips">
              {quick.map((k) => (
                <button
                  key={k}
                  type="button"
                  className="chip"
                  aria-pressed={lines.includes(s(k))}
                  onClick={() => pick(s(k))}
                >
                  {s(k)}
                </button>
              ))}
            </div>
          </fieldset>
          <label>
            {s('returnReasons')}
            <textarea
              name="reasons"
              rows={4}
              value={reasons}
              onChange={(e) => setReasons(e.target.value)}
              dir="auto"
            />
          </label>
          <div className="sales-actions">
            <button type="submit" className="primary" disabled={busy}>
              {s('returnToAdvisor')}
            </button>
            <button type="button" onClick={toggle(null)}>
              {s('cancel')}
            </button>
          </div>
        </form>
      )}
      {open === 'install' && (
        <div className="handover-form" role="alertdialog" aria-label={s('markInstalled')}>
          <p>{s('confirmInstalled')}</p>
          <div className="sales-actions">
            <button type="button" className="primary" disabled={busy} onClick={() => act('installed')}>
              {s('confirm')}
            </button>
            <button type="button" onClick={toggle(null)}>
              {s('cancel')}
            </button>
          </div>
        </div>
      )}
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
