// The live floor's agents: presence with its reason, time in that state (ticking), and open
// conversations against capacity per channel; grouped by team, busiest first within each.
import type { FloorAgentJson } from '#shared/floor.schema.ts';
import { useI18n } from '../i18n.tsx';
import { formatDuration, secondsSince } from './floor-time.ts';

export function FloorAgents(props: {
  agents: FloorAgentJson[];
  teamName(id: string): string;
  now: number;
  channelLabel(kind: string): string;
}) {
  const { t } = useI18n();
  if (!props.agents.length) return <p className="muted">{t('floorNoAgents')}</p>;
  return (
    <table className="grid floor-agents">
      <thead>
        <tr>
          <th>{t('floorAgent')}</th>
          <th>{t('presence')}</th>
          <th>{t('floorInState')}</th>
          <th>{t('floorLoad')}</th>
          <th>{t('floorTeams')}</th>
        </tr>
      </thead>
      <tbody>
        {props.agents.map((a) => (
          <tr key={a.id} data-agent={a.id} className={`presence-${a.presence.status}`}>
            <td>{a.name}</td>
            <td data-testid="presence">
              <span className={`dot ${a.presence.status}`} aria-hidden="true" /> {t(a.presence.status)}
              {a.presence.reason && a.presence.status === 'auxiliary' && `: ${a.presence.reason}`}
            </td>
            <td className="num">{formatDuration(secondsSince(a.presence.since, props.now))}</td>
            <td>
              <ul className="floor-load">
                {a.load.map((l) => (
                  <li key={l.channel} className={l.open >= l.capacity && l.capacity > 0 ? 'full' : ''}>
                    <span>{props.channelLabel(l.channel)}</span>{' '}
                    <b>
                      {l.open}/{l.capacity}
                    </b>
                    <meter
                      min={0}
                      max={Math.max(1, l.capacity)}
                      low={l.capacity / 2}
                      high={l.capacity - 0.5}
                      optimum={0}
                      value={l.open}
                      aria-hidden="true"
                    />
                  </li>
                ))}
              </ul>
            </td>
            <td>{a.teamIds.map(props.teamName).join(', ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
