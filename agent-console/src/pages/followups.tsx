// The Follow-ups page (QP-14, issue 18 items 3–4): for supervisors and admins the daily dashboard of every
// follow-up; a follow_up user (or an agent) their own; finance only its compensation queue.
// /follow-ups/:id is one follow-up with its steps, compensation and history. Its words are its own
// (components/followups-strings-*.ts).
import type { Api } from '../api.ts';
import { FollowUpView } from '../components/followups-detail.tsx';
import { CompensationQueue } from '../components/followups-finance.tsx';
import { FollowUpList } from '../components/followups-list.tsx';
import { usePeople } from '../components/followups-people.ts';
import { useFollowUpText } from '../components/followups-text.ts';
import '../components/followups.css';
import type { User } from '../types.ts';

export function FollowUpsPage(props: { api: Api; user: User; path: string }) {
  const { f } = useFollowUpText();
  const people = usePeople(props.api, props.user.role);
  const finance = props.user.role === 'finance';
  const one = props.path.match(/^\/follow-ups\/(\d+)$/)?.[1];
  if (one && !finance)
    return <FollowUpView key={one} api={props.api} user={props.user} id={one} people={people} />;
  return (
    <main className="page fu-page">
      <h1>{finance ? f('compensations') : f('followUps')}</h1>
      {finance ? (
        <CompensationQueue api={props.api} />
      ) : (
        <FollowUpList api={props.api} user={props.user} people={people} />
      )}
    </main>
  );
}
