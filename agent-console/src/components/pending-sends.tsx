// The replies of this conversation that wait in the outbox (use-outbox.ts), at the end of the timeline:
// "waiting for the connection", or the hub's reason for refusing one with retry and discard.
import type { Api } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { useOutbox } from './use-outbox.ts';

export function PendingSends(props: { api: Api; conversationId: string; shownIds: Set<string> }) {
  const { t } = useI18n();
  const { box, entries } = useOutbox(props.api, props.conversationId);
  return (
    <>
      {entries
        // Sent meanwhile and already in the timeline: the outbox forgets it on its next write.
        .filter((e) => !props.shownIds.has(e.clientMessageId))
        .map((e) => (
          <li
            key={e.clientMessageId}
            className={`msg out pending ${e.body.private ? 'note' : ''}`}
            data-status={e.error ? 'failed' : 'waiting'}
          >
            <div className="text" dir="auto">
              {e.body.text}
            </div>
            <div className="meta">
              {new Date(e.queuedAt).toLocaleTimeString()} ·{' '}
              {e.error ? (
                <>
                  <span className="err">{t('notSentReason', { reason: e.error.message })}</span>{' '}
                  <button type="button" className="link" onClick={() => void box.retry(e.clientMessageId)}>
                    {t('retry')}
                  </button>
                </>
              ) : (
                <span className="st">{t('waitingConnection')}</span>
              )}{' '}
              <button type="button" className="link" onClick={() => box.discard(e.clientMessageId)}>
                {t('discard')}
              </button>
            </div>
          </li>
        ))}
    </>
  );
}
