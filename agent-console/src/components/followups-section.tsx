// The conversation's "Follow-ups" section, loaded on its own chunk (followups-schedule.tsx), for those who
// both read the conversation and work follow-ups: admins, supervisors and agents.
import { lazy, Suspense } from 'react';
import type { Api } from '../api.ts';
import type { User } from '../types.ts';
import { followUpWorkers, readsConversations } from './followups-text.ts';

const FollowUpSchedule = lazy(() => import('./followups-schedule.tsx'));

export function FollowUpSection(props: { api: Api; user: User; conversationId: string }) {
  if (!followUpWorkers(props.user.role) || !readsConversations(props.user.role)) return null;
  return (
    <Suspense fallback={null}>
      <FollowUpSchedule
        key={props.conversationId}
        api={props.api}
        user={props.user}
        conversationId={props.conversationId}
      />
    </Suspense>
  );
}
