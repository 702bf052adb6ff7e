// One evaluation (/quality/e/:id, issue 18 item 1): the conversation's transcript on one side, read-only,
// each message offering "Pin an error here" while the form is open; the form on the other. The evaluator
// marks the criteria, pins graded errors with notes, writes a comment, sees the score as it will be, saves
// the draft (PUT) or submits it (POST …/submit). The evaluated agent reads it — score, marks, errors
// linking to their messages — and acknowledges or disputes it with a comment; a supervisor settles a
// dispute, upheld or revised with new marks. The hub's refusals are shown in words.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Api } from '../api.ts';
import { navigate } from '../router.ts';
import type { AgentSocket } from '../socket.ts';
import type { Message, User } from '../types.ts';
import { MessageBody } from './message-body.tsx';
import {
  type Basis,
  criteriaOf,
  type DraftError,
  defaultBasis,
  ErrorsEditor,
  MarksEditor,
  ScoreBox,
} from './quality-form.tsx';
import { StatusBadge } from './quality-lists.tsx';
import {
  type Evaluation,
  type Q,
  type QualityKey,
  qualityEvaluators,
  qualityManagers,
  refusal,
  scoreText,
  useQualityText,
  whenOf,
} from './quality-text.ts';

type Event = { id: string; type: string; actorName: string | null; createdAt: string };
type Detail = { contact?: { name: string | null } };

let serial = 0;
const keyed = (e: Evaluation): DraftError[] =>
  e.errors.map((x) => ({ key: `k${++serial}`, grade: x.grade, messageId: x.messageId, note: x.note }));
const gistOf = (m: Message) => {
  const text = (m.text ?? '').replace(/\s+/g, ' ').trim();
  return text.length > 60 ? `${text.slice(0, 59)}…` : text || `#${m.id}`;
};
const eventWord = (q: Q, type: string) => {
  const step = type.replace(/^evaluation\./, '');
  const key = step === 'created' || step === 'saved' ? `event_${step}` : `status_${step}`;
  return q(key as QualityKey) ?? type;
};

export function EvaluationView(props: { api: Api; user: User; id: string; socket: AgentSocket | null }) {
  const { q, lang } = useQualityText();
  const [e, setE] = useState<Evaluation | null>(null);
  const [events, setEvents] = useState<Event[]>([]);
  const [messages, setMessages] = useState<Message[] | null>(null);
  const [contactName, setContactName] = useState<string | null>(null);
  const [basis, setBasis] = useState<Basis>(defaultBasis);
  const [marks, setMarks] = useState<Record<string, number>>({});
  const [errors, setErrors] = useState<DraftError[]>([]);
  const [comment, setComment] = useState('');
  const [notice, setNotice] = useState<{ text: string; bad: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const [disputing, setDisputing] = useState(false);
  const [answer, setAnswer] = useState('');
  const [decision, setDecision] = useState<'upheld' | 'revised'>('upheld');
  const [settleComment, setSettleComment] = useState('');
  const [shown, setShown] = useState<string | null>(null);
  const transcript = useRef<HTMLOListElement>(null);
  // The words of the moment, read by the loading effect without reloading (and losing a draft) when the
  // language changes.
  const qNow = useRef(q);
  qNow.current = q;

  const take = useCallback((x: Evaluation) => {
    setE(x);
    setMarks(x.scores);
    setErrors(keyed(x));
    setComment(x.comment ?? '');
  }, []);
  const load = useCallback(async () => {
    const r = await props.api.get<Evaluation>(`/evaluations/${props.id}`);
    take(r.data);
    setEvents(((r as unknown as { events?: Event[] }).events ?? []) as Event[]);
    return r.data;
  }, [props.api, props.id, take]);

  useEffect(() => {
    let live = true;
    load().then(
      (x) => {
        if (!live) return;
        props.api.get<Message[]>(`/conversations/${x.conversationId}/messages`).then(
          (r) => live && setMessages(r.data),
          () => live && setMessages([]),
        );
        props.api.get<Detail>(`/conversations/${x.conversationId}`).then(
          (r) => live && setContactName(r.data.contact?.name ?? null),
          () => {},
        );
      },
      (err) => live && setNotice({ text: refusal(qNow.current, err), bad: true }),
    );
    // An evaluator reads the account's criteria and grades; an agent cannot, and is shown QP-14's own.
    if (qualityEvaluators(props.user.role))
      props.api.get<Basis>('/quality/settings').then(
        (r) => live && setBasis({ criteria: r.data.criteria, grades: r.data.grades }),
        () => {},
      );
    return () => {
      live = false;
    };
  }, [load, props.api, props.user.role]);

  // The evaluated agent is told when it is submitted or settled: the open evaluation shows it at once.
  useEffect(() => {
    const s = props.socket;
    if (!s) return;
    const on = (n: { type: string; evaluationId?: unknown }) => {
      if (n.type.startsWith('evaluation.') && String(n.evaluationId) === props.id) load().catch(() => {});
    };
    s.on('notice', on);
    return () => {
      s.off('notice', on);
    };
  }, [props.socket, props.id, load]);

  if (!e)
    return (
      <main className="page quality-page" aria-busy={notice ? undefined : 'true'}>
        {notice && (
          <p className="quality-notice bad" role="alert">
            {notice.text}
          </p>
        )}
      </main>
    );

  const manager = qualityManagers(props.user.role);
  const drafting =
    e.status === 'draft' &&
    qualityEvaluators(props.user.role) &&
    (e.evaluatorId === props.user.id || manager);
  const settling = manager && e.status === 'disputed' && e.agentId !== props.user.id;
  const editing = drafting || (settling && decision === 'revised');
  const answering = e.agentId === props.user.id && e.status === 'submitted';
  const criteria = criteriaOf(basis, e);
  const gists = new Map((messages ?? []).map((m) => [m.id, gistOf(m)]));

  const run = async (step: () => Promise<unknown>, done: QualityKey) => {
    setBusy(true);
    setNotice(null);
    try {
      await step();
      await load();
      setNotice({ text: q(done), bad: false });
      return true;
    } catch (err) {
      setNotice({ text: refusal(q, err), bad: true });
      return false;
    } finally {
      setBusy(false);
    }
  };
  const body = () => ({
    scores: marks,
    errors: errors.map((x) => ({ grade: x.grade, messageId: x.messageId, note: x.note.trim() })),
    comment: comment.trim() || null,
  });
  const save = () => run(() => props.api.put(`/evaluations/${e.id}`, body()), 'qualitySaved');
  const submit = () =>
    run(async () => {
      await props.api.put(`/evaluations/${e.id}`, body());
      await props.api.post(`/evaluations/${e.id}/submit`, {});
    }, 'qualitySubmittedNow');
  const pin = (messageId: string) =>
    setErrors((list) => [
      ...list,
      { key: `k${++serial}`, grade: basis.grades[0]?.key ?? 'major', messageId, note: '' },
    ]);
  const show = (messageId: string) => {
    setShown(messageId);
    transcript.current
      ?.querySelector(`[data-id="${messageId}"]`)
      ?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  };
  const senderOf = (m: Message) =>
    m.senderType === 'contact'
      ? (contactName ?? q('qualityCustomerSays'))
      : m.senderType === 'agent'
        ? m.senderId === e.agentId
          ? (e.agentName ?? q('qualityAgent'))
          : q('qualityAgent')
        : q('qualitySystem');

  return (
    <main className="page quality-page quality-evaluation" data-status={e.status}>
      <div className="quality-head">
        <a
          href="/quality"
          className="quality-back"
          onClick={(ev) => {
            ev.preventDefault();
            navigate('/quality');
          }}
        >
          {qualityEvaluators(props.user.role) ? q('qualityBack') : q('qualityBackMine')}
        </a>
        <h1>
          {q('qualityEvaluationTitle', { agent: `\u2068${e.agentName ?? '—'}\u2069`, id: e.conversationId })}
        </h1>
        <StatusBadge status={e.status} />
        {e.reason && <span className="badge">{q(`reason_${e.reason}`)}</span>}
      </div>
      <div className="quality-split">
        <section className="quality-transcript-pane" aria-label={q('qualityTranscript')}>
          <h2>{q('qualityTranscript')}</h2>
          <ol ref={transcript} className="timeline quality-transcript">
            {(messages ?? []).map((m) => {
              const pinned = errors.filter((x) => x.messageId === m.id);
              return (
                <li
                  key={m.id}
                  id={`m-${m.id}`}
                  data-id={m.id}
                  data-sender={m.senderType}
                  className={`msg ${m.direction} ${m.private ? 'note' : ''} ${shown === m.id ? 'quality-shown' : ''} ${pinned.length ? 'quality-pinned' : ''}`}
                >
                  <div className="who">
                    <bdi>{senderOf(m)}</bdi>
                  </div>
                  <MessageBody m={m} />
                  <div className="meta">
                    <bdi>{whenOf(m.createdAt, lang)}</bdi>
                    {pinned.map((x) => (
                      <span key={x.key} className="badge warn quality-pin-badge" data-grade={x.grade}>
                        {basis.grades.find((g) => g.key === x.grade)?.label[lang] ?? x.grade}
                      </span>
                    ))}
                  </div>
                  {/* QP-14 grades the agent's errors: pinned to what the agents wrote. */}
                  {editing && m.senderType === 'agent' && (
                    <button type="button" className="link quality-pin" onClick={() => pin(m.id)}>
                      {q('qualityPinError')}
                    </button>
                  )}
                </li>
              );
            })}
          </ol>
        </section>
        <aside className="quality-form" aria-label={q('qualityCriteria')}>
          {e.evaluatorName && <p className="muted">{q('qualityBy', { name: e.evaluatorName })}</p>}
          <ScoreBox
            criteria={criteria}
            grades={basis.grades}
            marks={marks}
            errors={errors}
            stored={editing ? null : e.breakdown}
          />
          <MarksEditor criteria={criteria} marks={marks} readOnly={!editing} onChange={setMarks} />
          <ErrorsEditor
            grades={basis.grades}
            errors={errors}
            messages={gists}
            readOnly={!editing}
            onChange={setErrors}
            onShow={show}
          />
          <section className="quality-comment">
            <h3>{q('qualityComment')}</h3>
            {drafting ? (
              <textarea
                name="comment"
                aria-label={q('qualityComment')}
                rows={3}
                dir="auto"
                maxLength={4000}
                value={comment}
                onChange={(ev) => setComment(ev.target.value)}
              />
            ) : (
              <p dir="auto" className="quality-comment-text">
                {e.comment ?? '—'}
              </p>
            )}
          </section>
          {e.agentComment && (
            <section className="quality-agent-comment">
              <h3>{q('qualityAgentComment')}</h3>
              <p dir="auto">{e.agentComment}</p>
            </section>
          )}
          {e.settlement && (
            <section className="quality-settlement" data-decision={e.settlement.decision}>
              <h3>{q('qualitySettlement')}</h3>
              <p>
                <strong>{q(`decision_${e.settlement.decision}`)}</strong>{' '}
                <span className="muted">
                  {q('qualityPreviousScore', { n: scoreText(e.settlement.previousScore, lang) })}
                </span>
              </p>
              <p dir="auto">{e.settlement.comment}</p>
            </section>
          )}
          {notice && (
            <p className={`quality-notice ${notice.bad ? 'bad' : ''}`} role={notice.bad ? 'alert' : 'status'}>
              {notice.text}
            </p>
          )}
          {drafting && (
            <div className="quality-actions">
              <button type="button" className="quality-save" disabled={busy} onClick={save}>
                {q('qualitySaveDraft')}
              </button>
              <button type="button" className="primary quality-submit" disabled={busy} onClick={submit}>
                {q('qualitySubmit')}
              </button>
            </div>
          )}
          {answering && (
            <div className="quality-answer">
              {!disputing ? (
                <div className="quality-actions">
                  <button
                    type="button"
                    className="primary quality-acknowledge"
                    disabled={busy}
                    onClick={() =>
                      run(() => props.api.post(`/evaluations/${e.id}/acknowledge`, {}), 'qualityAcknowledged')
                    }
                  >
                    {q('qualityAcknowledge')}
                  </button>
                  <button type="button" className="quality-dispute" onClick={() => setDisputing(true)}>
                    {q('qualityDispute')}
                  </button>
                </div>
              ) : (
                <form
                  className="quality-dispute-form"
                  onSubmit={(ev) => {
                    ev.preventDefault();
                    run(
                      () => props.api.post(`/evaluations/${e.id}/dispute`, { comment: answer.trim() }),
                      'qualityDisputed',
                    ).then((ok) => ok && setDisputing(false));
                  }}
                >
                  <label>
                    <span>{q('qualityDisputeComment')}</span>
                    <textarea
                      name="dispute"
                      rows={3}
                      dir="auto"
                      required
                      maxLength={4000}
                      value={answer}
                      onChange={(ev) => setAnswer(ev.target.value)}
                    />
                  </label>
                  <div className="quality-actions">
                    <button type="submit" className="primary" disabled={busy || !answer.trim()}>
                      {q('qualitySendDispute')}
                    </button>
                    <button type="button" className="link" onClick={() => setDisputing(false)}>
                      ✕
                    </button>
                  </div>
                </form>
              )}
            </div>
          )}
          {settling && (
            <form
              className="quality-settle-form"
              onSubmit={(ev) => {
                ev.preventDefault();
                run(
                  () =>
                    props.api.post(`/evaluations/${e.id}/settle`, {
                      decision,
                      comment: settleComment.trim(),
                      ...(decision === 'revised' ? { scores: body().scores, errors: body().errors } : {}),
                    }),
                  'qualitySettled',
                );
              }}
            >
              <h3>{q('qualitySettle')}</h3>
              {(['upheld', 'revised'] as const).map((d) => (
                <label key={d} className="inline">
                  <input
                    type="radio"
                    name="decision"
                    value={d}
                    checked={decision === d}
                    onChange={() => {
                      setDecision(d);
                      if (d === 'upheld') take(e);
                    }}
                  />
                  {d === 'upheld' ? q('qualityUpheld') : q('qualityRevised')}
                </label>
              ))}
              <label>
                <span>{q('qualitySettleComment')}</span>
                <textarea
                  name="settleComment"
                  rows={3}
                  dir="auto"
                  required
                  maxLength={4000}
                  value={settleComment}
                  onChange={(ev) => setSettleComment(ev.target.value)}
                />
              </label>
              <div className="quality-actions">
                <button type="submit" className="primary" disabled={busy || !settleComment.trim()}>
                  {q('qualitySettleSend')}
                </button>
              </div>
            </form>
          )}
          {events.length > 0 && (
            <details className="quality-history">
              <summary>{q('qualityHistory')}</summary>
              <ol>
                {events.map((x) => (
                  <li key={x.id} data-type={x.type}>
                    <bdi>{whenOf(x.createdAt, lang)}</bdi> — {eventWord(q, x.type)}
                    {x.actorName && (
                      <>
                        {' · '}
                        <bdi>{x.actorName}</bdi>
                      </>
                    )}
                  </li>
                ))}
              </ol>
            </details>
          )}
        </aside>
      </div>
    </main>
  );
}
