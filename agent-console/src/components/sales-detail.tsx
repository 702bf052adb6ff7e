// The advisor's view of one sale (DOMAIN.md §3, steps 6–9), at /sales/s/<saleId>: who bought what, the
// customer's files in the CI front / CI back / letter slots as they arrive over WhatsApp (the agent socket's
// message:new on the sale's conversation reloads it), the review of the CI and the letter item by item,
// and the registration typed into the operator's CRM.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Api, Reply } from '../api.ts';
import { navigate } from '../router.ts';
import type { AgentSocket } from '../socket.ts';
import { type Detail, partSlots, type SaleDocument, type Settings } from './sales-detail-model.ts';
import { SaleRegistration } from './sales-detail-register.tsx';
import { ReviewPart } from './sales-detail-review.tsx';
import { DocumentSlots } from './sales-detail-slots.tsx';
import { lastReturn, type SaleEvent } from './sales-handover-model.ts';
import './sales-detail.css';
import { notRequestedReason, type Sale, saleStatusLabel, useSalesText } from './sales-text.ts';

type SaleReply = Reply<Sale> & Omit<Detail, 'sale'> & { events: SaleEvent[] };
const askable: readonly Sale['status'][] = ['awaiting_documents', 'returned'];

export function SaleDetail(props: { api: Api; socket: AgentSocket | null; saleId: string }) {
  const { s } = useSalesText();
  const { api, socket, saleId } = props;
  const [detail, setDetail] = useState<Detail | null>(null);
  const [returned, setReturned] = useState<string[]>([]);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [asked, setAsked] = useState<
    { sent: boolean; code?: string; reason?: string } | { text: string } | null
  >(null);
  // Loads overlap when files arrive in a burst: only the latest answer is kept.
  const asking = useRef(0);

  const load = useCallback(async () => {
    const n = ++asking.current;
    try {
      const r = (await api.get<Sale>(`/sales/${saleId}`)) as SaleReply;
      if (n !== asking.current) return;
      setDetail({ sale: r.data, documents: r.documents, registration: r.registration });
      setReturned(r.data.status === 'returned' ? lastReturn(r.events ?? []) : []);
      setError(null);
    } catch (e) {
      if (n === asking.current) setError((e as Error).message);
    }
  }, [api, saleId]);
  useEffect(() => {
    setDetail(null);
    load();
  }, [load]);
  useEffect(() => {
    api.get<Settings>('/sales-settings').then(
      (r) => setSettings(r.data),
      (e) => setError((e as Error).message),
    );
  }, [api]);
  const conversationId = detail?.sale.conversationId ?? null;
  useEffect(() => {
    if (!socket || !conversationId) return;
    const arrived = (e: { message: { conversationId: string } }) => {
      if (String(e.message.conversationId) === conversationId) load();
    };
    // After a reconnect, what arrived meanwhile is read again.
    const reconnected = () => load();
    const changed = (e: { saleId: string }) => e.saleId === saleId && load();
    socket.on('message:new', arrived);
    socket.on('connect', reconnected);
    socket.on('sale:event', changed);
    return () => {
      socket.off('message:new', arrived);
      socket.off('connect', reconnected);
      socket.off('sale:event', changed);
    };
  }, [socket, conversationId, saleId, load]);

  if (!detail) {
    return error ? (
      <p className="alert" role="alert">
        {error}
      </p>
    ) : (
      <p className="muted" aria-busy="true">
        {s('loading')}
      </p>
    );
  }
  const { sale, documents } = detail;
  const setDocuments = (docs: SaleDocument[], next?: Sale) =>
    setDetail((d) => d && { ...d, documents: docs, sale: next ?? d.sale });
  const ask = async () => {
    try {
      const r = await api.post<{ sent: boolean; code?: string; reason?: string }>(
        `/sales/${sale.id}/request-documents`,
      );
      setAsked(r.data);
      load();
    } catch (e) {
      setAsked({ text: (e as Error).message });
    }
  };
  const go = (path: string) => (e: { preventDefault(): void }) => {
    e.preventDefault();
    navigate(path);
  };

  return (
    <article className="sale-detail" data-sale={sale.id} data-status={sale.status}>
      <header className="sale-head">
        <div>
          <h1>
            <bdi>{sale.customerName}</bdi>{' '}
            <span className={`sales-badge sale-${sale.status}`} data-col="status">
              {saleStatusLabel(s, sale.status)}
            </span>
          </h1>
          <p className="muted">
            {s('saleTitle', { id: sale.id })} · <bdi>{sale.product}</bdi> · {s('advisor')}:{' '}
            <bdi>{sale.advisorName}</bdi>
          </p>
        </div>
        <div className="sales-actions">
          <a href="/sales" onClick={go('/sales')}>
            {s('allSales')}
          </a>
          {sale.conversationId && (
            <a
              href={`/conversations/${sale.conversationId}`}
              className="sale-conversation"
              onClick={go(`/conversations/${sale.conversationId}`)}
            >
              {s('openConversation')}
            </a>
          )}
          {askable.includes(sale.status) && (
            <button type="button" className="sale-ask" onClick={ask}>
              {s('askAgain')}
            </button>
          )}
        </div>
      </header>
      {returned.length > 0 && (
        <section className="sale-returned-reasons" role="note" aria-label={s('returnedReasons')}>
          <h2>{s('returnedReasons')}</h2>
          <ul>
            {returned.map((r) => (
              <li key={r} dir="auto">
                {r}
              </li>
            ))}
          </ul>
        </section>
      )}
      {asked && (
        <p className="sale-asked" role="status">
          {'text' in asked
            ? asked.text
            : asked.sent
              ? s('askSent')
              : s('askNotSent', { reason: notRequestedReason(s, asked) })}
        </p>
      )}
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      <DocumentSlots api={api} sale={sale} documents={documents} onChanged={setDocuments} />
      {settings && (
        <section className="sale-reviews" aria-label={s('review')}>
          {(['ci', 'letter'] as const).map((part) => (
            <ReviewPart
              key={part}
              api={api}
              sale={sale}
              part={part}
              items={part === 'ci' ? settings.ciChecklist : settings.letterClauses}
              documents={documents.filter((d) => partSlots[part].includes(d.slot))}
              onReviewed={setDocuments}
            />
          ))}
        </section>
      )}
      {settings && (
        <SaleRegistration
          api={api}
          detail={detail}
          settings={settings}
          onSaved={(next, registration) => setDetail((d) => d && { ...d, sale: next, registration })}
        />
      )}
    </article>
  );
}
