// The conversation's protocol checklist: each step's state (the hub ticks automatic and detected steps;
// the agent ticks theirs) and the compliance so far.
import { useCallback, useEffect, useState } from 'react';
import type { Api } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { protocolText } from './protocol-titles.ts';

type Step = {
  key: string;
  title: string;
  kind: 'automatic' | 'agent';
  required: boolean;
  status: 'pending' | 'done' | 'skipped';
  /** The identification's progress: why its questions were handed to a person, if they were. */
  data?: { handedOver?: boolean; reason?: string };
};

const handOverKey = {
  asked_for_person: 'identHandedAskedForPerson',
  cannot_answer: 'identHandedCannotAnswer',
  invalid_answers: 'identHandedInvalidAnswers',
  agent_replied: 'identHandedAgentReplied',
} as const;
type Checklist = { name: string; steps: Step[]; compliance: { done: number; required: number } };

export function ProtocolPanel(props: { api: Api; conversationId: string; refresh: number }) {
  const { t, lang } = useI18n();
  const [list, setList] = useState<Checklist | null>(null);
  const load = useCallback(
    () =>
      props.api
        .get<Checklist>(`/conversations/${props.conversationId}/protocol`)
        .then((r) => setList(r.data))
        .catch(() => setList(null)),
    [props.api, props.conversationId],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: `refresh` changes when the conversation does
  useEffect(() => {
    load();
  }, [load, props.refresh]);
  if (!list) return null;
  const tick = async (step: Step, done: boolean) => {
    await props.api.post(`/conversations/${props.conversationId}/protocol/steps/${step.key}`, {
      status: done ? 'done' : 'pending',
    });
    await load();
  };
  return (
    <section className="protocol" aria-label={t('protocol')}>
      <h3>
        {t('protocol')}: {protocolText(list.name, lang)}
      </h3>
      <p className="muted">
        {t('compliance', { done: list.compliance.done, required: list.compliance.required })}
      </p>
      <ul>
        {list.steps.map((s) => {
          // The hub's questions ended before the answers: identifying the customer is the agent's now.
          const handed = s.data?.handedOver === true && s.status !== 'done';
          const why = handOverKey[s.data?.reason as keyof typeof handOverKey];
          return (
            <li key={s.key} data-status={s.status} data-handed-over={handed || undefined}>
              <label>
                <input
                  type="checkbox"
                  checked={s.status === 'done'}
                  disabled={s.kind === 'automatic' && !handed}
                  onChange={(e) => tick(s, e.target.checked)}
                />
                {protocolText(s.title, lang)}
              </label>
              {handed && why && (
                <p className="protocol-handover" role="note">
                  {t(why)}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
