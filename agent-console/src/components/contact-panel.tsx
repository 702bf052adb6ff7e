// The side panel's contact: who the customer is on each channel, their attributes (the national ID
// "CI" and service number first, as the procedures ask for them) and their other conversations on every
// channel, which open on click — the agent sees the WhatsApp history while answering an e-mail.
import { Fragment, useEffect, useState } from 'react';
import type { Api } from '../api.ts';
import { type Key, useI18n } from '../i18n.tsx';
import { navigate } from '../router.ts';
import type { Conversation } from '../types.ts';
import './agent-tools.css';
import { ChannelTag } from './channel-tag.tsx';
import { ContactEdit } from './contact-edit.tsx';
import { ContactMerge } from './contact-merge.tsx';
import { ContactFormResponses, formReaders } from './forms-responses.tsx';

type Contact = NonNullable<Conversation['contact']>;

/** Attributes the procedures name, in their order, with their labels; the rest follow as they are. */
const known: [string, Key][] = [
  ['nationalId', 'nationalId'],
  ['serviceNumber', 'serviceNumber'],
];

export function attributeRows(
  attributes: Record<string, unknown>,
  t: (k: Key) => string,
): [string, string][] {
  const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
  const first = known
    .filter(([k]) => attributes[k] != null)
    .map(([k, label]) => [t(label), show(attributes[k])]);
  const rest = Object.entries(attributes)
    .filter(([k, v]) => v != null && !known.some(([n]) => n === k))
    .map(([k, v]) => [k, show(v)]);
  return [...first, ...rest] as [string, string][];
}

export function ContactPanel(props: {
  api: Api;
  conversationId: string;
  contact: Contact | undefined;
  /** The contact as saved or merged here, so the rest of the conversation shows the new name at once. */
  onChanged?(contact: Contact): void;
  /** The agent's role: the forms filled are listed to the roles that may read them. */
  role?: string;
}) {
  const { t } = useI18n();
  const [past, setPast] = useState<Conversation[] | null>(null);
  // The contact as edited or merged here, until the conversation is another one.
  const [fresh, setFresh] = useState<{ conversationId: string; contact: Contact } | null>(null);
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const c = fresh?.conversationId === props.conversationId ? fresh.contact : props.contact;
  const contactId = c?.id;
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!contactId) return;
    props.api
      .get<Conversation[]>(`/conversations?contactId=${contactId}&limit=20&v=${version}`)
      .then((r) => setPast(r.data))
      .catch(() => setPast([]));
  }, [props.api, contactId, version]);
  if (!c) return null;
  const others = (past ?? []).filter((x) => x.id !== props.conversationId);
  const changed = (next: Contact, message: string) => {
    setFresh({ conversationId: props.conversationId, contact: next });
    props.onChanged?.(next);
    setEditing(false);
    setNotice(message);
    setVersion((v) => v + 1);
  };
  return (
    <section className="contact-panel" aria-label={t('contact')}>
      <h3>{c.name ?? t('customer')}</h3>
      {notice && (
        <p role="status" className="muted">
          {notice}
        </p>
      )}
      {editing ? (
        <ContactEdit
          api={props.api}
          contact={c}
          onSaved={(next) => changed(next, t('contactSaved'))}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <div className="contact-actions">
          <button
            type="button"
            onClick={() => {
              setEditing(true);
              setNotice(null);
            }}
          >
            {t('contactEdit')}
          </button>
          <ContactMerge api={props.api} contact={c} onMerged={(kept) => changed(kept, t('mergeDone'))} />
        </div>
      )}
      <dl>
        {c.email && (
          <>
            <dt>{t('email')}</dt>
            <dd>{c.email}</dd>
          </>
        )}
        {c.phone && (
          <>
            <dt>{t('contactPhone')}</dt>
            <dd dir="ltr">{c.phone}</dd>
          </>
        )}
        {attributeRows(c.attributes, t).map(([k, v]) => (
          <Fragment key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </Fragment>
        ))}
      </dl>
      {c.identities && c.identities.length > 0 && (
        <>
          <h4>{t('identities')}</h4>
          <ul className="identities">
            {c.identities.map((i) => (
              <li key={i.id}>
                <ChannelTag kind={i.channel} /> <span dir="ltr">{i.externalId}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {formReaders(props.role) && <ContactFormResponses api={props.api} contactId={contactId} />}
      <h4>{t('pastConversations')}</h4>
      {past && !others.length && <p className="muted">{t('noPastConversations')}</p>}
      <ul className="past">
        {others.map((x) => (
          <li key={x.id}>
            <button type="button" onClick={() => navigate(`/conversations/${x.id}`)} data-id={x.id}>
              <ChannelTag kind={x.channel} />
              <span>#{x.id}</span>
              <span className="muted">{t(x.status)}</span>
              <span className="when">{new Date(x.lastActivityAt).toLocaleDateString()}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
