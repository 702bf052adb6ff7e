// The live alert of the Mentions desk, on every page of the console: a high-tier item arrived, or an item
// climbed a tier (it is going viral). Each stays until dismissed or shown, since one may need an answer
// within minutes; "Show" opens it on the Mentions page.
import { useEffect, useState } from 'react';
import type { MentionAlert } from '#shared/mentions.schema.ts';
import { useI18n } from '../i18n.tsx';
import { navigate } from '../router.ts';
import type { AgentSocket } from '../socket.ts';
import { compact, tierKey } from './mention-model.tsx';
import './mentions.css';

export function MentionAlerts(props: { socket: AgentSocket | null }) {
  const { t, lang } = useI18n();
  const [alerts, setAlerts] = useState<MentionAlert[]>([]);
  useEffect(() => {
    const s = props.socket;
    if (!s) return;
    // The latest word on an item replaces the earlier one; a handful at most on screen.
    const on = (a: MentionAlert) =>
      setAlerts((list) => [a, ...list.filter((x) => x.mention.id !== a.mention.id)].slice(0, 4));
    s.on('mention:alert', on);
    return () => {
      s.off('mention:alert', on);
    };
  }, [props.socket]);
  if (!alerts.length) return null;
  const dismiss = (id: string) => setAlerts((list) => list.filter((a) => a.mention.id !== id));
  return (
    <div className="mention-toasts">
      {alerts.map((a) => {
        const m = a.mention;
        const tier = m.influence?.tier ?? 'unscored';
        const title =
          a.type === 'mention.climbed' && a.from
            ? t('mentionAlertClimbed', { from: t(tierKey[a.from]), to: t(tierKey[tier]) })
            : t('mentionAlertHigh', { tier: t(tierKey[tier]) });
        return (
          <div key={m.id} className={`mention-toast tier-${tier}`} role="alert" data-mention={m.id}>
            <div className={`toast-score tier-${tier}`}>{m.influence?.score ?? '–'}</div>
            <div className="toast-body">
              <strong>{title}</strong>
              <span className="toast-author">
                {m.author.name ?? m.author.handle}
                {m.author.handle && (
                  <span className="muted" dir="ltr">
                    {' '}
                    @{m.author.handle}
                  </span>
                )}
                {m.author.followers !== null && (
                  <span className="muted">
                    {' · '}
                    {t('mentionFollowers', { n: compact(m.author.followers, lang) })}
                  </span>
                )}
              </span>
              {m.text && (
                <span className="toast-text" dir="auto">
                  {m.text}
                </span>
              )}
              <span className="toast-actions">
                <button
                  type="button"
                  className="primary"
                  onClick={() => {
                    dismiss(m.id);
                    navigate(`/mentions?focus=${m.id}`);
                  }}
                >
                  {t('mentionAlertShow')}
                </button>
                <button type="button" onClick={() => dismiss(m.id)}>
                  {t('mentionAlertDismiss')}
                </button>
              </span>
            </div>
          </div>
        );
      })}
    </div>
  );
}
