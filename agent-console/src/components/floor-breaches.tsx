// Today's service-level breaches on the live floor, newest first: which target, which conversation, when.
import type { FloorBreachJson } from '#shared/floor.schema.ts';
import { type Key, useI18n } from '../i18n.tsx';
import { navigate } from '../router.ts';

const kinds: Record<string, Key> = {
  first_response: 'floorKindFirstResponse',
  next_response: 'floorKindNextResponse',
  resolution: 'floorKindResolution',
};

export function FloorBreaches(props: {
  breaches: FloorBreachJson[];
  total: number;
  teamName(id: string): string;
}) {
  const { t, lang } = useI18n();
  const time = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return (
    <section className="floor-breaches" aria-label={t('floorBreaches')}>
      <h2>
        {t('floorBreaches')} <span className="badge warn">{props.total}</span>
      </h2>
      {props.breaches.length === 0 ? (
        <p className="muted">{t('floorNoBreaches')}</p>
      ) : (
        <ol>
          {props.breaches.map((b) => (
            <li key={b.id} data-breach={b.conversationId}>
              <time dateTime={b.at}>{time.format(new Date(b.at))}</time>{' '}
              <strong>{kinds[b.kind] ? t(kinds[b.kind]) : b.kind}</strong>{' '}
              <a
                href={`/conversations/${b.conversationId}`}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(`/conversations/${b.conversationId}`);
                }}
              >
                #{b.conversationId}
              </a>
              {b.teamId && <span className="muted"> · {props.teamName(b.teamId)}</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
