// The side panel's "Forms" section (issue 18, item 5): the agent picks one of the account's active forms
// (the 109 top-up among them), fills it field by field — the console's copy of the hub's evaluator
// (shared/forms/evaluate-answers.ts, zod-free) checks each answer as they type, shows the fields an answer
// asks for and composes the observation live — and saves it into the conversation. The hub checks again:
// its 400 `invalid_answers` lands beside each refused field. The responses of the conversation (observation,
// who, when) are listed under the form. Loaded apart from the console's first load (forms-section.tsx).
import { useCallback, useEffect, useMemo, useState } from 'react';
import { composeObservation, evaluateAnswers } from '#shared/forms/evaluate-answers.ts';
import type { AnswerErrorCode, FormDefinition, Text3 } from '#shared/forms/form-types.ts';
import { type Api, ApiError } from '../api.ts';
import { FormFieldInput, type RawAnswer } from './forms-field.tsx';
import { ResponseList } from './forms-responses.tsx';
import { announceSaved, type Form, type FormResponse, useFormsText } from './forms-text.ts';
import './forms.css';

export type FormsContact = {
  id?: string;
  name: string | null;
  attributes: Record<string, unknown>;
} | null;

/** Refusals that only mean "not finished typing yet": shown once the agent leaves the field. */
const whileTyping = new Set<AnswerErrorCode>([
  'required',
  'wrong_digits',
  'too_short',
  'not_a_national_id',
  'not_a_phone',
  'not_a_date',
]);

type HubError = { code: string; message: Text3 };

/**
 * What the contact already tells, for the fields that obviously ask for it: the service (Fijacom) number,
 * the holder's name and CI. Only fields whose key says so; the agent checks them before saving.
 */
export function prefillFrom(form: Form, contact: FormsContact): Record<string, RawAnswer> {
  if (!contact) return {};
  const attr = (k: string) => {
    const v = contact.attributes?.[k];
    return typeof v === 'string' || typeof v === 'number' ? String(v).trim() : '';
  };
  const out: Record<string, RawAnswer> = {};
  for (const field of form.fields) {
    if (field.showIf) continue;
    const k = field.key;
    let v = '';
    if (/fijacom|servicio|service_number|numero_linea/.test(k)) v = attr('serviceNumber');
    else if (/^titular_(ci|carnet)$|^ci_titular$/.test(k)) v = attr('nationalId');
    else if (/^titular_nombre$|^nombre_titular$/.test(k)) v = contact.name?.trim() ?? '';
    if (v) out[k] = v;
  }
  return out;
}

export default function FormsPanel(props: {
  api: Api;
  conversationId: string;
  contact: FormsContact;
  /** QA reads the responses and fills none. */
  mayFill: boolean;
}) {
  const { f, lang, name } = useFormsText();
  const [forms, setForms] = useState<Form[] | null>(null);
  const [formId, setFormId] = useState('');
  const [raw, setRaw] = useState<Record<string, RawAnswer>>({});
  const [typed, setTyped] = useState<Set<string>>(new Set());
  const [left, setLeft] = useState<Set<string>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const [hubErrors, setHubErrors] = useState<Record<string, HubError>>({});
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<{ text: string; bad: boolean } | null>(null);
  const [prefilled, setPrefilled] = useState(false);
  const [responses, setResponses] = useState<FormResponse[] | null>(null);

  useEffect(() => {
    if (!props.mayFill) {
      setForms([]);
      return;
    }
    props.api
      .get<Form[]>('/forms')
      .then((r) => setForms(r.data.filter((x) => x.active)))
      .catch(() => setForms([]));
  }, [props.api, props.mayFill]);
  const loadResponses = useCallback(
    () =>
      props.api
        .get<FormResponse[]>(`/conversations/${props.conversationId}/form-responses`)
        .then((r) => setResponses(r.data))
        .catch(() => setResponses([])),
    [props.api, props.conversationId],
  );
  useEffect(() => {
    loadResponses();
  }, [loadResponses]);

  const form = forms?.find((x) => x.id === formId) ?? null;
  const def = useMemo<FormDefinition | null>(
    () => form && { fields: form.fields, observation: form.observation, locale: form.locale },
    [form],
  );
  const evaluation = useMemo(() => (def ? evaluateAnswers(def, raw) : null), [def, raw]);

  const reset = (next: Form | null) => {
    const fill = next ? prefillFrom(next, props.contact) : {};
    setRaw(fill);
    setPrefilled(Object.keys(fill).length > 0);
    setTyped(new Set());
    setLeft(new Set());
    setAttempted(false);
    setHubErrors({});
  };
  // Another conversation: start over.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the conversation changes
  useEffect(() => {
    setFormId('');
    reset(null);
    setNotice(null);
  }, [props.conversationId]);

  const choose = (id: string) => {
    setFormId(id);
    setNotice(null);
    reset(forms?.find((x) => x.id === id) ?? null);
  };
  const change = (key: string, value: RawAnswer) => {
    setRaw((r) => ({ ...r, [key]: value }));
    setTyped((s) => new Set(s).add(key));
    setHubErrors(({ [key]: _, ...rest }) => rest);
    setNotice(null);
  };
  const errorOf = (key: string) => {
    const hub = hubErrors[key];
    if (hub) return { text: hub.message[lang], code: hub.code, fromHub: true };
    if (!evaluation || evaluation.ok) return null;
    const mine = evaluation.errors.find((e) => e.field === key);
    if (!mine) return null;
    const shown =
      attempted || left.has(key) || (typed.has(key) && !whileTyping.has(mine.code as AnswerErrorCode));
    return shown ? { text: mine.message[lang], code: mine.code, fromHub: false } : null;
  };

  const save = async () => {
    if (!form || !evaluation) return;
    if (!evaluation.ok) {
      setAttempted(true);
      setNotice({ text: f('formsFix'), bad: true });
      return;
    }
    const answers: Record<string, RawAnswer> = {};
    for (const key of evaluation.visible)
      if (raw[key] !== undefined && raw[key] !== '') answers[key] = raw[key];
    setSaving(true);
    try {
      const r = await props.api.post<FormResponse>(`/conversations/${props.conversationId}/form-responses`, {
        formId: form.id,
        answers,
      });
      setResponses((list) => [r.data, ...(list ?? []).filter((x) => x.id !== r.data.id)]);
      announceSaved(r.data);
      setFormId('');
      reset(null);
      setNotice({ text: f('formsSaved'), bad: false });
    } catch (e) {
      const fields = e instanceof ApiError && e.code === 'invalid_answers' ? e.error?.fields : null;
      if (Array.isArray(fields)) {
        const byField: Record<string, HubError> = {};
        for (const x of fields as { field: string; code: string; message: Text3 }[])
          byField[x.field] ??= { code: x.code, message: x.message };
        setHubErrors(byField);
        setNotice({ text: f('formsHubRefused'), bad: true });
      } else {
        setNotice({ text: f('formsFailed', { error: (e as Error).message }), bad: true });
      }
    } finally {
      setSaving(false);
    }
  };

  if (forms === null) return null;
  const visible = new Set(evaluation?.visible ?? []);
  const observation = def && evaluation ? composeObservation(def, evaluation.answers) : null;
  return (
    <section className="forms-panel" aria-label={f('forms')}>
      <h3>{f('forms')}</h3>
      {!props.mayFill ? null : forms.length === 0 ? (
        <p className="muted">{f('formsNone')}</p>
      ) : (
        <label className="forms-pick">
          <span>{f('formsPick')}</span>
          <select name="form" value={formId} onChange={(e) => choose(e.target.value)}>
            <option value="">{f('formsChoose')}</option>
            {forms.map((x) => (
              <option key={x.id} value={x.id} data-key={x.key}>
                {name(x.name)}
              </option>
            ))}
          </select>
        </label>
      )}
      {form && def && (
        <form
          className="forms-fill"
          data-form={form.key}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          {form.description && <p className="muted forms-description">{name(form.description)}</p>}
          {prefilled && <p className="forms-prefilled">{f('formsPrefilled')}</p>}
          {def.fields
            .filter((field) => visible.has(field.key))
            .map((field) => (
              <FormFieldInput
                key={field.key}
                field={field}
                value={raw[field.key]}
                error={errorOf(field.key)}
                onChange={(v) => change(field.key, v)}
                onBlur={() => setLeft((s) => (s.has(field.key) ? s : new Set(s).add(field.key)))}
              />
            ))}
          {def.observation !== null && (
            <div className="forms-observation">
              <span className="forms-label">{f('formsObservation')}</span>
              <output lang={form.locale} dir={form.locale === 'ar' ? 'rtl' : 'ltr'} aria-live="polite">
                {observation || <span className="muted">{f('formsObservationEmpty')}</span>}
              </output>
            </div>
          )}
          <div className="forms-actions">
            <button type="submit" className="primary" disabled={saving}>
              {saving ? f('formsSaving') : f('formsSave')}
            </button>
            <button type="button" onClick={() => choose('')}>
              {f('formsClear')}
            </button>
          </div>
        </form>
      )}
      {notice && (
        <p
          className={notice.bad ? 'forms-notice bad' : 'forms-notice'}
          role={notice.bad ? 'alert' : 'status'}
        >
          {notice.text}
        </p>
      )}
      <h4>{f('formsFilledHere')}</h4>
      {responses && responses.length === 0 && <p className="muted">{f('formsFilledNone')}</p>}
      <ResponseList responses={responses ?? []} />
    </section>
  );
}
