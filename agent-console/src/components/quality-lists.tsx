// The Quality page's lists (issue 18, item 1): the evaluation queue (GET /quality/queue) with each
// conversation's agent and the reason it was picked in words, "Evaluate" opening (or continuing) its
// evaluation, a manager's "Sample last week" (POST /quality/queue/sample), any conversation evaluated by
// its number; and the evaluations (GET /evaluations, filters agent, status, month) with status badges —
// for an agent, only their own submitted ones (the hub answers only those).
import { useCallback, useEffect, useState } from 'react';
import { type Api, ApiError } from '../api.ts';
import { navigate } from '../router.ts';
import type { User } from '../types.ts';
import { ChannelTag } from './channel-tag.tsx';
import {
  type Evaluation,
  type QueueItem,
  qualityManagers,
  refusal,
  scoreText,
  useQualityText,
  whenOf,
} from './quality-text.ts';

/** shared/quality.schema.ts's evaluationStatuses, without bringing zod into the console. */
const statusList = ['draft', 'submitted', 'acknowledged', 'disputed', 'settled'] as const;

const go = (path: string) => (e: React.MouseEvent) => {
  e.preventDefault();
  navigate(path);
};

/** Opens the conversation's evaluation of its agent: a new draft, or the one already there. */
async function openEvaluation(api: Api, conversationId: string, agentId?: string | null): Promise<string> {
  try {
    const r = await api.post<Evaluation>('/evaluations', {
      conversationId,
      ...(agentId ? { agentId } : {}),
    });
    return r.data.id;
  } catch (e) {
    const existing = (e as ApiError).details as { evaluationId?: string } | undefined;
    if (e instanceof ApiError && e.code === 'already_evaluated' && existing?.evaluationId)
      return existing.evaluationId;
    throw e;
  }
}

export function QualityQueue(props: { api: Api; user: User }) {
  const { q } = useQualityText();
  const [items, setItems] = useState<QueueItem[] | null>(null);
  const [notice, setNotice] = useState<{ text: string; bad: boolean } | null>(null);
  const [number, setNumber] = useState('');
  const [busy, setBusy] = useState(false);
  const load = useCallback(
    () =>
      props.api.get<QueueItem[]>('/quality/queue').then(
        (r) => setItems(r.data),
        (e) => setNotice({ text: refusal(q, e), bad: true }),
      ),
    [props.api, q],
  );
  useEffect(() => {
    load();
  }, [load]);
  const evaluate = async (conversationId: string, agentId?: string | null) => {
    setBusy(true);
    try {
      navigate(`/quality/e/${await openEvaluation(props.api, conversationId, agentId)}`);
    } catch (e) {
      setNotice({ text: refusal(q, e), bad: true });
    } finally {
      setBusy(false);
    }
  };
  const sample = async () => {
    setBusy(true);
    try {
      const r = await props.api.post<{ week: string; added: QueueItem[] }>('/quality/queue/sample', {});
      setNotice({ text: q('qualitySampled', { n: r.data.added.length, week: r.data.week }), bad: false });
      await load();
    } catch (e) {
      setNotice({ text: refusal(q, e), bad: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="quality-queue" aria-labelledby="quality-queue-title">
      <div className="quality-head">
        <h2 id="quality-queue-title">{q('qualityQueue')}</h2>
        <span className="spacer" />
        {qualityManagers(props.user.role) && (
          <button type="button" className="quality-sample" disabled={busy} onClick={sample}>
            {q('qualitySample')}
          </button>
        )}
      </div>
      <p className="muted">{q('qualityQueueHint')}</p>
      <form
        className="quality-evaluate-one"
        onSubmit={(e) => {
          e.preventDefault();
          if (/^\d+$/.test(number.trim())) evaluate(number.trim());
        }}
      >
        <label>
          <span>{q('qualityEvaluateOne')}</span>
          <input
            name="conversationId"
            inputMode="numeric"
            pattern="[0-9]+"
            placeholder={q('qualityConversationNo')}
            aria-label={q('qualityConversationNo')}
            value={number}
            onChange={(e) => setNumber(e.target.value)}
          />
        </label>
        <button type="submit" disabled={busy || !number.trim()}>
          {q('qualityEvaluate')}
        </button>
      </form>
      {notice && (
        <p className={`quality-notice ${notice.bad ? 'bad' : ''}`} role={notice.bad ? 'alert' : 'status'}>
          {notice.text}
        </p>
      )}
      {items && items.length === 0 && <p className="muted">{q('qualityQueueEmpty')}</p>}
      {items && items.length > 0 && (
        <div className="quality-table-wrap">
          <table className="grid quality-queue-table">
            <thead>
              <tr>
                <th>{q('qualityConversation')}</th>
                <th>{q('qualityCustomer')}</th>
                <th>{q('qualityAgent')}</th>
                <th>{q('qualityReason')}</th>
                <th>{q('qualityWeek')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {items.map((x) => (
                <tr key={x.id} data-conversation={x.conversationId} data-reason={x.reason}>
                  <td>
                    <a
                      href={`/conversations/${x.conversationId}`}
                      onClick={go(`/conversations/${x.conversationId}`)}
                    >
                      #{x.conversationId}
                    </a>{' '}
                    <ChannelTag kind={x.channel} />
                  </td>
                  <td>
                    <bdi>{x.contactName ?? '—'}</bdi>
                  </td>
                  <td>
                    <bdi>{x.agentName ?? '—'}</bdi>
                  </td>
                  <td>{q(`reason_${x.reason}`)}</td>
                  <td>
                    <bdi>{x.week}</bdi>
                  </td>
                  <td>
                    <button
                      type="button"
                      className="primary quality-evaluate"
                      disabled={busy}
                      onClick={() =>
                        x.evaluationId
                          ? navigate(`/quality/e/${x.evaluationId}`)
                          : evaluate(x.conversationId, x.agentId)
                      }
                    >
                      {x.evaluationId ? q('qualityContinue') : q('qualityEvaluate')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function StatusBadge(props: { status: Evaluation['status'] }) {
  const { q } = useQualityText();
  return (
    <span className={`badge quality-status ${props.status}`} data-status={props.status}>
      {q(`status_${props.status}`)}
    </span>
  );
}

export function EvaluationList(props: { api: Api; user: User }) {
  const { q, lang } = useQualityText();
  const agentView = props.user.role === 'agent';
  const [agentId, setAgentId] = useState('');
  const [status, setStatus] = useState('');
  const [month, setMonth] = useState('');
  const [rows, setRows] = useState<Evaluation[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [agents, setAgents] = useState<Map<string, string>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const query = useCallback(
    (cursor?: string) => {
      const s = new URLSearchParams();
      if (agentId) s.set('agentId', agentId);
      if (status) s.set('status', status);
      if (month) s.set('month', month);
      if (cursor) s.set('cursor', cursor);
      return s.toString();
    },
    [agentId, status, month],
  );
  const remember = useCallback(
    (list: Evaluation[]) =>
      setAgents((old) => {
        const m = new Map(old);
        for (const e of list) m.set(e.agentId, e.agentName ?? `#${e.agentId}`);
        return m;
      }),
    [],
  );
  useEffect(() => {
    let live = true;
    setError(null);
    props.api.get<Evaluation[]>(`/evaluations?${query()}`).then(
      (r) => {
        if (!live) return;
        setRows(r.data);
        setNext(r.nextCursor ?? null);
        remember(r.data);
      },
      (e) => live && setError(refusal(q, e)),
    );
    return () => {
      live = false;
    };
  }, [props.api, query, q, remember]);
  const more = async () => {
    if (!next) return;
    const r = await props.api.get<Evaluation[]>(`/evaluations?${query(next)}`);
    setRows((old) => [...(old ?? []), ...r.data]);
    setNext(r.nextCursor ?? null);
    remember(r.data);
  };
  const statuses = agentView ? statusList.filter((s) => s !== 'draft') : statusList;
  return (
    <section className="quality-evaluations" aria-labelledby="quality-evaluations-title">
      <h2 id="quality-evaluations-title">{agentView ? q('myEvaluations') : q('qualityEvaluations')}</h2>
      <div className="quality-filters">
        {!agentView && (
          <label>
            <span>{q('qualityAgent')}</span>
            <select name="agentId" value={agentId} onChange={(e) => setAgentId(e.target.value)}>
              <option value="">{q('qualityAll')}</option>
              {[...agents].map(([id, name]) => (
                <option key={id} value={id}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          <span>{q('qualityStatus')}</span>
          <select name="status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{q('qualityAll')}</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {q(`status_${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{q('qualityMonth')}</span>
          <input type="month" name="month" value={month} onChange={(e) => setMonth(e.target.value)} />
        </label>
      </div>
      {error && (
        <p className="quality-notice bad" role="alert">
          {error}
        </p>
      )}
      {rows && rows.length === 0 && <p className="muted">{q('qualityEvaluationsNone')}</p>}
      {rows && rows.length > 0 && (
        <div className="quality-table-wrap">
          <table className="grid quality-evaluations-table">
            <thead>
              <tr>
                <th>{q('qualityDate')}</th>
                <th>{q('qualityConversation')}</th>
                {!agentView && <th>{q('qualityAgent')}</th>}
                <th>{q('qualityEvaluator')}</th>
                <th>{q('qualityStatus')}</th>
                <th>{q('qualityScore')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr key={e.id} data-id={e.id} data-status={e.status}>
                  <td>
                    <bdi>{whenOf(e.submittedAt ?? e.createdAt, lang)}</bdi>
                  </td>
                  <td>#{e.conversationId}</td>
                  {!agentView && (
                    <td>
                      <bdi>{e.agentName ?? '—'}</bdi>
                    </td>
                  )}
                  <td>
                    <bdi>{e.evaluatorName ?? '—'}</bdi>
                  </td>
                  <td>
                    <StatusBadge status={e.status} />
                  </td>
                  <td className="quality-score-cell" data-score={e.score ?? ''}>
                    {scoreText(e.score, lang)}
                  </td>
                  <td>
                    <a
                      href={`/quality/e/${e.id}`}
                      className="quality-open"
                      onClick={go(`/quality/e/${e.id}`)}
                    >
                      {q('qualityOpen')}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next && (
        <button type="button" onClick={more}>
          {q('qualityMore')}
        </button>
      )}
    </section>
  );
}
