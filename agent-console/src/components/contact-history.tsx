// The contact's earlier history, above the open conversation's timeline: the messages of their other
// conversations on every channel (GET /contacts/:id/timeline), loaded a page at a time on request, each
// conversation introduced by a line with its channel, number, date and status (a click opens it).
import { Fragment, useState } from 'react';
import type { z } from 'zod';
import type { timelineMessageJson } from '#shared/api.schema.ts';
import type { Api } from '../api.ts';
import { type Key, useI18n } from '../i18n.tsx';
import { navigate } from '../router.ts';
import { ChannelTag } from './channel-tag.tsx';
import { MessageBody } from './message-body.tsx';

type TimelineMessage = z.infer<typeof timelineMessageJson>;

export function ContactHistory(props: { api: Api; contactId: string; conversationId: string }) {
  const { t } = useI18n();
  const [items, setItems] = useState<TimelineMessage[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const load = async () => {
    setBusy(true);
    setError(null);
    try {
      const before = cursor ? `&before=${cursor}` : '';
      const r = await props.api.get<TimelineMessage[]>(
        `/contacts/${props.contactId}/timeline?limit=50${before}`,
      );
      // This conversation's own messages are in the timeline below.
      setItems((old) => [...r.data.filter((m) => m.conversationId !== props.conversationId), ...old]);
      setCursor(r.nextCursor ?? null);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const more = cursor !== null;
  return (
    <>
      {more && (
        <li className="history-more">
          <button type="button" className="link" disabled={busy} onClick={load}>
            {cursor === undefined ? t('showHistory') : t('showOlder')}
          </button>
          {error && <span className="err"> {error}</span>}
        </li>
      )}
      {cursor === null && items.length === 0 && <li className="history-more muted">{t('noHistory')}</li>}
      {items.map((m, i) => historyItem(m, i === 0 || items[i - 1].conversationId !== m.conversationId))}
      {items.length > 0 && <li className="history-end">{t('thisConversation')}</li>}
    </>
  );
  function historyItem(m: TimelineMessage, first: boolean) {
    return (
      <Fragment key={m.id}>
        {first && (
          <li className="history-head">
            <button
              type="button"
              className="link"
              onClick={() => navigate(`/conversations/${m.conversationId}`)}
            >
              <ChannelTag kind={m.conversation.channel} /> #{m.conversationId} ·{' '}
              {new Date(m.createdAt).toLocaleDateString()} · {t(m.conversation.status as Key)}
            </button>
          </li>
        )}
        <li className={`msg ${m.direction} history ${m.private ? 'note' : ''}`} data-status={m.status}>
          <MessageBody m={m} />
          {m.attachments.length > 0 && (
            <div className="meta">{m.attachments.map((a) => a.name).join(', ')}</div>
          )}
          <div className="meta">{new Date(m.createdAt).toLocaleString()}</div>
        </li>
      </Fragment>
    );
  }
}
