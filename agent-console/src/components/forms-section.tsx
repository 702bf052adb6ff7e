// The conversation's "Forms" section, loaded on its own chunk: the form evaluator (and the phone-number
// library it reads phones with) stays out of the console's first load.
import { lazy, Suspense } from 'react';
import type { Api } from '../api.ts';
import type { FormsContact } from './forms-panel.tsx';
import { formFillers } from './forms-responses.tsx';

const FormsPanel = lazy(() => import('./forms-panel.tsx'));

export function FormsSection(props: {
  api: Api;
  conversationId: string;
  contact: FormsContact | undefined;
  role: string;
}) {
  return (
    <Suspense fallback={null}>
      <FormsPanel
        api={props.api}
        conversationId={props.conversationId}
        contact={props.contact ?? null}
        mayFill={formFillers(props.role)}
      />
    </Suspense>
  );
}
