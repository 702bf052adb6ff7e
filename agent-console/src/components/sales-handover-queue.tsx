// The Virtual Channels officer's hand-over queue (DOMAIN.md §3, step 10): the registered sales, the
// earliest 24-hour deadline first, each with a countdown that ticks every 30 s without asking the hub
// again; tabs for the returned, approved (awaiting installation) and installed ones. A sale event reloads
// the list; a deadline near or passed is an alert naming the customer, and the passed one turns red even
// if this browser's clock disagrees with the hub's.
import { useCallback, useEffect, useState } from 'react';
import type { Api } from '../api.ts';
import { navigate } from '../router.ts';
import type { AgentSocket } from '../socket.ts';
import { SaleAlerts } from './sales-handover-alerts.tsx';
import { countdown, exportCsv, type QueueStatus, queueLabel, queueStatuses } from './sales-handover-model.ts';
import { type Sale, useSalesText, when } from './sales-text.ts';

const officerAlerts = ['handover_warning', 'handover_breached'] as const;
const TICK_MS = 30_000;

export function HandoverQueue(props: { api: Api; socket: AgentSocket | null }) {
  const { s, lang } = useSalesText();
  const { api, socket } = props;
  const [status, setStatus] = useState<QueueStatus>('registered');
  const [rows, setRows] = useState<Sale[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [breached, setBreached] = useState<ReadonlySet<string>>(new Set());
  const [exporting, setExporting] = useState(false);

  const load = useCallback(async () => {
    try {
      const r = await api.get<Sale[]>(`/sales?limit=200&status=${status}`);
      const due = (x: Sale) => (x.handoverDueAt ? Date.parse(x.handoverDueAt) : Number.POSITIVE_INFINITY);
      setRows(status === 'registered' ? [...r.data].sort((a, b) => due(a) - due(b)) : r.data);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [api, status]);
  useEffect(() => {
    load();
  }, [load]);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    if (!socket) return;
    socket.on('connect', load);
    return () => {
      socket.off('connect', load);
    };
  }, [socket, load]);
  const heard = useCallback(
    (e: { type: string; saleId: string }) => {
      if (e.type === 'handover_breached') setBreached((b) => new Set(b).add(e.saleId));
      load();
    },
    [load],
  );
  const download = async () => {
    setExporting(true);
    try {
      await exportCsv(api, status);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setExporting(false);
    }
  };
  const open = (id: string) => (e: { preventDefault(): void }) => {
    e.preventDefault();
    navigate(`/sales/s/${id}`);
  };

  return (
    <section className="handover" aria-label={s('handoverTitle')}>
      <SaleAlerts api={api} socket={socket} kinds={officerAlerts} onEvent={heard} />
      <div className="handover-bar">
        <div className="tabs sales-tabs" role="tablist">
          {queueStatuses.map((k) => (
            <button
              key={k}
              type="button"
              role="tab"
              data-queue={k}
              aria-selected={status === k}
              onClick={() => setStatus(k)}
            >
              {s(queueLabel[k])}
            </button>
          ))}
        </div>
        <button type="button" className="sales-export" onClick={download} disabled={exporting}>
          {exporting ? s('exporting') : s('exportCsv')}
        </button>
      </div>
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      {rows?.length === 0 && <p className="empty">{s('queueEmpty')}</p>}
      {rows && rows.length > 0 && (
        <div className="sales-table-wrap">
          <table className="grid sales-table handover-table">
            <thead>
              <tr>
                <th>{s('customer')}</th>
                <th>{s('product')}</th>
                <th>{s('advisor')}</th>
                <th>{s('registeredAt')}</th>
                <th>
                  {status === 'approved'
                    ? s('approvedAt')
                    : status === 'installed'
                      ? s('installedAt')
                      : s('deadline')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const c =
                  r.status === 'registered' && r.handoverDueAt
                    ? countdown(s, r.handoverDueAt, now, breached.has(r.id))
                    : null;
                return (
                  <tr key={r.id} data-sale={r.id} data-status={r.status}>
                    <td data-col="customer">
                      <a href={`/sales/s/${r.id}`} onClick={open(r.id)}>
                        <bdi>{r.customerName}</bdi>
                      </a>
                    </td>
                    <td>
                      <bdi>{r.product}</bdi>
                    </td>
                    <td>
                      <bdi>{r.advisorName}</bdi>
                    </td>
                    <td className="sales-nowrap">{when(r.registeredAt, lang)}</td>
                    <td className="sales-nowrap" data-col="due">
                      {c ? (
                        <span
                          className={`handover-due ${c.level}`}
                          data-level={c.level}
                          title={when(r.handoverDueAt, lang)}
                        >
                          {c.text}
                        </span>
                      ) : (
                        when(
                          status === 'installed'
                            ? r.installedAt
                            : status === 'approved'
                              ? r.approvedAt
                              : r.handoverDueAt,
                          lang,
                        )
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
