// The sales: an advisor their own, the Virtual Channels officer those handed over, supervisors all (the hub
// decides), filtered by status. The customer's name comes from the entry (asked once per entry, by those
// who may read entries); the officer sees the contact's number instead.
import { useEffect, useRef, useState } from 'react';
import type { Api } from '../api.ts';
import { navigate } from '../router.ts';
import type { User } from '../types.ts';
import { exportCsv } from './sales-handover-model.ts';
import {
  type Campaign,
  type Entry,
  type Sale,
  saleStatusLabel,
  saleStatusList,
  useSalesText,
  when,
} from './sales-text.ts';

export function SalesList(props: {
  api: Api;
  user: User;
  campaigns: Campaign[] | null;
  /** Bumped when a sale changed (socket `sale:event`): the list asks again. */
  version?: number;
}) {
  const { s, lang } = useSalesText();
  const { api, user } = props;
  const [status, setStatus] = useState('');
  const [rows, setRows] = useState<Sale[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [names, setNames] = useState<Record<string, string>>({});
  const [people, setPeople] = useState<Record<string, string>>({});
  const asked = useRef(new Set<string>());
  const readsEntries = user.role !== 'back_office';

  const load = async (after: string | null) => {
    try {
      const q = `/sales?limit=50${status ? `&status=${status}` : ''}${after ? `&cursor=${after}` : ''}`;
      const r = await api.get<Sale[]>(q);
      setRows((list) => (after ? [...(list ?? []), ...r.data] : r.data));
      setCursor(r.nextCursor ?? null);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: reloaded when the filter changes
  useEffect(() => {
    load(null);
  }, [api, status, props.version]);
  useEffect(() => {
    if (!readsEntries) return;
    api.get<{ users: { id: string; name: string }[] }>('/directory').then(
      (r) => setPeople(Object.fromEntries(r.data.users.map((u) => [u.id, u.name]))),
      () => {},
    );
  }, [api, readsEntries]);
  useEffect(() => {
    if (!readsEntries || !rows) return;
    for (const sale of rows) {
      if (asked.current.has(sale.entryId)) continue;
      asked.current.add(sale.entryId);
      api.get<Entry>(`/portfolio-entries/${sale.entryId}`).then(
        (r) => setNames((n) => ({ ...n, [sale.entryId]: r.data.name })),
        () => {},
      );
    }
  }, [api, rows, readsEntries]);
  const campaignName = (id: string) => props.campaigns?.find((c) => c.id === id)?.name ?? `#${id}`;
  const advisor = (id: string) => (id === user.id ? user.name : (people[id] ?? `#${id}`));

  return (
    <section className="sales-list" aria-label={s('salesTitle')}>
      <div className="sales-actions">
        <select aria-label={s('status')} value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">{s('anyStatus')}</option>
          {saleStatusList.map((k) => (
            <option key={k} value={k}>
              {saleStatusLabel(s, k)}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="sales-export"
          onClick={() => exportCsv(api, status).catch((e) => setError((e as Error).message))}
        >
          {s('exportCsv')}
        </button>
      </div>
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      {rows?.length === 0 && <p className="empty">{s('noSales')}</p>}
      {rows && rows.length > 0 && (
        <div className="sales-table-wrap">
          <table className="grid sales-table">
            <thead>
              <tr>
                <th>#</th>
                <th>{s('product')}</th>
                <th>{s('customer')}</th>
                <th>{s('campaign')}</th>
                <th>{s('status')}</th>
                <th>{s('advisor')}</th>
                <th>{s('created')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} data-sale={r.id} data-status={r.status}>
                  <td>{r.id}</td>
                  <td>
                    <bdi>{r.product}</bdi>
                  </td>
                  <td data-col="customer">
                    <a
                      href={`/sales/s/${r.id}`}
                      title={s('openSale', { id: r.id })}
                      onClick={(e) => {
                        e.preventDefault();
                        navigate(`/sales/s/${r.id}`);
                      }}
                    >
                      <bdi>{r.customerName || names[r.entryId] || s('contact', { id: r.contactId })}</bdi>
                    </a>
                  </td>
                  <td>
                    <bdi>{campaignName(r.campaignId)}</bdi>
                  </td>
                  <td data-col="status">
                    <span className={`sales-badge sale-${r.status}`}>{saleStatusLabel(s, r.status)}</span>
                  </td>
                  <td>
                    <bdi>{advisor(r.advisorId)}</bdi>
                  </td>
                  <td className="sales-nowrap">{when(r.createdAt, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {cursor && (
        <button type="button" className="sales-more" onClick={() => load(cursor)}>
          {s('loadMore')}
        </button>
      )}
    </section>
  );
}
