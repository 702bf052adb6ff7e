// The conversations behind one figure of a report (GET /reports/conversations with the page's range and
// filters, the figure's metric and its row's narrowing), a page at a time, each opening the conversation.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DrillMetric } from '#shared/reports.schema.ts';
import type { Api } from '../api.ts';
import { type Key, useI18n } from '../i18n.tsx';
import { navigate } from '../router.ts';
import type { Conversation } from '../types.ts';
import { ChannelTag } from './channel-tag.tsx';
import { drillApiPath, type ReportState } from './report-state.ts';

export type Drill = { metric: DrillMetric; params: Record<string, string>; title: string };

export function ReportDrill(props: { api: Api; state: ReportState; drill: Drill; onClose(): void }) {
  const { t, lang } = useI18n();
  const { api, state, drill, onClose } = props;
  const [items, setItems] = useState<Conversation[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const load = useCallback(
    async (after: string | null) => {
      try {
        const r = await api.get<Conversation[]>(drillApiPath(state, drill.metric, drill.params, after));
        setItems((list) => [...(after ? (list ?? []) : []), ...r.data]);
        setCursor(r.nextCursor ?? null);
        setError(null);
      } catch (e) {
        setError((e as Error).message);
      }
    },
    [api, state, drill],
  );
  useEffect(() => {
    setItems(null);
    load(null);
    heading.current?.focus();
  }, [load]);
  useEffect(() => {
    const esc = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    addEventListener('keydown', esc);
    return () => removeEventListener('keydown', esc);
  }, [onClose]);
  const when = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <aside className="report-drill" aria-labelledby="report-drill-title" data-metric={drill.metric}>
      <header>
        <h2 id="report-drill-title" ref={heading} tabIndex={-1}>
          {drill.title}
        </h2>
        <button type="button" className="close" aria-label={t('reportDrillClose')} onClick={onClose}>
          ×
        </button>
      </header>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {items === null && !error && <p className="muted">{t('reportLoading')}</p>}
      {items?.length === 0 && <p className="muted">{t('reportDrillEmpty')}</p>}
      {items && items.length > 0 && (
        <ol className="drill-list">
          {items.map((c) => (
            <li key={c.id} data-id={c.id}>
              <a
                href={`/conversations/${c.id}`}
                onClick={(e) => {
                  if (e.metaKey || e.ctrlKey || e.shiftKey) return;
                  e.preventDefault();
                  navigate(`/conversations/${c.id}`);
                }}
              >
                <b>#{c.id}</b> {c.contactName ?? c.contact?.name ?? t('customer')}
              </a>
              <span className="muted">
                <ChannelTag kind={c.channel} /> · {t(c.status as Key)} · {when.format(new Date(c.createdAt))}
              </span>
            </li>
          ))}
        </ol>
      )}
      {cursor && (
        <button type="button" onClick={() => load(cursor)}>
          {t('reportDrillMore')}
        </button>
      )}
    </aside>
  );
}
