// A campaign's portfolio as a table: supervisors see every entry, an advisor the ones they hold or worked
// (the hub decides), filtered by status and paged with the hub's cursor ("Load more").
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Api } from '../api.ts';
import { type Entry, entryStatusLabel, entryStatusList, outcomeLabel, useSalesText } from './sales-text.ts';

export function EntriesTable(props: { api: Api; campaignId: string; version: number }) {
  const { s } = useSalesText();
  const { api, campaignId, version } = props;
  const [status, setStatus] = useState('');
  const [rows, setRows] = useState<Entry[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A late answer for a filter no longer chosen is dropped.
  const generation = useRef(0);
  const load = useCallback(
    async (after: string | null) => {
      const gen = after ? generation.current : ++generation.current;
      const q = new URLSearchParams({ limit: '50' });
      if (status) q.set('status', status);
      if (after) q.set('cursor', after);
      try {
        const r = await api.get<Entry[]>(`/campaigns/${campaignId}/entries?${q}`);
        if (gen !== generation.current) return;
        setRows((list) => (after ? [...(list ?? []), ...r.data] : r.data));
        setCursor(r.nextCursor ?? null);
        setError(null);
      } catch (e) {
        if (gen === generation.current) setError((e as Error).message);
      }
    },
    [api, campaignId, status],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new version (work done elsewhere) reloads
  useEffect(() => {
    load(null);
  }, [load, version]);

  return (
    <section className="sales-entries">
      <div className="sales-actions">
        <select aria-label={s('status')} value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">{s('anyStatus')}</option>
          {entryStatusList.map((k) => (
            <option key={k} value={k}>
              {entryStatusLabel(s, k)}
            </option>
          ))}
        </select>
        {rows && <span className="muted">{s('entriesCount', { n: rows.length })}</span>}
      </div>
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      {rows?.length === 0 && <p className="empty">{s('noEntries')}</p>}
      {rows && rows.length > 0 && (
        <div className="sales-table-wrap">
          <table className="grid sales-entry-table">
            <thead>
              <tr>
                <th>{s('line')}</th>
                <th>{s('customer')}</th>
                <th>{s('nationalId')}</th>
                <th>{s('phones')}</th>
                <th>{s('status')}</th>
                <th>{s('attempts')}</th>
                <th>{s('outcome')}</th>
                <th>{s('product')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr key={e.id} data-entry={e.id} data-status={e.status}>
                  <td>{e.sourceLine ?? ''}</td>
                  <td>
                    <bdi>{e.name}</bdi>
                  </td>
                  <td>
                    <bdi>{e.nationalId ?? ''}</bdi>
                  </td>
                  <td dir="ltr" className="sales-nowrap">
                    {e.phones.join(', ')}
                  </td>
                  <td>
                    <span className={`sales-badge entry-${e.status}`}>{entryStatusLabel(s, e.status)}</span>
                  </td>
                  <td>{e.attempts}</td>
                  <td>{e.outcome ? outcomeLabel(s, e.outcome) : ''}</td>
                  <td>
                    <bdi>{e.product ?? ''}</bdi>
                  </td>
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
