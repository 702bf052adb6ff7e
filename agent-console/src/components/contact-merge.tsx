// "Merge with another contact…" from the contact panel: search the account's contacts, pick one, compare
// both side by side (name, channels, CI, service number, conversations) with the one that is kept marked
// (and swappable), then POST /contacts/:kept/merge. The panel then shows the kept contact.
import { useEffect, useRef, useState } from 'react';
import { type Api, ApiError } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import {
  type Contact,
  countLabel,
  identitiesByChannel,
  mergeErrorKey,
  mergeRequest,
} from './contact-model.ts';
import './contact-merge.css';
import { ChannelTag } from './channel-tag.tsx';

type Counted = { contact: Contact; conversations: string };

async function withCount(api: Api, id: string): Promise<Counted> {
  const [c, convs] = await Promise.all([
    api.get<Contact>(`/contacts/${id}`),
    api.get<unknown[]>(`/conversations?contactId=${id}&limit=200`),
  ]);
  return { contact: c.data, conversations: countLabel(convs.data.length, Boolean(convs.nextCursor)) };
}

export function ContactMerge(props: { api: Api; contact: Contact; onMerged(kept: Contact): void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="merge-open" onClick={() => setOpen(true)}>
        {t('mergeContact')}
      </button>
      {open && (
        <MergeDialog
          api={props.api}
          contact={props.contact}
          onClose={() => setOpen(false)}
          onMerged={(kept) => {
            setOpen(false);
            props.onMerged(kept);
          }}
        />
      )}
    </>
  );
}

function MergeDialog(props: { api: Api; contact: Contact; onClose(): void; onMerged(kept: Contact): void }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Contact[] | null>(null);
  const [pair, setPair] = useState<{ kept: Counted; other: Counted } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  useEffect(() => {
    const term = q.trim();
    if (!term) {
      setFound(null);
      return;
    }
    const timer = setTimeout(() => {
      props.api
        .get<Contact[]>(`/contacts?q=${encodeURIComponent(term)}&limit=10`)
        .then((r) => setFound(r.data.filter((c) => c.id !== props.contact.id)))
        .catch((e) => setError((e as Error).message));
    }, 250);
    return () => clearTimeout(timer);
  }, [q, props.api, props.contact.id]);

  const pick = async (other: Contact) => {
    setError(null);
    try {
      const [kept, picked] = await Promise.all([
        withCount(props.api, props.contact.id),
        withCount(props.api, other.id),
      ]);
      setPair({ kept, other: picked });
    } catch (e) {
      const key = e instanceof ApiError ? mergeErrorKey(e) : null;
      setError(key ? t(key) : (e as Error).message);
    }
  };
  const merge = async () => {
    if (!pair) return;
    setBusy(true);
    setError(null);
    try {
      const { path, body } = mergeRequest(pair.kept.contact, pair.other.contact);
      const r = await props.api.post<Contact>(path, body);
      props.onMerged(r.data);
    } catch (e) {
      const key = e instanceof ApiError ? mergeErrorKey(e) : null;
      setError(key ? t(key) : (e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog ref={ref} className="overlay merge-dialog" aria-labelledby="merge-title" onClose={props.onClose}>
      <h2 id="merge-title">{pair ? t('mergeConfirmTitle') : t('mergeContact')}</h2>
      {!pair && (
        <>
          <input
            type="search"
            className="merge-search"
            aria-label={t('mergeSearch')}
            placeholder={t('mergeSearch')}
            value={q}
            autoFocus
            onChange={(e) => setQ(e.target.value)}
          />
          {found && !found.length && <p className="muted">{t('mergeNoResults')}</p>}
          <ul className="merge-results">
            {(found ?? []).map((c) => (
              <li key={c.id}>
                <button type="button" onClick={() => pick(c)} data-id={c.id}>
                  <strong>{c.name ?? t('customer')}</strong>
                  <span className="muted">
                    {[c.email, c.phone, c.attributes.nationalId && `CI ${String(c.attributes.nationalId)}`]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {pair && (
        <>
          <div className="merge-compare">
            <ContactCard who={pair.kept} side="kept" />
            <ContactCard who={pair.other} side="absorbed" />
          </div>
          <p className="muted">{t('mergeExplain')}</p>
          <button type="button" onClick={() => setPair({ kept: pair.other, other: pair.kept })}>
            ⇄ {t('mergeSwap')}
          </button>
        </>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="merge-actions">
        {pair && (
          <>
            <button
              type="button"
              onClick={() => {
                setPair(null);
                setError(null);
              }}
            >
              {t('mergeBack')}
            </button>
            <button type="button" className="primary" disabled={busy} onClick={merge}>
              {t('mergeConfirm')}
            </button>
          </>
        )}
        <button type="button" onClick={() => ref.current?.close()}>
          {t('contactCancel')}
        </button>
      </div>
    </dialog>
  );
}

function ContactCard(props: { who: Counted; side: 'kept' | 'absorbed' }) {
  const { t } = useI18n();
  const c = props.who.contact;
  const attr = (k: string) => (c.attributes[k] == null ? t('contactBlank') : String(c.attributes[k]));
  return (
    <section className={`merge-card ${props.side}`} aria-label={c.name ?? t('customer')} data-id={c.id}>
      <p className="merge-role">{t(props.side === 'kept' ? 'mergeKept' : 'mergeAbsorbed')}</p>
      <h3>{c.name ?? t('customer')}</h3>
      <dl>
        <dt>{t('identities')}</dt>
        <dd>
          {identitiesByChannel(c).map(([channel, ids]) => (
            <div key={channel}>
              <ChannelTag kind={channel} /> <span dir="ltr">{ids.join(', ')}</span>
            </div>
          ))}
        </dd>
        <dt>{t('email')}</dt>
        <dd>{c.email ?? t('contactBlank')}</dd>
        <dt>{t('contactPhone')}</dt>
        <dd dir="ltr">{c.phone ?? t('contactBlank')}</dd>
        <dt>{t('nationalId')}</dt>
        <dd>{attr('nationalId')}</dd>
        <dt>{t('serviceNumber')}</dt>
        <dd>{attr('serviceNumber')}</dd>
        <dt>{t('mergeConversations')}</dt>
        <dd>{props.who.conversations}</dd>
      </dl>
    </section>
  );
}
