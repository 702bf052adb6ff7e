// The inbox's team filter (GET /conversations?teamId=): a supervisor watches one queue at a time; an agent
// sees their own teams first. Hidden when the account has fewer than two teams.
import { useEffect, useState } from 'react';
import type { Api } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import type { Team } from '../types.ts';

export function TeamFilter(props: { api: Api; me: string; value: string; onChange(teamId: string): void }) {
  const { t } = useI18n();
  const [teams, setTeams] = useState<Team[]>([]);
  useEffect(() => {
    props.api
      .get<Team[]>('/teams')
      .then((r) => setTeams(r.data))
      .catch(() => {});
  }, [props.api]);
  if (teams.length < 2) return null;
  const mine = teams.filter((tm) => tm.memberIds.includes(props.me));
  const others = teams.filter((tm) => !tm.memberIds.includes(props.me));
  return (
    <select aria-label={t('teamFilter')} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
      <option value="">{t('teamAny')}</option>
      {[...mine, ...others].map((tm) => (
        <option key={tm.id} value={tm.id}>
          {mine.includes(tm) ? `★ ${tm.name}` : tm.name}
        </option>
      ))}
    </select>
  );
}
