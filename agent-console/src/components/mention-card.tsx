// One item of the Mentions desk: who wrote it (name, handle, reach), what and where, how far it went, its
// influence score with every part and the reason for it (why this one is high), where it stands, and
// what marketing can do to it (mention-actions.tsx).
import type { ReactNode } from 'react';
import { useI18n } from '../i18n.tsx';

/** A care team to escalate to, as the floor's directory lists it. */
type Team = { id: string; name: string };

import { MentionActions } from './mention-actions.tsx';
import {
  ago,
  compact,
  kindKey,
  type Mention,
  type MentionCaps,
  partKey,
  pendingKey,
  statusKey,
  tierKey,
} from './mention-model.tsx';

const icon: Record<string, ReactNode> = {
  likes: <path d="M8 13.5S2.5 10.2 2.5 6.4A2.9 2.9 0 0 1 8 5a2.9 2.9 0 0 1 5.5 1.4c0 3.8-5.5 7.1-5.5 7.1z" />,
  replies: <path d="M2.5 3.5h11v7.5h-6l-3 2.5V11h-2z" />,
  reposts: <path d="M3 7V5h8.5M9.5 3l2 2-2 2M13 9v2H4.5M6.5 13l-2-2 2-2" />,
  quotes: (
    <path d="M3.5 11.5V8.5c0-2 1-3.2 2.5-3.7M3.5 8.5H6v3H3.5M9.5 11.5V8.5c0-2 1-3.2 2.5-3.7M9.5 8.5H12v3H9.5" />
  ),
  views: (
    <>
      <path d="M1.5 8S4 3.5 8 3.5 14.5 8 14.5 8 12 12.5 8 12.5 1.5 8 1.5 8z" />
      <circle cx="8" cy="8" r="2" />
    </>
  ),
};
const Icon = (p: { name: string }) => (
  <svg className="mention-icon" viewBox="0 0 16 16" aria-hidden="true">
    {icon[p.name]}
  </svg>
);

export function MentionCard(props: {
  mention: Mention;
  caps: MentionCaps;
  teams: Team[] | null;
  focused: boolean;
  /** POST /mentions/:id<path>; the page puts the answer in the list. */
  request(path: string, body?: unknown): Promise<void>;
}) {
  const { t, lang } = useI18n();
  const m = props.mention;
  const tier = m.influence?.tier ?? 'unscored';
  const network = props.caps.network;
  const exposure = m.exposure;
  const counts = exposure
    ? ([
        ['likes', 'mentionLikes', exposure.likes],
        ['replies', 'mentionReplies', exposure.replies],
        ['reposts', 'mentionReposts', exposure.reposts],
        ['quotes', 'mentionQuotes', exposure.quotes],
        ['views', 'mentionViews', exposure.views],
      ] as const)
    : [];
  return (
    <article
      className={`mention-card tier-${tier}${props.focused ? ' focused' : ''}${m.hidden ? ' is-hidden' : ''}${m.removed ? ' is-removed' : ''}`}
      data-mention={m.id}
      data-score={m.influence?.score ?? ''}
      data-handle={m.author.handle ?? ''}
      aria-label={`${m.author.name ?? m.author.handle ?? ''} — ${t(tierKey[tier])}`}
    >
      <div className={`mention-score tier-${tier}`} title={t('mentionScore')}>
        <span className="score-num">{m.influence?.score ?? '–'}</span>
        <span className="score-of" dir="ltr">
          /100
        </span>
        <span className={`tier-badge tier-${tier}`}>{t(tierKey[tier])}</span>
      </div>

      <div className="mention-main">
        <header className="mention-author">
          <strong className="author-name">{m.author.name ?? m.author.handle}</strong>
          {m.author.verified && (
            <svg className="verified" viewBox="0 0 16 16" role="img" aria-label={t('mentionVerified')}>
              <circle cx="8" cy="8" r="7" />
              <path d="M4.8 8.2l2.1 2.1 4.3-4.5" />
            </svg>
          )}
          {m.author.handle && (
            <span className="handle" dir="ltr">
              @{m.author.handle}
            </span>
          )}
          {m.author.page && <span className="chip">{t('mentionPage')}</span>}
          <span className="followers" data-followers={m.author.followers ?? ''}>
            {m.author.followers === null
              ? t('mentionFollowersUnknown')
              : t('mentionFollowers', { n: compact(m.author.followers, lang) })}
          </span>
          <span className="spacer" />
          <span className="chip network">{network}</span>
          <span className="muted">{kindKey[m.kind] ? t(kindKey[m.kind]) : m.kind}</span>
          <time dateTime={m.createdAt} title={new Date(m.createdAt).toLocaleString(lang)}>
            {ago(m.createdAt, lang)}
          </time>
        </header>

        <p className="mention-text" dir="auto">
          {m.text}
        </p>

        <div className="mention-links">
          {m.post.url && m.post.url !== m.url && (
            <a href={m.post.url} target="_blank" rel="noreferrer noopener">
              {t('mentionOnPost')} ↗
            </a>
          )}
          {m.url && (
            <a href={m.url} target="_blank" rel="noreferrer noopener">
              {t('mentionOriginal', { network })} ↗
            </a>
          )}
        </div>

        {exposure ? (
          <ul className="mention-exposure">
            {counts.map(([k, label, n]) =>
              n === null ? null : (
                <li key={k} data-metric={k} title={`${t(label)}: ${n.toLocaleString(lang)}`}>
                  <Icon name={k} />
                  <span className="sr">{t(label)}</span>
                  {compact(n, lang)}
                </li>
              ),
            )}
            <li className="muted measured">
              {t('mentionMeasured', { when: ago(m.refreshedAt ?? exposure.measuredAt, lang) })}
            </li>
          </ul>
        ) : (
          <p className="muted mention-exposure">{t('mentionNotMeasured')}</p>
        )}

        <div className="mention-state">
          <span className={`status-badge status-${m.status}`}>{t(statusKey[m.status])}</span>
          {m.hidden && <span className="flag">{t('mentionHidden')}</span>}
          {m.removed && <span className="flag bad">{t('mentionRemoved')}</span>}
          {m.liked && <span className="flag">{t('mentionLiked')}</span>}
          {m.tierRaisedAt && (
            <span className="flag climbed">↑ {t('mentionClimbed', { when: ago(m.tierRaisedAt, lang) })}</span>
          )}
          {m.pendingAction && (
            <span className="pending" role="status">
              <span className="spinner" aria-hidden="true" />
              {t(pendingKey[m.pendingAction], { network })}
            </span>
          )}
        </div>
        {m.actionError && !m.pendingAction && (
          <p className="mention-error" role="alert">
            {t('mentionActionFailed', { reason: m.actionError })}
          </p>
        )}
        {m.escalation && (
          <blockquote className="mention-escalation">
            <span className="muted">{t('mentionEscalated', { when: ago(m.escalation.at, lang) })}</span>{' '}
            {m.escalation.note}
          </blockquote>
        )}
        <MentionActions mention={m} caps={props.caps} teams={props.teams} request={props.request} />
      </div>

      <section className="mention-parts" aria-label={t('mentionWhy')}>
        <h3>{t('mentionWhy')}</h3>
        {m.influence ? (
          <ol>
            {m.influence.parts.map((p) => (
              <li key={p.key} data-part={p.key}>
                <span className="part-name">{partKey[p.key] ? t(partKey[p.key]) : p.key}</span>
                <span className="part-points" dir="ltr">
                  {p.points.toLocaleString(lang, { maximumFractionDigits: 1 })}
                  <span className="muted">/{p.max}</span>
                </span>
                <span className="part-bar" aria-hidden="true">
                  <span style={{ width: `${p.max ? Math.min(100, (100 * p.points) / p.max) : 0}%` }} />
                </span>
                <span className="part-reason">{p.reason}</span>
              </li>
            ))}
          </ol>
        ) : (
          <p className="muted">{t('mentionNotMeasured')}</p>
        )}
      </section>
    </article>
  );
}
