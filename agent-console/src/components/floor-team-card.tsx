// One team on the live floor: how many wait, the longest wait (ticking), the queue estimate, and today's
// service level against the channels' targets.
import type { FloorTeamJson } from '#shared/floor.schema.ts';
import { useI18n } from '../i18n.tsx';
import { formatDuration, formatPercent, secondsSince } from './floor-time.ts';

export function FloorTeamCard(props: {
  team: FloorTeamJson;
  now: number;
  channelLabel(kind: string): string;
}) {
  const { t, lang } = useI18n();
  const { team, now } = props;
  const sl = team.serviceLevel;
  const targets = sl?.channels.filter((c) => c.targetSeconds !== null) ?? [];
  const name = team.name ?? t('floorNoTeam');
  const wait = secondsSince(team.oldestQueuedAt, now);
  return (
    <article
      className={`floor-team${team.waiting > 0 ? ' busy' : ''}`}
      data-team={team.id ?? 'none'}
      aria-label={name}
    >
      <h2>{name}</h2>
      <dl>
        <div className="floor-big">
          <dt>{t('floorWaiting')}</dt>
          <dd data-testid="waiting">{team.waiting}</dd>
        </div>
        <div className="floor-big">
          <dt>{t('floorLongestWait')}</dt>
          <dd data-testid="longest-wait" className={wait !== null && wait > 60 ? 'late' : ''}>
            {formatDuration(wait)}
          </dd>
        </div>
        <div>
          <dt title={t('floorEtaHint')}>{t('floorEta')}</dt>
          <dd data-testid="eta" title={t('floorEtaHint')}>
            {team.etaSeconds === null ? '—' : formatDuration(team.etaSeconds)}
          </dd>
        </div>
        <div>
          <dt>{t('floorServiceLevel')}</dt>
          <dd data-testid="service-level">
            {formatPercent(sl?.percent ?? null, lang)}
            {sl && sl.registered > 0 && (
              <small>
                {t('floorWithin', { within: sl.answeredWithinTarget, registered: sl.registered })}
              </small>
            )}
            <small>
              {targets.length
                ? targets
                    .map((c) =>
                      t('floorTarget', { channel: props.channelLabel(c.channel), s: c.targetSeconds! }),
                    )
                    .join(' · ')
                : team.id === null
                  ? ''
                  : t('floorNoTarget')}
            </small>
          </dd>
        </div>
      </dl>
      {team.id !== null && <p className="muted">{t('floorOnline', { n: team.online })}</p>}
    </article>
  );
}
