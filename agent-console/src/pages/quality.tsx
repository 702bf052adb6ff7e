// The Quality page (QP-14, issue 18 item 1): for the quality officer, supervisors and admins the
// evaluation queue and the evaluations; for an agent, "My evaluations". /quality/e/:id is one evaluation
// beside its conversation's transcript. Its words are its own (components/quality-strings-*.ts).
import type { Api } from '../api.ts';
import { EvaluationView } from '../components/quality-evaluation.tsx';
import { EvaluationList, QualityQueue } from '../components/quality-lists.tsx';
import { qualityEvaluators, useQualityText } from '../components/quality-text.ts';
import '../components/quality.css';
import type { AgentSocket } from '../socket.ts';
import type { User } from '../types.ts';

export function QualityPage(props: { api: Api; user: User; path: string; socket: AgentSocket | null }) {
  const { q } = useQualityText();
  const one = props.path.match(/^\/quality\/e\/(\d+)$/)?.[1];
  if (one)
    return <EvaluationView key={one} api={props.api} user={props.user} id={one} socket={props.socket} />;
  const evaluator = qualityEvaluators(props.user.role);
  return (
    <main className="page quality-page">
      <h1>{evaluator ? q('quality') : q('myEvaluations')}</h1>
      {evaluator && <QualityQueue api={props.api} user={props.user} />}
      <EvaluationList api={props.api} user={props.user} />
    </main>
  );
}
