// The visitor's satisfaction rating on the conversation (GET /conversations/:id returns it once submitted):
// stars out of five and the comment, beside the contact, so the agent and the supervisor see it where
// they work instead of only in the reports.
import { useI18n } from '../i18n.tsx';
import type { Conversation } from '../types.ts';
import './conversation-rating.css';

export function ConversationRating(props: { rating: Conversation['rating'] }) {
  const { t, lang } = useI18n();
  const r = props.rating;
  if (!r) return null;
  const stars = Math.max(0, Math.min(5, Math.round(r.rating)));
  return (
    <section className="conversation-rating" data-rating={r.rating}>
      <h3>{t('ratingTitle')}</h3>
      <p className="stars" role="img" aria-label={t('ratingStars', { n: r.rating })}>
        <span aria-hidden="true">
          {'★'.repeat(stars)}
          <span className="off">{'☆'.repeat(5 - stars)}</span>
        </span>{' '}
        <span className="muted">{t('ratingStars', { n: r.rating })}</span>
      </p>
      {r.comment && <blockquote>{r.comment}</blockquote>}
      <p className="muted when">
        {new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(
          new Date(r.createdAt),
        )}
      </p>
    </section>
  );
}
