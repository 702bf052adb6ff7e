// The inbox's search box: contacts (by name, e-mail, phone, CI, service number) with their conversations,
// and conversations by what was written in them. Results replace the list while there is a query;
// choosing a conversation opens it. Typing waits a moment before asking, so each key is not a request.
import { useEffect, useState } from 'react';
import type { SearchResult } from '#shared/search.schema.ts';
import type { Api } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { attributeRows } from './contact-panel.tsx';
import './agent-tools.css';
import { ChannelTag } from './channel-tag.tsx';

const DEBOUNCE_MS = 250;

export function SearchBox(props: { query: string; onQuery(q: string): void }) {
  const { t } = useI18n();
  return (
    <search className="search">
      <input
        type="search"
        aria-label={t('search')}
        placeholder={t('searchPlaceholder')}
        value={props.query}
        onChange={(e) => props.onQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') props.onQuery('');
        }}
      />
    </search>
  );
}

export function SearchResults(props: { api: Api; query: string; onOpen(id: string): void }) {
  const { t } = useI18n();
  const [result, setResult] = useState<SearchResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const q = props.query.trim();
  useEffect(() => {
    setResult(null);
    if (q.length < 2) return;
    let live = true;
    const timer = setTimeout(() => {
      props.api
        .get<SearchResult>(`/search?q=${encodeURIComponent(q)}`)
        .then((r) => {
          if (!live) return;
          setResult(r.data);
          setError(null);
        })
        .catch((e: Error) => live && setError(e.message));
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [props.api, q]);

  if (q.length < 2) return <p className="muted pad">{t('searchTooShort')}</p>;
  if (error) return <p className="error pad">{error}</p>;
  if (!result) return <p className="muted pad" aria-busy="true" />;
  if (!result.contacts.length && !result.conversations.length)
    return <p className="muted pad">{t('searchNothing')}</p>;
  return (
    <div className="search-results" data-testid="search-results">
      {result.contacts.length > 0 && (
        <>
          <h3>{t('searchContacts')}</h3>
          <ul>
            {result.contacts.map((c) => (
              <li key={c.id} className="hit-contact" data-id={c.id}>
                <strong>{c.name ?? c.email ?? c.phone ?? `#${c.id}`}</strong>
                <div className="attrs">
                  {[c.email, c.phone, ...attributeRows(c.attributes, t).map(([k, v]) => `${k}: ${v}`)]
                    .filter(Boolean)
                    .join(' · ')}
                </div>
                {c.conversations.length ? (
                  c.conversations.map((x) => (
                    <button
                      key={x.id}
                      type="button"
                      className="hit-conv"
                      data-id={x.id}
                      onClick={() => props.onOpen(x.id)}
                    >
                      <ChannelTag kind={x.channel} />
                      <span>#{x.id}</span>
                      <span className="muted">{t(x.status)}</span>
                    </button>
                  ))
                ) : (
                  <div className="muted">{t('noPastConversations')}</div>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {result.conversations.length > 0 && (
        <>
          <h3>{t('searchConversations')}</h3>
          <ul>
            {result.conversations.map((x) => (
              <li key={x.id}>
                <button type="button" className="hit-conv" data-id={x.id} onClick={() => props.onOpen(x.id)}>
                  <ChannelTag kind={x.channel} />
                  <span>#{x.id}</span>
                  <span className="muted">{t(x.status)}</span>
                  <span className="excerpt" dir="auto">
                    {x.match.excerpt}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
