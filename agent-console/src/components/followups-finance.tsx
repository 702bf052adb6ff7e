// Finance's own queue (GET /compensations?status=estimated): the customer's name, service number, amount,
// reason and team — never the conversation (finance cannot read one) — and "Credited" with the reference
// (POST /compensations/:id/credit). The hub's refusals in words.
import { useCallback, useEffect, useState } from 'react';
import type { Api } from '../api.ts';
import { type Compensation, refusal, useFollowUpText, whenOf } from './followups-text.ts';

export function CompensationQueue(props: { api: Api }) {
  const { f, lang } = useFollowUpText();
  const [rows, setRows] = useState<Compensation[] | null>(null);
  const [refs, setRefs] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ text: string; bad: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(
    () =>
      props.api.get<Compensation[]>('/compensations?status=estimated').then(
        (r) => setRows(r.data),
        (e) => setNotice({ text: refusal(f, e), bad: true }),
      ),
    [props.api, f],
  );
  useEffect(() => {
    load();
  }, [load]);
  const credit = async (id: string) => {
    setBusy(true);
    try {
      await props.api.post(`/compensations/${id}/credit`, { reference: (refs[id] ?? '').trim() });
      await load();
      setNotice({ text: f('compCreditedNow'), bad: false });
    } catch (e) {
      setNotice({ text: refusal(f, e), bad: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="fu-finance" aria-labelledby="fu-finance-title">
      <h2 id="fu-finance-title">{f('compQueue')}</h2>
      {notice && (
        <p className={`fu-notice ${notice.bad ? 'bad' : ''}`} role={notice.bad ? 'alert' : 'status'}>
          {notice.text}
        </p>
      )}
      {rows && rows.length === 0 && <p className="muted">{f('compQueueNone')}</p>}
      {rows && rows.length > 0 && (
        <div className="fu-table-wrap">
          <table className="grid fu-comp-table">
            <thead>
              <tr>
                <th>{f('fuCustomer')}</th>
                <th>{f('compServiceNumber')}</th>
                <th>{f('compAmount')}</th>
                <th>{f('compReason')}</th>
                <th>{f('fuTeam')}</th>
                <th>{f('compEstimatedAt')}</th>
                <th>{f('compReference')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.id} data-id={c.id}>
                  <td className="fu-customer">{c.customerName ?? '—'}</td>
                  <td className="fu-service">{c.serviceNumber ?? '—'}</td>
                  <td className="fu-amount">{f('compAmountText', { amount: c.amount })}</td>
                  <td className="fu-reason">{c.reason}</td>
                  <td>{c.teamName ?? '—'}</td>
                  <td>{whenOf(c.estimatedAt, lang)}</td>
                  <td>
                    <form
                      className="fu-credit"
                      onSubmit={(e) => {
                        e.preventDefault();
                        if ((refs[c.id] ?? '').trim()) credit(c.id);
                      }}
                    >
                      <input
                        name="reference"
                        aria-label={f('compReference')}
                        value={refs[c.id] ?? ''}
                        onChange={(e) => setRefs((old) => ({ ...old, [c.id]: e.target.value }))}
                      />
                      <button type="submit" disabled={busy || !(refs[c.id] ?? '').trim()}>
                        {f('compCredit')}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
