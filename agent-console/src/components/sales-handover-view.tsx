// The Virtual Channels officer's view of one sale (DOMAIN.md §3, steps 10–11), at /sales/s/<saleId>: the
// customer's files read-only (the console's viewer for the photos), the registration as typed into the
// CRM, the sale's history with who and when, and the steps left to the officer. After the installation
// it says whether the customer was e-mailed the terms, or why not. A sale event on it reloads it.
import { useCallback, useEffect, useState } from 'react';
import type { Api, Reply } from '../api.ts';
import { navigate } from '../router.ts';
import type { AgentSocket } from '../socket.ts';
import type { User } from '../types.ts';
import type { Detail } from './sales-detail-model.ts';
import { DocumentSlots } from './sales-detail-slots.tsx';
import { HandoverActions } from './sales-handover-actions.tsx';
import { countdown, notMailedReason, type SaleEvent } from './sales-handover-model.ts';
import { HandoverTimeline } from './sales-handover-timeline.tsx';
import './sales-detail.css';
import { type Sale, saleStatusLabel, technologyLabel, useSalesText, when } from './sales-text.ts';

type Full = Detail & { events: SaleEvent[] };

export function HandoverView(props: { api: Api; socket: AgentSocket | null; user: User; saleId: string }) {
  const { s, lang } = useSalesText();
  const { api, socket, saleId } = props;
  const [detail, setDetail] = useState<Full | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const r = (await api.get<Sale>(`/sales/${saleId}`)) as Reply<Sale> & Omit<Full, 'sale'>;
      setDetail({ sale: r.data, documents: r.documents, registration: r.registration, events: r.events });
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [api, saleId]);
  useEffect(() => {
    setDetail(null);
    load();
  }, [load]);
  useEffect(() => {
    if (!socket) return;
    const heard = (e: { saleId: string }) => {
      if (e.saleId === saleId) load();
    };
    socket.on('sale:event', heard);
    socket.on('connect', load);
    return () => {
      socket.off('sale:event', heard);
      socket.off('connect', load);
    };
  }, [socket, saleId, load]);

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
  const { sale, documents, registration: reg, events } = detail;
  const breached = events.some(
    (e) => e.type === 'sale.handover_breached' && e.data.deadline === sale.handoverDueAt,
  );
  const due =
    sale.status === 'registered' && sale.handoverDueAt
      ? countdown(s, sale.handoverDueAt, Date.now(), breached)
      : null;
  const notMailed = events.filter((e) => e.type === 'sale.terms_not_mailed').at(-1);
  const field = (key: Parameters<typeof s>[0], value: string | null | undefined, parts?: string[]) => (
    <div data-field={key}>
      <dt>{s(key)}</dt>
      <dd dir="auto">
        {parts
          ? parts.map((x, i) => (
              <span key={x}>
                {i > 0 && ' · '}
                <bdi>{x}</bdi>
              </span>
            ))
          : value || s('notGiven')}
      </dd>
    </div>
  );

  return (
    <article className="sale-detail handover-view" data-sale={sale.id} data-status={sale.status}>
      <header className="sale-head">
        <div>
          <h1>
            <bdi>{sale.customerName}</bdi>{' '}
            <span className={`sales-badge sale-${sale.status}`} data-col="status">
              {saleStatusLabel(s, sale.status)}
            </span>{' '}
            {due && (
              <span className={`handover-due ${due.level}`} data-level={due.level}>
                {due.text}
              </span>
            )}
          </h1>
          <p className="muted">
            {s('saleTitle', { id: sale.id })} · <bdi>{sale.product}</bdi> · {s('advisor')}:{' '}
            <bdi>{sale.advisorName}</bdi> · {s('registeredAt')}: {when(sale.registeredAt, lang)}
          </p>
        </div>
        <div className="sales-actions">
          <a
            href="/sales"
            onClick={(e) => {
              e.preventDefault();
              navigate('/sales');
            }}
          >
            {s('backToQueue')}
          </a>
        </div>
      </header>
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      <HandoverActions api={api} sale={sale} onDone={load} />
      {sale.status === 'installed' && (
        <p className={`handover-terms ${sale.termsMailedAt ? 'mailed' : 'not-mailed'}`} role="status">
          {sale.termsMailedAt
            ? s('termsMailed', { at: when(sale.termsMailedAt, lang) })
            : s('termsNotMailed', { reason: notMailedReason(s, notMailed?.data.reason) })}
        </p>
      )}
      <DocumentSlots api={api} sale={sale} documents={documents} onChanged={() => load()} readOnly />
      <section className="handover-registration" aria-label={s('registration')}>
        <h2>{s('registration')}</h2>
        <dl>
          {field('installationAddress', reg.installationAddress)}
          {field('plan', reg.plan)}
          {field(
            'access',
            null,
            reg.components
              ? [technologyLabel(s, reg.components.access), ...reg.components.equipment]
              : undefined,
          )}
          {field('billingAddress', reg.billingAddress)}
          {field('observations', reg.observations)}
          {field('crmOrder', reg.crmOrder ?? sale.crmOrder)}
        </dl>
      </section>
      <HandoverTimeline sale={sale} user={props.user} events={events} />
    </article>
  );
}
