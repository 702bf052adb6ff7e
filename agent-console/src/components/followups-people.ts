// Who is who on the follow-up pages: the managers read GET /users (every role, the follow_up ones too, who
// can own a follow-up) and GET /teams; an agent the directory; follow_up and finance users read neither
// (they see "user #id" for others and "you" for themselves).
import { useEffect, useState } from 'react';
import type { Api } from '../api.ts';
import { followUpManagers } from './followups-text.ts';

type Named = { id: string; name: string };
export type People = { names: Map<string, string>; owners: Named[]; teams: Named[] };

const ownerRoles = ['admin', 'supervisor', 'follow_up', 'agent'];
const empty: People = { names: new Map(), owners: [], teams: [] };

export function usePeople(api: Api, role: string): People {
  const [people, setPeople] = useState<People>(empty);
  useEffect(() => {
    let live = true;
    const done = (users: { id: string; name: string; role: string; disabled?: boolean }[], teams: Named[]) =>
      live &&
      setPeople({
        names: new Map(users.map((u) => [u.id, u.name])),
        owners: users.filter((u) => ownerRoles.includes(u.role) && !u.disabled),
        teams,
      });
    if (followUpManagers(role))
      Promise.all([
        api.get<{ id: string; name: string; role: string; disabled: boolean }[]>('/users'),
        api.get<Named[]>('/teams'),
      ]).then(
        ([u, t]) => done(u.data, t.data),
        () => {},
      );
    else if (role === 'agent')
      api.get<{ users: { id: string; name: string; role: string }[]; teams: Named[] }>('/directory').then(
        (r) => done(r.data.users, r.data.teams),
        () => {},
      );
    return () => {
      live = false;
    };
  }, [api, role]);
  return people;
}
