// The inbox's team filter (GET /conversations?teamId=): a supervisor watches one queue at a time; an agent
// sees their own teams first (★). The teams come from the directory, which every role that works
// conversations may read (GET /teams is for admins and supervisors). Hidden with fewer than two teams.
import { useEffect, useState } from 'react';
import type { Api } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import type { Directory } from '../types.ts';

export function TeamFilter(props: { api: Api; me: string; value: string; onChange(teamId: string): void }) {
  const { t } = useI18n();
  const [directory, setDirectory] = useState<Directory | null>(null);
  useEffect(() => {
    props.api
      .get<Directory>('/directory')
      .then((r) => setDirectory(r.data))
      .catch(() => {});
  }, [props.api]);
  const teams = directory?.teams ?? [];
  if (teams.length < 2) return null;
  const myTeams = new Set(directory?.users.find((u) => u.id === props.me)?.teamIds ?? []);
  const mine = teams.filter((tm) => myTeams.has(tm.id));
  const others = teams.filter((tm) => !myTeams.has(tm.id));
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
