// Inboxes, one per channel connection: the list with each one's health and team, creating one of any kind
// the hub runs (GET /channels says which, with their config schemas), and editing one. A created API or
// web-chat inbox shows its token, and its signing secret the only time the hub ever returns it.
import { useState } from 'react';
import type { Api } from '../api.ts';
import type { ChannelInfo } from '../components/inbox-config-form.tsx';
import { type Inbox, InboxEditor } from '../components/inbox-editor.tsx';
import { healthLabel } from '../components/machine-words.ts';
import { useLoad } from '../components/use-load.ts';
import { useI18n } from '../i18n.tsx';
import type { Team } from '../types.ts';

export function InboxesAdmin(props: { api: Api }) {
  const { t } = useI18n();
  const inboxes = useLoad(() => props.api.get<Inbox[]>('/inboxes').then((r) => r.data));
  const channels = useLoad(() => props.api.get<ChannelInfo[]>('/channels').then((r) => r.data));
  const teams = useLoad(() => props.api.get<Team[]>('/teams').then((r) => r.data));
  const [editing, setEditing] = useState<Inbox | 'new' | null>(null);
  const [created, setCreated] = useState<Inbox | null>(null);
  const teamName = (id: string | null) => (id ? (teams.data?.find((x) => x.id === id)?.name ?? id) : '—');
  const error = inboxes.error ?? channels.error ?? teams.error;

  return (
    <section>
      <h1>{t('inboxes')}</h1>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <table className="grid inboxes">
        <thead>
          <tr>
            <th>{t('name')}</th>
            <th>{t('channel')}</th>
            <th>{t('health')}</th>
            <th>{t('team')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(inboxes.data ?? []).map((inbox) => (
            <tr key={inbox.id} data-id={inbox.id}>
              <td>{inbox.name}</td>
              <td>{channels.data?.find((c) => c.kind === inbox.channel)?.label ?? inbox.channel}</td>
              <td>
                <span
                  className={inbox.health === 'ready' ? 'badge' : 'badge warn'}
                  title={inbox.healthDetail ?? ''}
                  data-health={inbox.health}
                >
                  {healthLabel(t, inbox.health)}
                </span>
                {inbox.healthDetail && <span className="muted"> {inbox.healthDetail}</span>}
                {/* A WhatsApp session waiting to be paired from the phone (Linked devices → link with number). */}
                {inbox.pairing?.code && <strong className="pairing-code"> {inbox.pairing.code}</strong>}
              </td>
              <td>{teamName(inbox.teamId)}</td>
              <td>
                <button
                  type="button"
                  aria-label={`${t('edit')} ${inbox.name}`}
                  onClick={() => {
                    setEditing(inbox);
                    setCreated(null);
                  }}
                >
                  ✎
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        onClick={() => {
          setEditing('new');
          setCreated(null);
        }}
      >
        + {t('newInbox')}
      </button>
      {created && (
        <div className="card created-inbox" role="status">
          <strong>{t('inboxCreated', { name: created.name })}</strong>
          <label>
            {t('inboxToken')}
            <input
              readOnly
              dir="ltr"
              className="inbox-token"
              value={created.token}
              onFocus={(e) => e.target.select()}
            />
          </label>
          {created.secret && (
            <label>
              {t('inboxSecret')}
              <input
                readOnly
                dir="ltr"
                className="inbox-secret"
                value={created.secret}
                onFocus={(e) => e.target.select()}
              />
            </label>
          )}
        </div>
      )}
      {editing && channels.data && (
        <InboxEditor
          key={editing === 'new' ? 'new' : editing.id}
          api={props.api}
          inbox={editing === 'new' ? null : editing}
          channels={channels.data}
          teams={teams.data ?? []}
          inboxes={inboxes.data ?? []}
          onSaved={(inbox, isNew) => {
            if (isNew) setCreated(inbox);
            // A new inbox stays open for its settings (a web-chat inbox's preview needs its token).
            setEditing(inbox);
            inboxes.reload();
          }}
        />
      )}
    </section>
  );
}
