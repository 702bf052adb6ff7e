// The commercial plans the advisor chooses from (step 8.2): a name and an optional description each.
import { useEffect, useState } from 'react';
import type { Api } from '../api.ts';
import { Part } from './admin-sales-part.tsx';
import { type Plan, useDeskText } from './admin-sales-text.ts';

export function PlansPart(props: { api: Api; saved: Plan[]; onSaved(p: Plan[]): void }) {
  const d = useDeskText();
  const [plans, setPlans] = useState(props.saved);
  useEffect(() => setPlans(props.saved), [props.saved]);
  const set = (i: number, p: Partial<Plan>) => setPlans(plans.map((x, j) => (j === i ? { ...x, ...p } : x)));
  // An empty description is no description (the hub takes it as missing, not as "").
  const value = plans.map((p) => (p.description?.trim() ? p : { name: p.name }));
  return (
    <Part
      api={props.api}
      part="plans"
      title={d('plans')}
      hint={d('plansHint')}
      value={value}
      defaults={[]}
      onSaved={props.onSaved}
    >
      {plans.length === 0 && <p className="muted">{d('noPlans')}</p>}
      <ul className="desk-list">
        {plans.map((p, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a plan is its row; renaming keeps the row
          <li key={i} className="desk-row desk-plan">
            <input
              dir="auto"
              aria-label={d('planName')}
              placeholder={d('planName')}
              value={p.name}
              onChange={(e) => set(i, { name: e.target.value })}
            />
            <input
              dir="auto"
              aria-label={d('planDescription')}
              placeholder={d('planDescription')}
              value={p.description ?? ''}
              onChange={(e) => set(i, { description: e.target.value })}
            />
            <button type="button" onClick={() => setPlans(plans.filter((_, j) => j !== i))}>
              {d('remove')}
            </button>
          </li>
        ))}
      </ul>
      <div>
        <button type="button" onClick={() => setPlans([...plans, { name: '' }])}>
          {d('addPlan')}
        </button>
      </div>
    </Part>
  );
}
