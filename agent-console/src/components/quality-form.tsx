// The parts of the evaluation form (QP-14): the criteria each marked 0–5 with their label and definition in
// the user's language, the graded errors pinned to messages (Major, Minor, D-minor with each grade's
// definition) with a note, and the score computed live with the hub's own formula (scoreOf), so what the
// evaluator sees is what the hub will store.
import {
  CRITERION_MAX,
  type Criterion,
  defaultCriteria,
  defaultGrades,
  type ErrorGrade,
  type Grade,
  type ScoreBreakdown,
  scoreOf,
} from '#shared/quality/criteria.ts';
import { type Evaluation, scoreText, useQualityText } from './quality-text.ts';

export type DraftError = { key: string; grade: ErrorGrade; messageId: string; note: string };

/** The criteria and grades shown: the account's (an evaluator reads them), else QP-14's defaults. */
export type Basis = { criteria: Criterion[]; grades: Grade[] };
export const defaultBasis: Basis = { criteria: defaultCriteria, grades: defaultGrades };

/** The criteria an evaluation was marked on: the basis given, plus any key it has that the basis lacks. */
export function criteriaOf(basis: Basis, e: Evaluation): Criterion[] {
  const extra = Object.keys(e.scores)
    .filter((k) => !basis.criteria.some((c) => c.key === k))
    .map((key) => ({
      key,
      weight: 0,
      label: { es: key, en: key, ar: key },
      definition: { es: '', en: '', ar: '' },
    }));
  // Once submitted, the marks name the criteria it was scored on: none of the basis beyond them.
  const scored = basis.criteria.filter((c) => e.status === 'draft' || c.key in e.scores);
  return [...scored, ...extra];
}

const marksRange = Array.from({ length: CRITERION_MAX + 1 }, (_, i) => i);

export function MarksEditor(props: {
  criteria: Criterion[];
  marks: Record<string, number>;
  readOnly: boolean;
  onChange(marks: Record<string, number>): void;
}) {
  const { q, local } = useQualityText();
  return (
    <section className="quality-criteria">
      <h3>{q('qualityCriteria')}</h3>
      {!props.readOnly && <p className="muted">{q('qualityCriteriaHint', { max: CRITERION_MAX })}</p>}
      {props.criteria.map((c) => {
        const mark = props.marks[c.key];
        return (
          <fieldset key={c.key} className="quality-criterion" data-key={c.key} data-mark={mark ?? ''}>
            <legend>{local(c.label)}</legend>
            {local(c.definition) && <p className="quality-definition">{local(c.definition)}</p>}
            {props.readOnly ? (
              <output className="quality-mark">
                {mark === undefined ? q('qualityNotMarked') : `${mark} / ${CRITERION_MAX}`}
              </output>
            ) : (
              <div className="quality-marks" role="radiogroup" aria-label={local(c.label)}>
                {marksRange.map((n) => (
                  <label key={n} className={mark === n ? 'on' : ''}>
                    <input
                      type="radio"
                      name={`mark-${c.key}`}
                      value={n}
                      checked={mark === n}
                      onChange={() => props.onChange({ ...props.marks, [c.key]: n })}
                    />
                    <span>{n}</span>
                  </label>
                ))}
              </div>
            )}
          </fieldset>
        );
      })}
    </section>
  );
}

export function ErrorsEditor(props: {
  grades: Grade[];
  errors: DraftError[];
  messages: Map<string, string>;
  readOnly: boolean;
  onChange(errors: DraftError[]): void;
  onShow(messageId: string): void;
}) {
  const { q, local } = useQualityText();
  const set = (key: string, patch: Partial<DraftError>) =>
    props.onChange(props.errors.map((x) => (x.key === key ? { ...x, ...patch } : x)));
  return (
    <section className="quality-errors">
      <h3>{q('qualityErrors')}</h3>
      <dl className="quality-grades">
        {props.grades.map((g) => (
          <div key={g.key} data-grade={g.key}>
            <dt>
              {local(g.label)} <span className="muted">−{g.points}</span>
            </dt>
            <dd>{local(g.definition)}</dd>
          </div>
        ))}
      </dl>
      {!props.readOnly && <p className="muted">{q('qualityErrorsHint')}</p>}
      {props.errors.length === 0 && <p className="muted quality-errors-none">{q('qualityErrorsNone')}</p>}
      <ol className="quality-error-list">
        {props.errors.map((x) => {
          const grade = props.grades.find((g) => g.key === x.grade);
          return (
            <li key={x.key} className="quality-error" data-grade={x.grade} data-message={x.messageId}>
              <a
                href={`#m-${x.messageId}`}
                className="quality-error-at"
                onClick={(e) => {
                  e.preventDefault();
                  props.onShow(x.messageId);
                }}
              >
                {q('qualityAtMessage')}:{' '}
                <bdi>{props.messages.get(x.messageId) ?? q('qualityMessageGone', { id: x.messageId })}</bdi>
              </a>
              {props.readOnly ? (
                <>
                  <strong className="quality-error-grade">
                    {grade ? local(grade.label) : x.grade}
                    {grade ? ` −${grade.points}` : ''}
                  </strong>
                  {x.note && (
                    <p className="quality-error-note" dir="auto">
                      {x.note}
                    </p>
                  )}
                </>
              ) : (
                <>
                  <label>
                    <span>{q('qualityGrade')}</span>
                    <select
                      name="grade"
                      value={x.grade}
                      onChange={(e) => set(x.key, { grade: e.target.value as ErrorGrade })}
                    >
                      {props.grades.map((g) => (
                        <option key={g.key} value={g.key}>
                          {local(g.label)} (−{g.points})
                        </option>
                      ))}
                    </select>
                  </label>
                  {grade && <p className="quality-definition">{local(grade.definition)}</p>}
                  <label>
                    <span>{q('qualityNote')}</span>
                    <textarea
                      name="note"
                      rows={2}
                      dir="auto"
                      maxLength={2000}
                      value={x.note}
                      onChange={(e) => set(x.key, { note: e.target.value })}
                    />
                  </label>
                  <button
                    type="button"
                    className="link quality-error-remove"
                    onClick={() => props.onChange(props.errors.filter((y) => y.key !== x.key))}
                  >
                    {q('qualityRemove')}
                  </button>
                </>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** The score as the hub computes it: the weighted criteria, each grade's deduction, the result. */
export function ScoreBox(props: {
  criteria: Criterion[];
  grades: Grade[];
  marks: Record<string, number>;
  errors: { grade: ErrorGrade }[];
  /** What the hub stored (a submitted evaluation): shown instead of the preview. */
  stored?: ScoreBreakdown | null;
}) {
  const { q, lang, local } = useQualityText();
  const b = props.stored ?? scoreOf(props.criteria, props.grades, props.marks, props.errors);
  const score = b.score;
  return (
    <div className="quality-score" aria-live="polite">
      <span>{q('qualityScoreLive')}</span>
      <output className="quality-score-value" data-score={score}>
        {scoreText(score, lang)}
      </output>
      <span className="quality-breakdown muted">
        <bdi>{q('qualityCriteriaPart', { n: scoreText(b.criteria, lang) })}</bdi>
        {props.grades
          .filter((g) => b.deductions[g.key])
          .map((g) => (
            <bdi key={g.key} data-deduction={g.key}>
              {' · '}
              {q('qualityDeduction', { grade: local(g.label), n: scoreText(b.deductions[g.key], lang) })}
            </bdi>
          ))}
      </span>
    </div>
  );
}
