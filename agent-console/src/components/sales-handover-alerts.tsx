// Alert lines for the sale events that need someone (socket `sale:event`): the officer hears a hand-over
// deadline near or passed, the advisor a sale returned to them — each naming the customer (and the
// reasons), looked up through the sale since the event carries only its id.
import { useEffect, useState } from 'react';
import type { Api, Reply } from '../api.ts';
import type { AgentSocket } from '../socket.ts';
import { lastReturn, type SaleEvent } from './sales-handover-model.ts';
import { type Sale, type SalesKey, useSalesText } from './sales-text.ts';

type Kind = 'handover_warning' | 'handover_breached' | 'returned';
type Line = { key: string; kind: Kind; saleId: string; customer: string; reasons: string[] };
const textKey: Record<Kind, SalesKey> = {
  handover_warning: 'alertWarning',
  handover_breached: 'alertBreached',
  returned: 'alertReturned',
};

export function SaleAlerts(props: {
  api: Api;
  socket: AgentSocket | null;
  kinds: readonly Kind[];
  /** Every sale event, after it arrived (a list reloads). */
  onEvent?(e: { type: string; saleId: string }): void;
}) {
  const { s } = useSalesText();
  const { api, socket, kinds, onEvent } = props;
  const [lines, setLines] = useState<Line[]>([]);
  useEffect(() => {
    if (!socket) return;
    const heard = (e: { type: string; saleId: string }) => {
      onEvent?.(e);
      const kind = kinds.find((k) => k === e.type);
      if (!kind) return;
      api.get<Sale>(`/sales/${e.saleId}`).then(
        (r) => {
          const events = (r as Reply<Sale> & { events: SaleEvent[] }).events ?? [];
          const line = {
            key: `${kind}-${e.saleId}-${Date.now()}`,
            kind,
            saleId: e.saleId,
            customer: r.data.customerName,
            reasons: kind === 'returned' ? lastReturn(events) : [],
          };
          // The breach replaces the warning before it: one line a sale and kind of news.
          const stale = (x: Line) =>
            x.saleId === e.saleId &&
            (x.kind === kind || (kind === 'handover_breached' && x.kind === 'handover_warning'));
          setLines((l) => [...l.filter((x) => !stale(x)), line]);
        },
        () => {},
      );
    };
    socket.on('sale:event', heard);
    return () => {
      socket.off('sale:event', heard);
    };
  }, [api, socket, kinds, onEvent]);

  if (lines.length === 0) return null;
  return (
    <div className="sale-alerts">
      {lines.map((l) => (
        <p key={l.key} className={`alert sale-alert ${l.kind}`} role="alert" data-sale={l.saleId}>
          <span>
            {s(textKey[l.kind], {
              customer: `\u2068${l.customer}\u2069`,
              reasons: l.reasons.join('; '),
            })}
          </span>
          <button
            type="button"
            className="link"
            onClick={() => setLines((all) => all.filter((x) => x.key !== l.key))}
          >
            {s('dismiss')}
          </button>
        </p>
      ))}
    </div>
  );
}
